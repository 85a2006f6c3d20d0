package com.csmflow.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.engine.CaseVariables;
import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.FlowNodeCoverage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
 * The issues and risk register takes entries directly (API and Tasklist), issues beside risks, and every
 * entry's review date creates a review task for the CSMs, again and again until a review closes it; a
 * risk a SIP action's owner could not avoid arrives by message (sip-action publishes it).
 */
@CsmFlowTest
class IssueRiskProcessTest {

    /** Tuesday 1 December 2026, 10:00 in Munich. */
    static final Instant TUESDAY_MORNING = Instant.parse("2026-12-01T09:00:00Z");

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

    ProblemDriver driver;

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(TUESDAY_MORNING));
        driver = new ProblemDriver(engine, jdbc);
        coverageEngine = engine;
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void anIssueRaisedThroughTheApiIsReviewedOnItsDateKeptOpenThenClosed() throws Exception {
        ResponseEntity<String> created = rest.withBasicAuth("csm", "csm")
                .postForEntity(
                        "/api/risks",
                        Map.of(
                                "clientReference", "ALPENWERK",
                                "entryType", "issue",
                                "description", "Client's change window overlaps our maintenance window",
                                "owner", "csm",
                                "reviewDate", "2026-12-10"),
                        String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(created.getBody());
        String issue = body.path("reference").asText();
        DRIVEN.add(issue);
        assertThat(issue).matches("ISS-2026-\\d{4,}");
        assertThat(body.path("entryType").asText()).isEqualTo("ISSUE");
        assertThat(body.path("status").asText()).isEqualTo("OPEN");
        assertThat(created.getHeaders().getLocation()).hasToString("/api/risks/" + issue);
        ProcessInstance instance = instance(issue);
        assertThat(instance).as("its review workflow").isNotNull();
        assertThat(jdbc.queryForObject("SELECT process_instance_id FROM risk WHERE reference = ?", String.class, issue))
                .isEqualTo(instance.getId());
        assertThat(engine.getTaskService()
                        .createTaskQuery()
                        .processInstanceBusinessKey(issue)
                        .count())
                .as("no task before the review date")
                .isZero();

        // the review day starts (Munich): the CSMs get the review task
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-09T23:00:00Z")));
        runDueJobs(issue);
        Task review = driver.task(issue, IssueRiskProcess.TASK_REVIEW_ENTRY);
        assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId()))
                .extracting(link -> link.getGroupId())
                .containsExactly("csm");
        assertThat(review.getDueDate()).isEqualTo(Date.from(Instant.parse("2026-12-09T23:00:00Z")));

        // kept open: a next review date in the past is refused, naming the field
        driver.authenticate("csm");
        try {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> engine.getTaskService()
                            .complete(
                                    review.getId(),
                                    Map.of(
                                            IssueRiskProcess.REVIEW_DECISION.name(), "keep-open",
                                            IssueRiskProcess.NEXT_REVIEW_DATE.name(), "2026-12-01",
                                            IssueRiskProcess.REVIEW_COMMENT.name(), "x"))))
                    .hasMessageContaining("nextReviewDate");
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        driver.complete(
                issue,
                IssueRiskProcess.TASK_REVIEW_ENTRY,
                "csm",
                Map.of(
                        IssueRiskProcess.REVIEW_DECISION.name(), "keep-open",
                        IssueRiskProcess.NEXT_REVIEW_DATE.name(), "2027-01-15",
                        IssueRiskProcess.REVIEW_COMMENT.name(),
                                "Agreed a new window with the client; confirm in January"));
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM risk WHERE reference = ?", issue);
        assertThat(row.get("review_date").toString()).isEqualTo("2027-01-15");
        assertThat(row.get("reviewed_by")).isEqualTo("csm");
        assertThat(row.get("status")).isEqualTo("OPEN");
        assertThat(engine.getTaskService()
                        .createTaskQuery()
                        .processInstanceBusinessKey(issue)
                        .count())
                .isZero();

        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-01-14T23:00:00Z")));
        runDueJobs(issue);
        driver.complete(
                issue,
                IssueRiskProcess.TASK_REVIEW_ENTRY,
                "csm",
                Map.of(
                        IssueRiskProcess.REVIEW_DECISION.name(), "close",
                        IssueRiskProcess.NEXT_REVIEW_DATE.name(), "",
                        IssueRiskProcess.REVIEW_COMMENT.name(), "Windows no longer overlap"));
        row = jdbc.queryForMap("SELECT * FROM risk WHERE reference = ?", issue);
        assertThat(row.get("status")).isEqualTo("CLOSED");
        assertThat(row.get("closed_at")).isNotNull();
        assertThat(instance(issue)).isNull();
        assertThat(jdbc.queryForList(
                        "SELECT action FROM register_audit WHERE register = 'risk' AND reference = ? ORDER BY id",
                        String.class,
                        issue))
                .containsExactly("CREATE", "UPDATE", "CLOSE");

        JsonNode issues = json.readTree(rest.withBasicAuth("cse", "cse")
                .getForObject("/api/risks?clientReference=ALPENWERK&entryType=ISSUE&status=CLOSED", String.class));
        assertThat(issues.findValuesAsText("reference")).contains(issue);
        assertThat(issues.findValuesAsText("entryType")).containsOnly("ISSUE");
    }

    @Test
    void theApiRefusesBadEntriesNamingTheFieldAndOnlyCsmAndServiceManagerRaiseThem() throws Exception {
        assertRefused(
                Map.of(
                        "clientReference",
                        "ALPENWERK",
                        "entryType",
                        "worry",
                        "description",
                        "x",
                        "owner",
                        "csm",
                        "reviewDate",
                        "2026-12-10"),
                "entryType");
        assertRefused(
                Map.of(
                        "clientReference",
                        "ALPENWERK",
                        "entryType",
                        "RISK",
                        "description",
                        "x",
                        "owner",
                        "csm",
                        "reviewDate",
                        "2026-11-30"),
                "reviewDate");
        assertRefused(
                Map.of(
                        "clientReference",
                        "NO-SUCH-CLIENT",
                        "entryType",
                        "RISK",
                        "description",
                        "x",
                        "owner",
                        "csm",
                        "reviewDate",
                        "2026-12-10"),
                "clientReference");
        assertRefused(
                Map.of(
                        "clientReference",
                        "ALPENWERK",
                        "entryType",
                        "RISK",
                        "description",
                        "x",
                        "reviewDate",
                        "2026-12-10"),
                "owner");
        assertThat(rest.withBasicAuth("cse", "cse")
                        .postForEntity(
                                "/api/risks",
                                Map.of(
                                        "clientReference",
                                        "ALPENWERK",
                                        "entryType",
                                        "RISK",
                                        "description",
                                        "x",
                                        "owner",
                                        "csm",
                                        "reviewDate",
                                        "2026-12-10"),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/api/risks?entryType=WORRY", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void staffRaiseARiskFromTheTasklistStartForm() {
        ProcessDefinition definition = engine.getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(IssueRiskProcess.KEY)
                .latestVersion()
                .singleResult();
        driver.authenticate("service-manager");
        ProcessInstance started;
        try {
            started = engine.getFormService()
                    .submitStartForm(
                            definition.getId(),
                            Map.of(
                                    CaseVariables.CLIENT_REFERENCE.name(), "HUDSON-MUTUAL",
                                    IssueRiskProcess.ENTRY_TYPE.name(), "RISK",
                                    IssueRiskProcess.DESCRIPTION.name(), "Single engineer knows the client's SIEM",
                                    IssueRiskProcess.OWNER.name(), "competence-manager",
                                    IssueRiskProcess.REVIEW_DATE.name(), "2027-02-01"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        String risk = engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceId(started.getId())
                .singleResult()
                .getBusinessKey();
        DRIVEN.add(risk);
        assertThat(risk).matches("RSK-2026-\\d{4,}");
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM risk WHERE reference = ?", risk);
        assertThat(row.get("entry_type")).isEqualTo("RISK");
        assertThat(row.get("status")).isEqualTo("OPEN");
        assertThat(row.get("source_type")).isEqualTo("register");
        assertThat(row.get("process_instance_id")).isEqualTo(started.getId());
        // New York: the review day starts at 05:00 UTC
        assertThat(timer(started.getId()).getDuedate()).isEqualTo(Date.from(Instant.parse("2027-02-01T05:00:00Z")));
    }

    @Test
    void aRiskAcceptedInsteadOfASipActionGetsItsReviewTask() {
        String risk = "RSK-2026-T" + System.nanoTime() % 100000;
        jdbc.update(
                "INSERT INTO risk (reference, client_reference, source_type, source_reference, description, owner,"
                        + " review_date, status, accepted_by, created_at, updated_at, entry_type)"
                        + " VALUES (?, 'ALPENWERK', 'sip-action', 'SIP-2026-9999', 'Firewall stays end of support',"
                        + " 'service-manager', DATE '2026-12-04', 'ACCEPTED', 'service-manager', ?, ?, 'RISK')",
                risk,
                java.sql.Timestamp.from(TUESDAY_MORNING),
                java.sql.Timestamp.from(TUESDAY_MORNING));
        DRIVEN.add(risk);
        ProcessInstance started = engine.getRuntimeService()
                .createMessageCorrelation(IssueRiskProcess.RISK_REVIEW_REQUESTED_MESSAGE)
                .setVariable(IssueRiskProcess.RISK_REFERENCE.name(), risk)
                .setVariable(CaseVariables.CLIENT_REFERENCE.name(), "ALPENWERK")
                .correlateStartMessage();
        engine.getManagementService()
                .executeJob(engine.getManagementService()
                        .createJobQuery()
                        .processInstanceId(started.getId())
                        .singleResult()
                        .getId());
        assertThat(instance(risk)).isNotNull();
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-03T23:00:00Z")));
        runDueJobs(risk);
        assertThat(driver.task(risk, IssueRiskProcess.TASK_REVIEW_ENTRY)).isNotNull();
        assertThat(jdbc.queryForObject("SELECT status FROM risk WHERE reference = ?", String.class, risk))
                .as("the SIP action's acceptance stands until a review closes it")
                .isEqualTo("ACCEPTED");
    }

    @AfterAll
    static void flowNodeCoverageOfIssueRiskIsAtLeast95Percent() {
        FlowNodeCoverage.assertAtLeast(coverageEngine, IssueRiskProcess.KEY, DRIVEN, 0.95);
    }

    private void assertRefused(Map<String, Object> body, String field) {
        ResponseEntity<String> answer = rest.withBasicAuth("service-manager", "service-manager")
                .postForEntity("/api/risks", body, String.class);
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains(field);
    }

    private ProcessInstance instance(String reference) {
        return engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(IssueRiskProcess.KEY)
                .processInstanceBusinessKey(reference)
                .singleResult();
    }

    private Job timer(String processInstanceId) {
        return engine.getManagementService()
                .createJobQuery()
                .processInstanceId(processInstanceId)
                .activityId(IssueRiskProcess.TIMER_REVIEW_DUE)
                .singleResult();
    }

    private void runDueJobs(String reference) {
        Date now = ClockUtil.getCurrentTime();
        List<Job> due =
                engine
                        .getManagementService()
                        .createJobQuery()
                        .processInstanceId(instance(reference).getId())
                        .list()
                        .stream()
                        .filter(job ->
                                job.getDuedate() == null || !job.getDuedate().after(now))
                        .toList();
        due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
}
