package com.csmflow.complaint;

import static com.csmflow.complaint.ComplaintProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.FlowNodeCoverage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
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
 * bpmn/complaint.bpmn path by path: a service complaint handled by the client's CSM with a SIP action and
 * closed only once the client agrees; a commercial complaint with the account managers, acknowledged late
 * (the clock breaches, the service manager hears of it) and handed to problem management; the periodic
 * review of an open complaint; refusals naming the field.
 */
// The problem and SIP follow-ups start problem-rca and sip-action instances, whose models the coverage library
// would count against this class: it enforces 95 % of its OWN model instead (@AfterAll).
@ExcludeFromProcessCoverage
@CsmFlowTest
class ComplaintProcessTest {

    /** Tuesday 2 February 2027, 15:00 in Munich, 09:00 in New York. */
    static final Instant T0 = Instant.parse("2027-02-02T14:00:00Z");

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
        ClockUtil.setCurrentTime(Date.from(T0));
        coverageEngine = engine;
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aServiceComplaintGoesToTheClientsCsmOpensASipActionAndClosesOnlyWithTheClientsAgreement() throws Exception {
        ResponseEntity<String> created = rest.withBasicAuth("csm", "csm")
                .postForEntity(
                        "/api/complaints",
                        Map.of(
                                "clientReference", "HUDSON-MUTUAL",
                                "contact", "Dana.Whitfield@hudsonmutual.example",
                                "category", "service",
                                "priority", "P2",
                                "description", "Three escalations in a month and nobody called us back"),
                        String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(created.getBody());
        String complaint = body.path("reference").asText();
        DRIVEN.add(complaint);
        assertThat(complaint).matches("CMP-2027-\\d{4,}");
        assertThat(body.path("handlerGroup").asText()).isEqualTo("csm");
        assertThat(body.path("contact").asText()).isEqualTo("dana.whitfield@hudsonmutual.example");

        // the acknowledgement clock of the client's tier and priority; the task is due when the clock is
        Map<String, Object> clock = clock(complaint);
        assertThat(clock.get("metric")).isEqualTo(METRIC);
        assertThat(clock.get("tier")).isEqualTo("ENHANCED");
        assertThat(clock.get("target_duration")).isEqualTo("PT4H");
        Task acknowledge = task(complaint, TASK_ACKNOWLEDGE);
        assertThat(acknowledge.getDueDate().toInstant()).isEqualTo(((Timestamp) clock.get("due_at")).toInstant());
        assertThat(groups(acknowledge)).containsExactly("csm");
        String designated = jdbc.queryForObject(
                "SELECT designated_csm FROM client WHERE reference = 'HUDSON-MUTUAL'", String.class);
        if (designated != null) {
            assertThat(acknowledge.getAssignee())
                    .as("the client's designated CSM")
                    .isEqualTo(designated);
        }

        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofHours(1))));
        complete(acknowledge, "csm", Map.of(ACKNOWLEDGEMENT.name(), "Called Dana, apologised, on it"));
        runDueJobs(complaint);
        assertThat(clock(complaint).get("state")).isEqualTo("MET");
        assertThat(outbox(complaint, "complaint-acknowledged")).singleElement().satisfies(mail -> {
            assertThat(mail.get("recipient")).isEqualTo("dana.whitfield@hudsonmutual.example");
            assertThat((String) mail.get("subject")).startsWith(complaint + ": we are handling");
        });
        assertThat(row(complaint).get("status")).isEqualTo("ACKNOWLEDGED");

        // handled with a SIP action: a target date in the past is refused naming the field
        Task handle = task(complaint, TASK_HANDLE);
        Map<String, Object> handled = new HashMap<>(Map.of(
                RESOLUTION.name(), "Named callback owner per escalation; weekly status call",
                FOLLOW_UP.name(), "sip",
                SIP_DESCRIPTION.name(), "Callback within 2 hours on every escalation, tracked on the SLA board",
                SIP_TARGET_DATE.name(), "2027-01-01"));
        Throwable refused = catchThrowable(() -> complete(handle, "csm", handled));
        assertThat(refused).hasMessageContaining(SIP_TARGET_DATE.name());
        handled.put(SIP_TARGET_DATE.name(), "2027-03-01");
        complete(task(complaint, TASK_HANDLE), "csm", handled);
        Map<String, Object> sip = jdbc.queryForMap(
                "SELECT reference, source_type, owner_group, target_date FROM sip_action WHERE source_reference = ?",
                complaint);
        assertThat(sip.get("source_type")).isEqualTo("complaint");
        assertThat(sip.get("owner_group")).isEqualTo("csm");
        assertThat(row(complaint).get("follow_up_reference")).isEqualTo(sip.get("reference"));

        // the client's side says no through the API: back to handling
        ResponseEntity<String> disagreed = rest.withBasicAuth("csm", "csm")
                .postForEntity(
                        "/api/complaints/" + complaint + "/client-agreement",
                        Map.of("agreed", false, "note", "We want a named person, not a rota"),
                        String.class);
        assertThat(disagreed.getStatusCode()).as(disagreed.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(row(complaint).get("status")).isEqualTo("ACKNOWLEDGED");
        assertThat(row(complaint).get("client_agreement")).isEqualTo("We want a named person, not a rota");
        complete(
                task(complaint, TASK_HANDLE),
                "csm",
                Map.of(RESOLUTION.name(), "Dana's named contact is the designated CSM", FOLLOW_UP.name(), "none"));
        // and yes in Tasklist
        complete(
                task(complaint, TASK_CLIENT_AGREEMENT),
                "csm",
                Map.of(CLIENT_AGREEMENT.name(), "agreed", CLIENT_AGREEMENT_NOTE.name(), "Dana agreed on the phone"));
        runDueJobs(complaint);
        Map<String, Object> closed = row(complaint);
        assertThat(closed.get("status")).isEqualTo("CLOSED");
        assertThat(closed.get("resolution")).isEqualTo("Dana's named contact is the designated CSM");
        assertThat(closed.get("closed_at")).isNotNull();
        assertThat(outbox(complaint, "complaint-closed")).hasSize(1);
        assertThat(instance(complaint)).isNull();
        assertThat(jdbc.queryForList(
                        "SELECT action FROM register_audit WHERE register = 'complaint' AND reference = ? ORDER BY id",
                        String.class,
                        complaint))
                .containsExactly("CREATE", "ACKNOWLEDGE", "RESOLVE", "SIP_ACTION", "REOPEN", "RESOLVE", "CLOSE");

        // the client's side cannot agree to a closed complaint
        assertThat(rest.withBasicAuth("csm", "csm")
                        .postForEntity(
                                "/api/complaints/" + complaint + "/client-agreement",
                                Map.of("agreed", true),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        ResponseEntity<String> listed = rest.withBasicAuth("cse", "cse")
                .getForEntity("/api/complaints?clientReference=HUDSON-MUTUAL&status=CLOSED&size=1", String.class);
        assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(listed.getBody()).findValuesAsText("status")).containsOnly("CLOSED");
    }

    @Test
    void aCommercialComplaintGoesToTheAccountManagersIsAcknowledgedLateAndOpensAProblem() {
        ProcessInstance started = submitStartForm(Map.of(
                "clientReference",
                "ALPENWERK",
                CONTACT.name(),
                "einkauf@alpenwerk.example",
                CATEGORY.name(),
                "COMMERCIAL",
                "priority",
                "P3",
                DESCRIPTION.name(),
                "Invoice for December bills hours we did not buy"));
        String complaint = instanceById(started.getId()).getBusinessKey();
        DRIVEN.add(complaint);
        assertThat(complaint).matches("CMP-2027-\\d{4,}");
        Task acknowledge = task(complaint, TASK_ACKNOWLEDGE);
        assertThat(groups(acknowledge)).containsExactly("account-manager");
        assertThat(acknowledge.getAssignee()).isNull();

        // the target passes: the service manager and the account managers hear of it
        Date due = (Date) engine.getRuntimeService().getVariable(started.getId(), ACKNOWLEDGE_DUE.name());
        assertThat(due.toInstant()).isEqualTo(((Timestamp) clock(complaint).get("due_at")).toInstant());
        ClockUtil.setCurrentTime(due);
        runDueJobs(complaint);
        assertThat(outbox(complaint, "complaint-acknowledge-overdue"))
                .extracting(mail -> mail.get("recipient"))
                .contains("service-manager@demo.csmflow.example", "account-manager@demo.csmflow.example");
        complete(task(complaint, TASK_ACKNOWLEDGE), "account-manager", Map.of(ACKNOWLEDGEMENT.name(), "Called"));
        assertThat(clock(complaint).get("state")).isEqualTo("BREACHED");
        runDueJobs(complaint);
        assertThat(outbox(complaint, "complaint-acknowledged")).singleElement().satisfies(mail -> {
            assertThat(mail.get("language")).isEqualTo("de");
            assertThat((String) mail.get("subject")).startsWith(complaint + ": wir bearbeiten");
        });

        Task handle = task(complaint, TASK_HANDLE);
        assertThat(groups(handle)).containsExactly("account-manager");
        complete(
                handle,
                "account-manager",
                Map.of(
                        RESOLUTION.name(), "Credit note for 12 hours; billing rule corrected",
                        FOLLOW_UP.name(), "problem"));
        runDueJobs(complaint);
        // problem-rca took the request (message problem-requested) and records the problem in its first job
        ProcessInstance problemCase = engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey("problem-rca")
                .variableValueEquals("sourceReference", complaint)
                .singleResult();
        assertThat(problemCase).as("problem-rca started for " + complaint).isNotNull();
        engine.getManagementService()
                .createJobQuery()
                .processInstanceId(problemCase.getId())
                .list()
                .forEach(job -> engine.getManagementService().executeJob(job.getId()));
        Map<String, Object> problem = jdbc.queryForMap(
                "SELECT source_type, client_reference FROM problem WHERE source_reference = ?", complaint);
        assertThat(problem.get("source_type")).isEqualTo("complaint");
        assertThat(problem.get("client_reference")).isEqualTo("ALPENWERK");
        assertThat(row(complaint).get("follow_up")).isEqualTo("PROBLEM");

        complete(
                task(complaint, TASK_CLIENT_AGREEMENT),
                "account-manager",
                Map.of(CLIENT_AGREEMENT.name(), "agreed", CLIENT_AGREEMENT_NOTE.name(), "Einkauf agrees"));
        runDueJobs(complaint);
        assertThat(row(complaint).get("status")).isEqualTo("CLOSED");
        assertThat(row(complaint).get("handler_group")).isEqualTo("account-manager");
    }

    @Test
    void anOpenComplaintIsReviewedByTheServiceManagerEveryReviewInterval() {
        ProcessInstance started = submitStartForm(Map.of(
                "clientReference",
                "ALPENWERK",
                CONTACT.name(),
                "k.huber@alpenwerk.example",
                CATEGORY.name(),
                "OTHER",
                "priority",
                "P4",
                DESCRIPTION.name(),
                "Your portal is slow"));
        String complaint = instanceById(started.getId()).getBusinessKey();
        DRIVEN.add(complaint);
        complete(task(complaint, TASK_ACKNOWLEDGE), "csm", Map.of(ACKNOWLEDGEMENT.name(), "Acknowledged"));
        assertThat(engine.getTaskService()
                        .createTaskQuery()
                        .processInstanceBusinessKey(complaint)
                        .taskDefinitionKey(TASK_REVIEW)
                        .count())
                .isZero();
        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofDays(30)).plusSeconds(1)));
        runDueJobs(complaint);
        Task review = task(complaint, TASK_REVIEW);
        assertThat(groups(review)).containsExactly("service-manager");
        complete(review, "service-manager", Map.of(REVIEW_NOTE.name(), "Chase the portal team"));
        // still open, handling goes on, the next review is scheduled
        assertThat(task(complaint, TASK_HANDLE)).isNotNull();
        assertThat(engine.getManagementService()
                        .createJobQuery()
                        .processInstanceId(started.getId())
                        .timers()
                        .count())
                .isOne();
        engine.getRuntimeService().deleteProcessInstance(started.getId(), "test done");
    }

    @Test
    void badComplaintsAreRefusedNamingTheField() {
        Map<String, Object> good = Map.of(
                "clientReference", "ALPENWERK",
                "contact", "k.huber@alpenwerk.example",
                "category", "invoice",
                "description", "Wrong VAT rate");
        assertRefused(with(good, "category", "paint"), "category");
        assertRefused(with(good, "contact", "not-an-address"), "contact");
        assertRefused(with(good, "clientReference", "NO-SUCH-CLIENT"), "clientReference");
        assertRefused(with(good, "priority", "urgent-ish"), "priority");
        assertThat(rest.withBasicAuth("hr", "hr")
                        .postForEntity("/api/complaints", good, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/api/complaints/CMP-1999-0001", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/api/complaints?category=LOST", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        Throwable refused = catchThrowable(() -> submitStartForm(Map.of(
                "clientReference",
                "ALPENWERK",
                CATEGORY.name(),
                "SERVICE",
                "priority",
                "P3",
                DESCRIPTION.name(),
                "no contact given")));
        assertThat(refused).hasMessageContaining("contact");
    }

    @AfterAll
    static void flowNodeCoverageIsAtLeast95Percent() {
        FlowNodeCoverage.assertAtLeast(coverageEngine, KEY, DRIVEN, 0.95);
    }

    // ---------------------------------------------------------------- helpers

    private void assertRefused(Map<String, Object> body, String field) {
        ResponseEntity<String> response = rest.withBasicAuth("service-manager", "service-manager")
                .postForEntity("/api/complaints", body, String.class);
        assertThat(response.getStatusCode()).as(field).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains(field);
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private ProcessInstance submitStartForm(Map<String, Object> variables) {
        ProcessDefinition definition = engine.getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(KEY)
                .latestVersion()
                .singleResult();
        authenticate("csm");
        try {
            return engine.getFormService().submitStartForm(definition.getId(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private void complete(Task task, String user, Map<String, Object> variables) {
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

    private List<String> groups(Task task) {
        return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> "candidate".equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId)
                .toList();
    }

    private Task task(String complaint, String definitionKey) {
        List<Task> tasks = engine.getTaskService()
                .createTaskQuery()
                .processInstanceBusinessKey(complaint)
                .taskDefinitionKey(definitionKey)
                .list();
        assertThat(tasks).as("open %s of %s", definitionKey, complaint).hasSize(1);
        return tasks.get(0);
    }

    private ProcessInstance instance(String complaint) {
        return engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(KEY)
                .processInstanceBusinessKey(complaint)
                .singleResult();
    }

    private ProcessInstance instanceById(String id) {
        return engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceId(id)
                .singleResult();
    }

    private Map<String, Object> row(String complaint) {
        return jdbc.queryForMap("SELECT * FROM complaint WHERE reference = ?", complaint);
    }

    private Map<String, Object> clock(String complaint) {
        return jdbc.queryForMap(
                "SELECT * FROM sla_clock WHERE business_key = ? AND clock_name = ?", complaint, CLOCK_NAME);
    }

    private List<Map<String, Object>> outbox(String complaint, String template) {
        return jdbc.queryForList(
                "SELECT recipient, language, subject FROM notification_outbox"
                        + " WHERE business_key = ? AND template_id = ? ORDER BY id",
                complaint,
                template);
    }

    /** Every job due now of the complaint's instances and its mail deliveries, until none is left. */
    private void runDueJobs(String complaint) {
        for (int round = 0; round < 50; round++) {
            Date now = ClockUtil.getCurrentTime();
            List<Job> due = new ArrayList<>();
            engine.getRuntimeService()
                    .createProcessInstanceQuery()
                    .processInstanceBusinessKey(complaint)
                    .list()
                    .forEach(instance ->
                            engine
                                    .getManagementService()
                                    .createJobQuery()
                                    .processInstanceId(instance.getId())
                                    .list()
                                    .stream()
                                    .filter(job -> job.getRetries() > 0
                                            && (job.getDuedate() == null
                                                    || !job.getDuedate().after(now)))
                                    // the periodic review fires only when a test moves the clock that far
                                    .forEach(due::add));
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new AssertionError("Jobs of " + complaint + " keep coming");
    }
}
