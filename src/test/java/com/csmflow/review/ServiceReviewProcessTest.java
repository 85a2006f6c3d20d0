package com.csmflow.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.csmflow.engine.CaseVariables;
import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
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
 * service-review and service-review-schedule, path by path: the daily schedule starts monthly reviews for
 * Enhanced and quarterly ones for Standard clients (and yearly ones for both) as the engine clock moves, once
 * each; a review asked for through the API is reported, prepared and held in time, its minutes' actions go into
 * the SIP and the minutes to the client; a review held late breaches service-review.held after its warning.
 */
// The minutes start sip-action instances, whose model the coverage library would count against this class.
// The class enforces the flow-node coverage of its own models instead (see its @AfterAll check).
@ExcludeFromProcessCoverage
@CsmFlowTest
class ServiceReviewProcessTest {

    static final String STANDARD = "ALPENWERK";
    static final String ENHANCED = "HUDSON-MUTUAL";

    private static final Set<String> DRIVEN = new HashSet<>();
    private static ProcessEngine coverageEngine;

    @Autowired
    ProcessEngine engine;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    @BeforeEach
    void setUp() {
        coverageEngine = engine;
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theDailyScheduleStartsMonthlyReviewsForEnhancedAndQuarterlyForStandardOnce() {
        // 1 January 2031: December and Q4 and the year 2030 are complete
        runSchedule("2031-01-01T06:00:00Z");
        assertThat(scheduled(ENHANCED)).containsExactlyInAnyOrder("MONTH 2030-12-01", "YEAR 2030-01-01");
        assertThat(scheduled(STANDARD)).containsExactlyInAnyOrder("QUARTER 2030-10-01", "YEAR 2030-01-01");
        // the same day again: nothing new
        runSchedule("2031-01-01T18:00:00Z");
        assertThat(scheduled(ENHANCED)).hasSize(2);
        assertThat(scheduled(STANDARD)).hasSize(2);
        // a month on: Enhanced gets January, Standard waits for the quarter
        runSchedule("2031-02-01T06:00:00Z");
        assertThat(scheduled(ENHANCED)).contains("MONTH 2031-01-01").hasSize(3);
        assertThat(scheduled(STANDARD)).hasSize(2);
        runSchedule("2031-03-15T06:00:00Z");
        assertThat(scheduled(ENHANCED)).contains("MONTH 2031-02-01").hasSize(4);
        assertThat(scheduled(STANDARD)).hasSize(2);
        runSchedule("2031-04-01T06:00:00Z");
        assertThat(scheduled(ENHANCED)).contains("MONTH 2031-03-01").hasSize(5);
        assertThat(scheduled(STANDARD)).contains("QUARTER 2031-01-01").hasSize(3);

        // each scheduled review runs: its report is generated for its period
        String review = jdbc.queryForObject(
                "SELECT reference FROM service_review WHERE schedule_key = ?",
                String.class,
                STANDARD + ":QUARTER:2031-01-01");
        DRIVEN.add(review);
        assertThat(engine.getRuntimeService()
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(review)
                        .count())
                .isOne();
        runDueJobs(review);
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM service_review WHERE reference = ?", review);
        assertThat(row.get("status")).isEqualTo("REPORTED");
        Map<String, Object> report = jdbc.queryForMap(
                "SELECT period_kind, period_start, review_reference FROM service_report WHERE id = ?",
                row.get("report_id"));
        assertThat(report.get("period_kind")).isEqualTo("QUARTER");
        assertThat(report.get("period_start").toString()).isEqualTo("2031-01-01");
        assertThat(report.get("review_reference")).isEqualTo(review);
        task(review, ServiceReviewProcess.TASK_PREPARE);
    }

    @Test
    void aReviewAskedForIsHeldInTimeItsActionsGoToTheSipAndTheMinutesToTheClient() throws Exception {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2032-02-03T10:00:00Z")));
        ResponseEntity<String> created = rest.withBasicAuth("csm", "csm")
                .postForEntity(
                        "/api/reviews",
                        Map.of("clientReference", ENHANCED, "reason", "The client asked after two P1 escalations"),
                        String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(created.getBody());
        String review = body.path("reference").asText();
        DRIVEN.add(review);
        assertThat(review).matches("REV-2032-\\d{4,}");
        assertThat(body.path("periodKind").asText()).isEqualTo("MONTH");
        assertThat(body.path("periodStart").asText()).isEqualTo("2032-01-01");
        assertThat(body.path("origin").asText()).isEqualTo("REQUESTED");

        runDueJobs(review);
        Long reportId =
                jdbc.queryForObject("SELECT report_id FROM service_review WHERE reference = ?", Long.class, review);
        assertThat(reportId).isNotNull();
        Map<String, Object> clock = clock(review);
        assertThat(clock.get("metric")).isEqualTo("service-review.held");
        assertThat(clock.get("state")).isEqualTo("RUNNING");
        assertThat(((java.sql.Timestamp) clock.get("due_at")).toInstant())
                .isEqualTo(Instant.parse("2032-02-10T10:00:00Z"));
        Task prepare = task(review, ServiceReviewProcess.TASK_PREPARE);
        assertThat(prepare.getDueDate()).isEqualTo(Date.from(Instant.parse("2032-02-10T10:00:00Z")));
        assertThat(engine.getTaskService().getVariable(prepare.getId(), "reportUrl"))
                .isEqualTo("/api/reports/" + reportId);

        complete(
                review,
                ServiceReviewProcess.TASK_PREPARE,
                "csm",
                Map.of(
                        "agendaExecutiveSummary", "Two P1 escalations, both within target",
                        "agendaRiskRegister", "Firewall end of life"));
        assertThat(jdbc.queryForObject("SELECT agenda FROM service_review WHERE reference = ?", String.class, review))
                .contains(
                        "Executive summary: Two P1 escalations",
                        "Risk register: Firewall end of life",
                        "Improvement programme: (nothing to add");

        // the minutes: a date before the period's end is refused naming the field
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2032-02-06T15:00:00Z")));
        Map<String, Object> minutes = new HashMap<>(Map.of(
                "heldOn", "2031-12-20",
                "staffAttendees", new ArrayList<>(List.of("csm", "service-manager")),
                "clientAttendees", "Dana Whitfield (CIO)",
                "minutes", "SLA results accepted. Client asks for a firewall replacement plan.",
                "action1Description", "Firewall replacement plan",
                "action1Owner", "delivery-manager",
                "action1TargetDate", "2032-03-15",
                "action2Description", "Monthly P1 trend in the report",
                "action2Owner", "csm"));
        Task hold = task(review, ServiceReviewProcess.TASK_HOLD);
        authenticate("csm");
        try {
            assertThat(catchThrowable(() -> engine.getTaskService().complete(hold.getId(), minutes)))
                    .hasMessageContaining("heldOn");
            Map<String, Object> noOwner = new HashMap<>(minutes);
            noOwner.put("heldOn", "2032-02-06");
            noOwner.put("action1Owner", "");
            assertThat(catchThrowable(() -> engine.getTaskService().complete(hold.getId(), noOwner)))
                    .hasMessageContaining("action1Owner");
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        minutes.put("heldOn", "2032-02-06");
        complete(review, ServiceReviewProcess.TASK_HOLD, "csm", minutes);

        assertThat(clock(review).get("state")).isEqualTo("MET");
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM service_review WHERE reference = ?", review);
        assertThat(row.get("status")).isEqualTo("HELD");
        assertThat(row.get("attendees")).isEqualTo("Client: Dana Whitfield (CIO); staff: csm, service-manager");
        assertThat(row.get("action_count")).isEqualTo(2);
        List<Map<String, Object>> actions =
                jdbc.queryForList("SELECT * FROM sip_action WHERE source_reference = ? ORDER BY id", review);
        assertThat(actions).hasSize(2);
        assertThat(actions.get(0).get("source_type")).isEqualTo("service-review");
        assertThat(actions.get(0).get("owner_group")).isEqualTo("delivery-manager");
        assertThat(actions.get(0).get("target_date").toString()).isEqualTo("2032-03-15");
        assertThat(actions.get(0).get("process_instance_id"))
                .as("written by the review's step")
                .isNotNull();
        assertThat(actions.get(1).get("owner_group")).isEqualTo("csm");
        assertThat(actions.get(1).get("target_date").toString())
                .as("30 days by default")
                .isEqualTo("2032-03-07");
        for (Map<String, Object> action : actions) {
            assertThat(engine.getRuntimeService()
                            .createProcessInstanceQuery()
                            .processDefinitionKey("sip-action")
                            .processInstanceBusinessKey((String) action.get("reference"))
                            .count())
                    .as("follow-up of %s", action.get("reference"))
                    .isOne();
        }

        runDueJobs(review);
        List<String> recipients = jdbc.queryForList(
                "SELECT recipient FROM notification_outbox WHERE template_id = 'service-review-minutes' AND business_key = ?",
                String.class,
                review);
        assertThat(recipients)
                .containsExactlyInAnyOrder("dana.whitfield@hudsonmutual.example", "noc@hudsonmutual.example");
        assertThat(engine.getRuntimeService()
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(review)
                        .count())
                .isZero();
        assertThat(engine
                        .getHistoryService()
                        .createHistoricActivityInstanceQuery()
                        .activityId(ServiceReviewProcess.END_EVENT)
                        .list()
                        .stream()
                        .anyMatch(a -> a.getProcessInstanceId().equals(row.get("process_instance_id"))))
                .isTrue();

        JsonNode read =
                json.readTree(rest.withBasicAuth("cse", "cse").getForObject("/api/reviews/" + review, String.class));
        assertThat(read.path("status").asText()).isEqualTo("HELD");
        assertThat(read.path("reportId").asLong()).isEqualTo(reportId);
    }

    @Test
    void aReviewHeldLateIsWarnedThenBreached() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2033-03-02T09:00:00Z")));
        String review = startFromTasklist(ENHANCED, "MONTH", "The client's CIO changes");
        runDueJobs(review);
        assertThat(jdbc.queryForObject(
                        "SELECT period_start FROM service_review WHERE reference = ?", String.class, review))
                .startsWith("2033-02-01");
        task(review, ServiceReviewProcess.TASK_PREPARE);

        // 75 % of 7 days: the CSM is reminded
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2033-03-07T16:00:00Z")));
        runDueJobs(review);
        assertThat(outbox(review, "service-review-due-soon")).isPositive();
        assertThat(outbox(review, "service-review-overdue")).isZero();
        // past the due date: the service manager hears of the breach
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2033-03-09T10:00:00Z")));
        runDueJobs(review);
        assertThat(outbox(review, "service-review-overdue")).isPositive();

        complete(review, ServiceReviewProcess.TASK_PREPARE, "csm", Map.of("agendaExecutiveSummary", "Late, sorry"));
        complete(
                review,
                ServiceReviewProcess.TASK_HOLD,
                "csm",
                Map.of(
                        "heldOn", "2033-03-09",
                        "clientAttendees", "Dana Whitfield",
                        "minutes", "Held late: the CIO was away."));
        Map<String, Object> clock = clock(review);
        assertThat(clock.get("state")).isEqualTo("BREACHED");
        assertThat(clock.get("breached")).isEqualTo(true);
        assertThat(jdbc.queryForObject(
                        "SELECT action_count FROM service_review WHERE reference = ?", Integer.class, review))
                .isZero();
        runDueJobs(review);
        assertThat(engine.getRuntimeService()
                        .createProcessInstanceQuery()
                        .processDefinitionKey(ServiceReviewProcess.KEY)
                        .processInstanceBusinessKey(review)
                        .count())
                .as("the review has ended (its minutes may wait for the client's business hours)")
                .isZero();
        assertThat(outbox(review, "service-review-minutes")).isPositive();
    }

    @Test
    void theStartFormAndTheApiRefuseBadRequestsNamingTheField() {
        assertThat(catchThrowable(() -> startFromTasklist("NO-SUCH-CLIENT", null, "x")))
                .hasMessageContaining("clientReference");
        assertThat(catchThrowable(() -> startFromTasklist(STANDARD, null, " "))).hasMessageContaining("reviewReason");
        ResponseEntity<String> noReason = rest.withBasicAuth("csm", "csm")
                .postForEntity("/api/reviews", Map.of("clientReference", STANDARD), String.class);
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getBody()).contains("reason");
        ResponseEntity<String> badPeriod = rest.withBasicAuth("csm", "csm")
                .postForEntity(
                        "/api/reviews",
                        Map.of("clientReference", STANDARD, "reason", "x", "period", "2030-Q5"),
                        String.class);
        assertThat(badPeriod.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badPeriod.getBody()).contains("period");
        ResponseEntity<String> cse = rest.withBasicAuth("cse", "cse")
                .postForEntity("/api/reviews", Map.of("clientReference", STANDARD, "reason", "x"), String.class);
        assertThat(cse.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @AfterAll
    static void flowNodeCoverageOfTheReviewIsAtLeast95Percent() {
        if (coverageEngine == null || DRIVEN.isEmpty()) {
            return;
        }
        ProcessDefinition definition = coverageEngine
                .getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(ServiceReviewProcess.KEY)
                .latestVersion()
                .singleResult();
        Set<String> nodes = coverageEngine
                .getRepositoryService()
                .getBpmnModelInstance(definition.getId())
                .getModelElementsByType(FlowNode.class)
                .stream()
                .map(FlowNode::getId)
                .collect(Collectors.toSet());
        Set<String> reached = coverageEngine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .processDefinitionId(definition.getId())
                .list()
                .stream()
                .map(HistoricActivityInstance::getActivityId)
                .collect(Collectors.toSet());
        Set<String> missed = new HashSet<>(nodes);
        missed.removeAll(reached);
        assertThat((double) (nodes.size() - missed.size()) / nodes.size())
                .as("flow nodes of service-review not reached: %s", missed)
                .isGreaterThanOrEqualTo(0.95);
    }

    // ---- driving

    private void runSchedule(String now) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(now)));
        Job timer = engine.getManagementService()
                .createJobQuery()
                .processDefinitionKey(ServiceReviewProcess.SCHEDULE_KEY)
                .timers()
                .singleResult();
        assertThat(timer).as("the daily schedule's timer").isNotNull();
        engine.getManagementService().executeJob(timer.getId());
    }

    private List<String> scheduled(String client) {
        return jdbc.queryForList(
                "SELECT period_kind || ' ' || CAST(period_start AS VARCHAR(10)) FROM service_review"
                        + " WHERE client_reference = ? AND origin_kind = 'SCHEDULED' AND period_start >= DATE '2030-01-01'"
                        + " AND period_start < DATE '2032-01-01'",
                String.class,
                client);
    }

    private String startFromTasklist(String client, String periodKind, String reason) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(CaseVariables.CLIENT_REFERENCE.name(), client);
        variables.put(ServiceReviewProcess.REASON.name(), reason);
        if (periodKind != null) {
            variables.put(ServiceReviewProcess.PERIOD_KIND.name(), periodKind);
        }
        String definition = engine.getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(ServiceReviewProcess.KEY)
                .latestVersion()
                .singleResult()
                .getId();
        String id;
        authenticate("csm");
        try {
            id = engine.getFormService().submitStartForm(definition, variables).getId();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        String reference = engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceId(id)
                .singleResult()
                .getBusinessKey();
        DRIVEN.add(reference);
        return reference;
    }

    private Map<String, Object> clock(String review) {
        return jdbc.queryForMap("SELECT * FROM sla_clock WHERE business_key = ? AND clock_name = 'reviewHeld'", review);
    }

    private long outbox(String review, String template) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM notification_outbox WHERE template_id = ? AND business_key = ?",
                Long.class,
                template,
                review);
    }

    private Task task(String businessKey, String taskDefinitionKey) {
        List<Task> tasks = engine.getTaskService()
                .createTaskQuery()
                .processInstanceBusinessKey(businessKey)
                .taskDefinitionKey(taskDefinitionKey)
                .list();
        assertThat(tasks).as("open %s of %s", taskDefinitionKey, businessKey).hasSize(1);
        return tasks.get(0);
    }

    private void complete(String businessKey, String taskDefinitionKey, String user, Map<String, Object> variables) {
        Task task = task(businessKey, taskDefinitionKey);
        authenticate(user);
        try {
            engine.getTaskService().complete(task.getId(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private void authenticate(String user) {
        engine.getIdentityService()
                .setAuthentication(
                        user,
                        engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
                                .map(org.camunda.bpm.engine.identity.Group::getId)
                                .toList());
    }

    /** Executes every job of the review's instance due now (engine clock), until none is left. */
    private void runDueJobs(String review) {
        for (int round = 0; round < 50; round++) {
            Date now = ClockUtil.getCurrentTime();
            List<String> instances =
                    engine
                            .getRuntimeService()
                            .createProcessInstanceQuery()
                            .processInstanceBusinessKey(review)
                            .list()
                            .stream()
                            .map(instance -> instance.getId())
                            .toList();
            List<Job> due = new ArrayList<>();
            for (String instance : instances) {
                engine.getManagementService().createJobQuery().processInstanceId(instance).active().list().stream()
                        .filter(job -> job.getRetries() > 0)
                        .filter(job ->
                                job.getDuedate() == null || !job.getDuedate().after(now))
                        .forEach(due::add);
            }
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new IllegalStateException("jobs keep coming for " + review);
    }
}
