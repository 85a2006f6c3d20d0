package com.csmflow.problem;

import static com.csmflow.engine.CaseVariables.*;
import static com.csmflow.problem.ProblemProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.TestServers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * End to end on embedded PostgreSQL with a real SMTP server (GreenMail): a problem requested by a failed
 * change gets its RCA mailed to the client's contacts, and its actions appear in the SIP register API.
 */
@CsmFlowTest
class ProblemRcaIntegrationTest {

    static final Instant TUESDAY_MORNING = Instant.parse("2026-12-01T09:00:00Z");

    @Autowired
    ProcessEngine engine;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    ProblemDriver driver;

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(TUESDAY_MORNING));
        driver = new ProblemDriver(engine, jdbc);
        if (engine.getRepositoryService()
                        .createProcessDefinitionQuery()
                        .processDefinitionKey("problem-request-sender")
                        .count()
                == 0) {
            engine.getRepositoryService()
                    .createDeployment()
                    .name("problem-test-sender")
                    .addClasspathResource("problem/problem-request-sender.bpmn")
                    .deploy();
        }
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aProblemRequestedByAFailedChangeMailsItsRcaAndListsItsActions() throws Exception {
        String change = "CHG-2026-" + UUID.randomUUID().toString().substring(0, 6);
        engine.getRuntimeService()
                .startProcessInstanceByKey(
                        "problem-request-sender",
                        change,
                        Map.of(
                                SOURCE_TYPE.name(),
                                "change",
                                CLIENT_REFERENCE.name(),
                                ProblemDriver.CLIENT,
                                SUMMARY.name(),
                                "Firmware upgrade of the core switch failed and was rolled back",
                                PRIORITY.name(),
                                "P2"));
        String problem = problemRequestedBy(change);

        rcaToClient(problem, change);
    }

    /** Issue 14: a retired client got a new problem; like changes and escalations it is now a 400. */
    @Test
    void aRetiredClientGetsNoNewProblemChangeOrEscalation() throws Exception {
        String client = "RET-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("reference", client);
        body.put("name", "Retired Client Ltd");
        body.put("tier", "STANDARD");
        body.put("language", "en");
        body.put("timeZone", "Europe/London");
        body.put("businessDayStart", "09:00");
        body.put("businessDayEnd", "17:00");
        body.put("businessDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"));
        body.put("holidayRegion", "GB");
        body.put(
                "contacts",
                List.of(Map.of(
                        "name",
                        "Ann Old",
                        "email",
                        "ann@retired.example",
                        "role",
                        "IT",
                        "receivesServiceNotices",
                        true)));
        assertThat(send("/api/clients", body).getStatusCode().value()).isEqualTo(201);
        assertThat(send("/api/clients/" + client + "/retire", null)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        Integer problemsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM problem", Integer.class);

        var problem =
                send("/api/problems", Map.of("clientReference", client, "summary", "Disk failures", "priority", "P3"));
        var escalation = send(
                "/api/escalations", Map.of("clientReference", client, "subject", "Down", "reportedImpact", "high"));
        for (var refused : List.of(problem, escalation)) {
            assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
            assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(json.readTree(refused.getBody()).toString()).contains("clientReference", "no active client");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM problem", Integer.class))
                .isEqualTo(problemsBefore);
    }

    private org.springframework.http.ResponseEntity<String> send(String path, Object body) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        return rest.withBasicAuth("csm", "csm")
                .postForEntity(path, new org.springframework.http.HttpEntity<>(body, headers), String.class);
    }

    /**
     * The real thing: a standard change in the change workflow (bpmn/change-request.bpmn, branch change) is
     * scheduled, its notice and window timers pass, its implementation fails and is rolled back; the change
     * workflow publishes problem-requested, and the problem's RCA reaches the client.
     */
    @Test
    void aFailedChangeInTheChangeWorkflowEndsInAProblemWhoseRcaReachesTheClientAndWhoseActionsAreListed()
            throws Exception {
        // a Friday-morning window in Munich: the RCA mail that follows goes out in business hours
        java.time.ZonedDateTime window =
                java.time.ZonedDateTime.of(2026, 12, 11, 10, 0, 0, 0, java.time.ZoneId.of("Europe/Berlin"));
        Map<String, Object> request = new java.util.HashMap<>();
        request.put("clientReference", ProblemDriver.CLIENT);
        request.put("title", "Firmware upgrade of the core switch");
        request.put("description", "Upgrade the core switch to firmware 9.4");
        request.put("requestedType", "standard");
        request.put("nonStandard", false);
        request.put("impactedServices", "Networking");
        request.put("urgency", "low");
        request.put("impact", "low");
        request.put("windowStart", window.toOffsetDateTime().toString());
        request.put("windowEnd", window.plusHours(2).toOffsetDateTime().toString());
        request.put("billable", false);
        request.put("requesterEmail", "it@alpenwerk.example");
        ProcessInstance change = engine.getRuntimeService().startProcessInstanceByKey("change-request", request);
        String changeKey = engine.getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceId(change.getId())
                .singleResult()
                .getBusinessKey();

        driveChangeUntilProblemRequested(change.getId(), changeKey);
        String problem = problemRequestedBy(changeKey);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM register_entry WHERE register = 'undelivered-message'"
                                + " AND reference = ?",
                        Integer.class,
                        "problem-requested:" + changeKey))
                .isZero();

        rcaToClient(problem, changeKey);
    }

    /** Completes the change's tasks (failing the implementation) and moves the clock to its timers. */
    private void driveChangeUntilProblemRequested(String changeInstance, String changeKey) {
        for (int step = 0; step < 40; step++) {
            if (engine.getRuntimeService()
                            .createProcessInstanceQuery()
                            .processDefinitionKey(KEY)
                            .variableValueEquals(SOURCE_BUSINESS_KEY.name(), changeKey)
                            .count()
                    > 0) {
                return;
            }
            List<org.camunda.bpm.engine.runtime.Job> due = engine.getManagementService()
                    .createJobQuery()
                    .processInstanceId(changeInstance)
                    .executable()
                    .list();
            if (!due.isEmpty()) {
                due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
                continue;
            }
            List<org.camunda.bpm.engine.task.Task> tasks = engine.getTaskService()
                    .createTaskQuery()
                    .processInstanceId(changeInstance)
                    .list();
            if (!tasks.isEmpty()) {
                org.camunda.bpm.engine.task.Task task = tasks.get(0);
                Map<String, Object> answer = switch (task.getTaskDefinitionKey()) {
                    case "Task_ScheduleChange" -> Map.of();
                    case "Task_ImplementChange" ->
                        Map.of(
                                "implementationResult",
                                "failed",
                                "implementationNotes",
                                "Switch did not boot the new firmware: boot partition full");
                    case "Task_RollBack" -> Map.of("rollbackNotes", "Previous firmware restored from the backup slot");
                    default -> throw new AssertionError("unexpected change task " + task.getTaskDefinitionKey());
                };
                engine.getTaskService().complete(task.getId(), answer);
                continue;
            }
            org.camunda.bpm.engine.runtime.Job timer = engine
                    .getManagementService()
                    .createJobQuery()
                    .processInstanceId(changeInstance)
                    .timers()
                    .orderByJobDuedate()
                    .asc()
                    .list()
                    .stream()
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("change " + changeKey + " is stuck"));
            ClockUtil.setCurrentTime(timer.getDuedate());
        }
        throw new AssertionError("change " + changeKey + " did not request a problem");
    }

    /** Finds the problem a problem-requested message opened and runs its first job. */
    String problemRequestedBy(String sourceBusinessKey) {
        ProcessInstance requested = engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(KEY)
                .variableValueEquals(SOURCE_BUSINESS_KEY.name(), sourceBusinessKey)
                .singleResult();
        assertThat(requested)
                .as("problem-rca started by problem-requested from %s", sourceBusinessKey)
                .isNotNull();
        engine.getManagementService()
                .executeJob(engine.getManagementService()
                        .createJobQuery()
                        .processInstanceId(requested.getId())
                        .singleResult()
                        .getId());
        return engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceId(requested.getId())
                .singleResult()
                .getBusinessKey();
    }

    /** The RCA of the problem reaches the client's contacts by mail; its actions are listed by the SIP API. */
    void rcaToClient(String problem, String change) throws Exception {
        JsonNode row =
                json.readTree(rest.withBasicAuth("csm", "csm").getForObject("/api/problems/" + problem, String.class));
        assertThat(row.path("sourceType").asText()).isEqualTo("change");
        assertThat(row.path("sourceReference").asText()).isEqualTo(change);

        driver.determineAndAccept(
                problem,
                String.join(
                        "\n",
                        "Test firmware upgrades on the lab switch first | cse | 2026-12-15",
                        "Add a pre-check of the boot partition to the change template | delivery-manager | 2026-12-22"));
        driver.complete(
                problem,
                TASK_WRITE_CLIENT_RCA,
                "csm",
                Map.of(
                        CLIENT_RCA.name(),
                        "On 30 November the firmware upgrade of your core switch failed because the boot partition was full. "
                                + "The change was rolled back within the maintenance window."));
        driver.complete(
                problem,
                TASK_APPROVE_CLIENT_RCA,
                "service-manager",
                Map.of(CLIENT_RCA_DECISION.name(), "approve", APPROVAL_COMMENTS.name(), ""));
        driver.runDueJobs(problem);

        List<MimeMessage> rcaMails = Arrays.stream(TestServers.mail().getReceivedMessages())
                .filter(mail -> subject(mail).startsWith("Ursachenanalyse " + problem + ": "))
                .toList();
        assertThat(rcaMails)
                .as("RCA mails; outbox: %s", driver.outbox(problem, "problem-rca-client"))
                .isNotEmpty();
        assertThat(subject(rcaMails.get(0)))
                .isEqualTo("Ursachenanalyse " + problem + ": "
                        + row.path("summary").asText());
        assertThat(rcaMails)
                .flatExtracting(mail -> Arrays.stream(mail.getAllRecipients())
                        .map(Address::toString)
                        .toList())
                .containsExactlyInAnyOrder("k.huber@alpenwerk.example", "f.wimmer@alpenwerk.example");
        assertThat(body(rcaMails.get(0))).contains("boot partition was full");
        assertThat(driver.status(problem)).isEqualTo("ACTIONS_IN_PROGRESS");

        JsonNode actions = json.readTree(rest.withBasicAuth("csm", "csm")
                .getForObject("/api/sip-actions?clientReference=ALPENWERK&sourceReference=" + problem, String.class));
        assertThat(actions).hasSize(2);
        assertThat(actions.findValuesAsText("description"))
                .containsExactly(
                        "Test firmware upgrades on the lab switch first",
                        "Add a pre-check of the boot partition to the change template");
        assertThat(actions.findValuesAsText("status")).containsOnly("OPEN");
        assertThat(actions.findValuesAsText("targetDate")).containsExactly("2026-12-15", "2026-12-22");
        assertThat(actions.get(1).path("ownerGroup").asText()).isEqualTo("delivery-manager");
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage mail) throws Exception {
        Object content = mail.getContent();
        if (content instanceof String text) {
            return text;
        }
        jakarta.mail.Multipart multipart = (jakarta.mail.Multipart) content;
        StringBuilder all = new StringBuilder();
        collect(multipart, all);
        return all.toString();
    }

    private static void collect(jakarta.mail.Multipart multipart, StringBuilder all) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            Object part = multipart.getBodyPart(i).getContent();
            if (part instanceof String text) {
                all.append(text);
            } else if (part instanceof jakarta.mail.Multipart nested) {
                collect(nested, all);
            }
        }
    }
}
