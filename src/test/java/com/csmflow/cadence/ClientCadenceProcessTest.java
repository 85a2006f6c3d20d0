package com.csmflow.cadence;

import static com.csmflow.cadence.CadenceProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.csmflow.api.InvalidInputException;
import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ongoing cadence per tier (issue 18 item 5) with the engine clock moved: a Standard client gets the
 * weekly health check, the monthly executive summary and the quarterly review, never the weekly contact
 * updates; an Enhanced client gets the weekly contact updates and no quarterly review; the yearly continuity
 * test only where it was agreed. Tasks name the case and client and are due within the client's business
 * hours; a cycle missed while its task is open does not stack a second task; the end message ends it all;
 * starting twice keeps one cadence per client.
 */
@CsmFlowTest
class ClientCadenceProcessTest {

    /** Monday 7 December 2026, 09:00 in London (GMT): the cadence's first day. */
    static final Instant MONDAY_MORNING = Instant.parse("2026-12-07T09:00:00Z");

    private static final Set<String> DRIVEN = new HashSet<>();
    private static ProcessEngine coverageEngine;

    @Autowired
    ProcessEngine engine;

    @Autowired
    CadenceService cadences;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING));
        coverageEngine = engine;
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aStandardClientGetsHealthChecksSummariesAndQuarterlyReviewsButNoWeeklyContactUpdates() {
        String client = newClient("STANDARD");
        String cadence = start(client, false);
        ProcessInstance instance = instance(cadence);
        assertThat(instance)
                .hasPassed(TASK_OPEN)
                .isWaitingAt(
                        timer(CadenceItem.HEALTH_CHECK),
                        timer(CadenceItem.EXECUTIVE_SUMMARY),
                        timer(CadenceItem.CONTACT_UPDATE),
                        timer(CadenceItem.QUARTERLY_REVIEW),
                        timer(CadenceItem.CONTACT_LIST_REVIEW),
                        timer(CadenceItem.THRESHOLD_REVIEW),
                        timer(CadenceItem.CONTINUITY_TEST),
                        timer(CadenceItem.OPERATIONAL_CALL),
                        timer(CadenceItem.ACCOUNT_REVIEW));
        // the first health check is a week after the first day, at the client's opening (09:00 London)
        assertThat(timerDue(cadence, CadenceItem.HEALTH_CHECK)).isEqualTo(Instant.parse("2026-12-14T09:00:00Z"));
        assertThat(jdbc.queryForObject("SELECT status FROM client_cadence WHERE reference = ?", String.class, cadence))
                .isEqualTo("ACTIVE");

        // one week on: the CSE's health check, due the same working day at closing; no contact update
        moveTo("2026-12-14T09:00:01Z", cadence);
        Task healthCheck = task(cadence, TASK_HEALTH_CHECK);
        assertThat(healthCheck).hasCandidateGroup("cse");
        assertThat(healthCheck.getName()).contains(cadence).contains(client);
        assertThat(healthCheck.getDueDate().toInstant()).isEqualTo(Instant.parse("2026-12-14T17:00:00Z"));
        assertThat(tasks(cadence, TASK_CONTACT_UPDATE)).isEmpty();
        assertThat(instance).hasPassed("Gateway_ContactUpdateApplies").hasNotPassed(TASK_CONTACT_UPDATE);
        complete(healthCheck, "cse", Map.of(HEALTH_STATUS.name(), "green", FINDINGS.name(), "all fine"));
        assertThat(timerDue(cadence, CadenceItem.HEALTH_CHECK)).isEqualTo(Instant.parse("2026-12-21T09:00:00Z"));

        // the next health check is left open for weeks: its missed cycles do not stack a second task
        moveTo("2027-01-07T09:00:01Z", cadence);
        assertThat(tasks(cadence, TASK_HEALTH_CHECK)).hasSize(1);
        // the operational call every two weeks (first on 21 December), the CSM's
        Task call = task(cadence, TASK_OPERATIONAL_CALL);
        assertForTheCsm(call);
        assertThat(call.getName()).contains(cadence).contains(client);
        complete(
                call,
                "csm",
                Map.of(
                        "operationalCallHeldOn", "2026-12-21",
                        "operationalCallOpenItems", "two open tickets on the VPN",
                        "operationalCallMaintenance", "firmware window on 9 January"));
        assertThat(timerDue(cadence, CadenceItem.OPERATIONAL_CALL)).isAfter(Instant.parse("2027-01-07T09:00:01Z"));
        // a month on: the CSM's executive summary, due three working days later (over the weekend)
        Task summary = task(cadence, TASK_EXECUTIVE_SUMMARY);
        assertForTheCsm(summary);
        assertThat(summary.getName()).contains(cadence).contains(client);
        assertThat(summary.getDueDate().toInstant()).isEqualTo(Instant.parse("2027-01-11T17:00:00Z"));
        complete(
                summary,
                "csm",
                Map.of("executiveSummaryReport", "quiet month", "executiveSummarySentOn", "2027-01-08"));
        // the late health check: the cycles that passed meanwhile are skipped, the next one is in the future
        complete(
                task(cadence, TASK_HEALTH_CHECK),
                "cse",
                Map.of(HEALTH_STATUS.name(), "amber", FINDINGS.name(), "disk"));
        Instant next = timerDue(cadence, CadenceItem.HEALTH_CHECK);
        assertThat(next).isAfter(Instant.parse("2027-01-07T09:00:01Z"));
        assertThat(next).isEqualTo(Instant.parse("2027-01-11T09:00:00Z"));
        assertThat(variable(cadence, "healthCheckCycle")).isEqualTo(5L);
        assertThat((String) variable(cadence, "healthCheckText")).contains("missed");

        // a quarter on (7 March 2027 is a Sunday: Monday 8 March at 09:00): the quarterly review and both reviews
        moveTo("2027-03-08T09:00:01Z", cadence);
        Task review = task(cadence, TASK_QUARTERLY_REVIEW);
        assertForTheCsm(review);
        assertThat(review.getName()).contains(client);
        assertForTheCsm(task(cadence, TASK_CONTACT_LIST_REVIEW));
        assertForTheCsm(task(cadence, TASK_THRESHOLD_REVIEW));
        complete(review, "csm", Map.of("quarterlyReviewMeetingOn", "2027-03-10", "quarterlyReviewOutcome", "fine"));
        complete(
                task(cadence, TASK_CONTACT_LIST_REVIEW),
                "csm",
                Map.of(
                        "contactListChanged",
                        false,
                        "contactListNotes",
                        "ok",
                        "playbookChanges",
                        "baseline for the new firewall firmware"));
        complete(
                task(cadence, TASK_THRESHOLD_REVIEW),
                "csm",
                Map.of("thresholdsChanged", true, "thresholdReviewNotes", "CPU 90"));
        assertThat(tasks(cadence, TASK_CONTACT_UPDATE)).isEmpty();
        assertThat(variable(cadence, "continuityTestApplies")).isEqualTo(false);

        // the quarterly account review: the CSM finds the client's data wrong and a data-correction ticket is raised
        Task account = task(cadence, TASK_ACCOUNT_REVIEW);
        assertForTheCsm(account);
        Map<String, Object> wrongData = new LinkedHashMap<>();
        wrongData.put("serviceInformationCorrect", false);
        wrongData.put("accountPlan", "renewal talks in Q3, monitoring gaps to close");
        wrongData.put("billingDetailsCurrent", true);
        // saying the data is wrong without saying what is wrong is refused, naming the field; nothing is raised
        Throwable refused = catchThrowable(() -> complete(account, "csm", wrongData));
        assertThat(refused).isInstanceOf(InvalidInputException.class);
        assertThat(((InvalidInputException) refused).field()).isEqualTo("dataCorrection");
        assertThat(dataCorrectionTickets(client)).isEmpty();
        wrongData.put("dataCorrection", "billing contact left the company; new one is Ms Ortiz");
        complete(task(cadence, TASK_ACCOUNT_REVIEW), "csm", wrongData);
        List<Map<String, Object>> tickets = dataCorrectionTickets(client);
        assertThat(tickets).hasSize(1);
        assertThat(tickets.get(0))
                .containsEntry("requester_email", "csm@demo.csmflow.example")
                .containsEntry("priority", "P4");
        assertThat((String) tickets.get(0).get("description"))
                .contains("Ms Ortiz")
                .contains(cadence);
        String ticket = (String) tickets.get(0).get("reference");
        assertThat(variable(cadence, "dataCorrectionTicket")).isEqualTo(ticket);
        assertThat(instance).hasPassed("Task_RaiseDataCorrection");
        // the ticket is a service desk request like any other: in the CSMs' queue
        assertThat(engine.getTaskService()
                        .createTaskQuery()
                        .processInstanceBusinessKey(ticket)
                        .taskDefinitionKey("Task_HandleRequest")
                        .count())
                .isEqualTo(1);

        // a year on: no continuity test was agreed, so none comes
        moveTo("2027-12-08T09:00:01Z", cadence);
        assertThat(tasks(cadence, TASK_CONTINUITY_TEST)).isEmpty();
        assertThat(instance).hasPassed("Gateway_ContinuityTestApplies").hasNotPassed(TASK_CONTINUITY_TEST);
        assertThat(tasks(cadence, TASK_CONTACT_UPDATE)).isEmpty();
        assertThat(tasks(cadence, TASK_HEALTH_CHECK)).hasSize(1);
    }

    @Test
    void anEnhancedClientGetsWeeklyContactUpdatesNoQuarterlyReviewAndTheAgreedContinuityTest() {
        String client = newClient("ENHANCED");
        String cadence = start(client, true);

        moveTo("2026-12-14T09:00:01Z", cadence);
        Task update = task(cadence, TASK_CONTACT_UPDATE);
        assertForTheCsm(update);
        assertThat(update.getName()).contains(cadence).contains(client);
        assertThat(update.getDueDate().toInstant()).isEqualTo(Instant.parse("2026-12-14T17:00:00Z"));
        assertThat(task(cadence, TASK_HEALTH_CHECK)).hasCandidateGroup("cse");
        complete(update, "csm", Map.of("contactUpdateText", "week 50", "contactUpdateRecipients", "IT lead"));
        complete(task(cadence, TASK_HEALTH_CHECK), "cse", Map.of(HEALTH_STATUS.name(), "green", FINDINGS.name(), "ok"));

        // the next week brings the next update
        moveTo("2026-12-21T09:00:01Z", cadence);
        complete(
                task(cadence, TASK_CONTACT_UPDATE),
                "csm",
                Map.of("contactUpdateText", "week 51", "contactUpdateRecipients", "IT lead"));
        assertThat(variable(cadence, "contactUpdateCycle")).isEqualTo(3L);

        // a quarter on: the contact list and threshold reviews, but no quarterly review for Enhanced
        moveTo("2027-03-08T09:00:01Z", cadence);
        assertThat(tasks(cadence, TASK_QUARTERLY_REVIEW)).isEmpty();
        assertThat(instance(cadence))
                .hasPassed("Gateway_QuarterlyReviewApplies")
                .hasNotPassed(TASK_QUARTERLY_REVIEW);
        assertThat(tasks(cadence, TASK_CONTACT_LIST_REVIEW)).hasSize(1);
        assertThat(tasks(cadence, TASK_THRESHOLD_REVIEW)).hasSize(1);
        assertThat(tasks(cadence, TASK_EXECUTIVE_SUMMARY)).hasSize(1);
        // the account review with correct data raises nothing
        complete(
                task(cadence, TASK_ACCOUNT_REVIEW),
                "csm",
                Map.of(
                        "serviceInformationCorrect", true,
                        "accountPlan", "expand to a second site",
                        "billingDetailsCurrent", true));
        assertThat(dataCorrectionTickets(client)).isEmpty();
        assertThat(instance(cadence)).hasPassed("Gateway_DataCorrection").hasNotPassed("Task_RaiseDataCorrection");

        // a year on: the agreed continuity test, due ten working days later
        moveTo("2027-12-07T09:00:01Z", cadence);
        Task test = task(cadence, TASK_CONTINUITY_TEST);
        assertForTheCsm(test);
        assertThat(test.getDueDate().toInstant()).isEqualTo(Instant.parse("2027-12-20T17:00:00Z"));
        complete(
                test,
                "csm",
                Map.of(
                        "continuityTestedOn",
                        "2027-12-09",
                        "continuityTestResult",
                        "passed",
                        "continuityTestNotes",
                        "ok"));
        assertThat(timerDue(cadence, CadenceItem.CONTINUITY_TEST)).isEqualTo(Instant.parse("2028-12-07T09:00:00Z"));
    }

    @Test
    void theEndMessageEndsTheCadenceAndItsOpenTasksAndAClientKeepsOneCadence() throws Exception {
        String client = newClient("ENHANCED");
        String cadence = start(client, false);
        // starting again while it runs answers the running cadence
        assertThat(start(client, true)).isEqualTo(cadence);
        assertThat(engine.getRuntimeService()
                        .createProcessInstanceQuery()
                        .processDefinitionKey(KEY)
                        .variableValueEquals("clientReference", client)
                        .count())
                .isEqualTo(1);

        moveTo("2026-12-14T09:00:01Z", cadence);
        assertThat(tasks(cadence, TASK_HEALTH_CHECK)).hasSize(1);
        ProcessInstance instance = instance(cadence);

        ResponseEntity<String> shown =
                rest.withBasicAuth("cse", "cse").getForEntity("/api/clients/" + client + "/cadence", String.class);
        assertThat(shown.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode view = json.readTree(shown.getBody());
        assertThat(view.path("reference").asText()).isEqualTo(cadence);
        assertThat(view.path("items")).hasSize(CadenceItem.values().length);
        assertThat(view.path("items").get(0).path("item").asText()).isEqualTo("HEALTH_CHECK");
        assertThat(view.path("items").get(0).path("cycle").asLong()).isEqualTo(1);

        // the CSE may not end it; the reason is required
        assertThat(post("cse", client, Map.of("reason", "x")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> noReason = post("csm", client, Map.of());
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getBody()).contains("reason");

        ResponseEntity<String> ended = post("csm", client, Map.of("reason", "Contract not renewed"));
        assertThat(ended.getStatusCode()).as(ended.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(ended.getBody()).contains(cadence);
        assertThat(instance)
                .hasPassed(BOUNDARY_SERVICE_ENDED, TASK_CLOSE, END_ENDED)
                .isEnded();
        assertThat(engine.getTaskService()
                        .createTaskQuery()
                        .processInstanceBusinessKey(cadence)
                        .count())
                .isZero();
        assertThat(jdbc.queryForMap(
                        "SELECT status, end_reason, active_client_reference FROM client_cadence WHERE reference = ?",
                        cadence))
                .containsEntry("status", "ENDED")
                .containsEntry("end_reason", "Contract not renewed")
                .containsEntry("active_client_reference", null);
        assertThat(post("csm", client, Map.of("reason", "again")).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.withBasicAuth("cse", "cse")
                        .getForEntity("/api/clients/" + client + "/cadence", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        // a later onboarding starts a new cadence for the client
        String again = start(client, false);
        assertThat(again).isNotEqualTo(cadence);
        assertThat(cadences.active(client)).isPresent();
        assertThat(cadences.endFor(client, "test done")).contains(again);
        assertThat(cadences.active(client)).isEmpty();
    }

    @AfterAll
    static void flowNodeCoverageIsComplete() {
        String definition = coverageEngine
                .getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(KEY)
                .latestVersion()
                .singleResult()
                .getId();
        Set<String> nodes =
                coverageEngine
                        .getRepositoryService()
                        .getBpmnModelInstance(definition)
                        .getModelElementsByType(FlowNode.class)
                        .stream()
                        .map(FlowNode::getId)
                        .collect(Collectors.toSet());
        Set<String> covered = new HashSet<>();
        for (String key : DRIVEN) {
            coverageEngine
                    .getHistoryService()
                    .createHistoricActivityInstanceQuery()
                    .processInstanceId(coverageEngine
                            .getHistoryService()
                            .createHistoricProcessInstanceQuery()
                            .processDefinitionKey(KEY)
                            .processInstanceBusinessKey(key)
                            .singleResult()
                            .getId())
                    .list()
                    .stream()
                    .map(HistoricActivityInstance::getActivityId)
                    .forEach(covered::add);
        }
        Set<String> missing = new HashSet<>(nodes);
        missing.removeAll(covered);
        assertThat(missing).as("flow nodes of client-cadence no test passed").isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private List<Map<String, Object>> dataCorrectionTickets(String client) {
        return jdbc.queryForList(
                "SELECT reference, requester_email, priority, description FROM service_desk_request"
                        + " WHERE client_reference = ? AND category = 'DATA_CORRECTION'",
                client);
    }

    private String start(String client, boolean continuity) {
        String cadence = cadences.startFor(client, continuity, "TEST");
        DRIVEN.add(cadence);
        return cadence;
    }

    private String newClient(String tier) {
        Map<String, Object> body = new LinkedHashMap<>();
        String reference =
                "CADT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        body.put("reference", reference);
        body.put("name", "Cadence test client " + reference);
        body.put("tier", tier);
        body.put("language", "en");
        body.put("timeZone", "Europe/London");
        body.put("businessDayStart", "09:00");
        body.put("businessDayEnd", "17:00");
        body.put("businessDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"));
        body.put("holidayRegion", "GB");
        body.put("designatedCsm", "csm");
        body.put("cseTeam", List.of("cse"));
        ResponseEntity<String> created =
                rest.withBasicAuth("csm", "csm").postForEntity("/api/clients", body, String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        return reference;
    }

    private ResponseEntity<String> post(String user, String client, Object body) {
        return rest.withBasicAuth(user, user)
                .postForEntity("/api/clients/" + client + "/cadence/end", body, String.class);
    }

    private ProcessInstance instance(String cadence) {
        ProcessInstance instance = engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(KEY)
                .processInstanceBusinessKey(cadence)
                .singleResult();
        assertThat(instance).as("running cadence %s", cadence).isNotNull();
        return instance;
    }

    private Instant timerDue(String cadence, CadenceItem item) {
        Job job = engine.getManagementService()
                .createJobQuery()
                .processInstanceId(instance(cadence).getId())
                .activityId(timer(item))
                .singleResult();
        assertThat(job).as("timer of %s", item).isNotNull();
        return job.getDuedate().toInstant();
    }

    private Object variable(String cadence, String name) {
        return engine.getRuntimeService().getVariable(instance(cadence).getId(), name);
    }

    private List<Task> tasks(String cadence, String taskKey) {
        return engine.getTaskService()
                .createTaskQuery()
                .processInstanceBusinessKey(cadence)
                .taskDefinitionKey(taskKey)
                .list();
    }

    private Task task(String cadence, String taskKey) {
        List<Task> tasks = tasks(cadence, taskKey);
        assertThat(tasks).as("open %s of %s", taskKey, cadence).hasSize(1);
        return tasks.get(0);
    }

    /** A CSM task goes to the client's designated CSM, the group staying a candidate (docs/worklist.md). */
    private void assertForTheCsm(Task task) {
        assertThat(task.getAssignee()).isEqualTo("csm");
        assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("csm"));
    }

    private void complete(Task task, String user, Map<String, Object> variables) {
        engine.getIdentityService()
                .setAuthentication(
                        user,
                        engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
                                .map(org.camunda.bpm.engine.identity.Group::getId)
                                .toList());
        try {
            engine.getTaskService().complete(task.getId(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /** Moves the engine clock and fires every job of the cadence due by then, until none is left. */
    private void moveTo(String instant, String cadence) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
        String id = instance(cadence).getId();
        for (int round = 0; round < 200; round++) {
            Date now = ClockUtil.getCurrentTime();
            List<Job> due = new ArrayList<>();
            engine.getManagementService().createJobQuery().processInstanceId(id).active().list().stream()
                    .filter(job -> job.getRetries() > 0)
                    .filter(job -> job.getDuedate() == null || !job.getDuedate().after(now))
                    .forEach(due::add);
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new IllegalStateException("jobs keep coming for " + cadence);
    }
}
