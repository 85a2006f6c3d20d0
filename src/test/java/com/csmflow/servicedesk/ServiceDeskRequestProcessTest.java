package com.csmflow.servicedesk;

import static com.csmflow.servicedesk.ServiceDeskRequestProcess.*;
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
 * A service desk request belongs to a client (000, client service delivery): client, category (move, add,
 * change, delete, other), priority, the service-request.resolution SLA clock of the client's tier, a row in
 * the service desk register whose SDR reference is the business key and appears in every mail, mails in
 * the client's language; raised through the API or the Tasklist start form.
 */
@CsmFlowTest
class ServiceDeskRequestProcessTest {

    /** Tuesday 1 December 2026, 10:00 in Munich, 04:00 in New York. */
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

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(TUESDAY_MORNING));
        coverageEngine = engine;
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aRequestThroughTheApiRunsItsClientsSlaClockAndNamesItsReferenceInEveryMailInTheClientsLanguage()
            throws Exception {
        ResponseEntity<String> created = rest.withBasicAuth("csm", "csm")
                .postForEntity(
                        "/api/service-desk-requests",
                        Map.of(
                                "clientReference", "ALPENWERK",
                                "category", "move",
                                "priority", "P2",
                                "subject", "Move the SIEM collector to rack B4",
                                "description", "Data centre move on 12 December",
                                "requesterEmail", "IT@alpenwerk.example"),
                        String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(created.getBody());
        String request = body.path("reference").asText();
        DRIVEN.add(request);
        assertThat(request).matches("SDR-2026-\\d{4,}");
        assertThat(created.getHeaders().getLocation()).hasToString("/api/service-desk-requests/" + request);
        assertThat(body.path("category").asText()).isEqualTo("MOVE");
        assertThat(body.path("priority").asText()).isEqualTo("P2");
        assertThat(body.path("status").asText()).isEqualTo("OPEN");
        assertThat(body.path("requesterEmail").asText()).isEqualTo("it@alpenwerk.example");

        ProcessInstance instance = instance(request);
        assertThat(body.path("processInstanceId").asText()).isEqualTo(instance.getId());
        Task handle = task(request);
        assertThat(engine.getTaskService().getIdentityLinksForTask(handle.getId()))
                .extracting(link -> link.getGroupId())
                .containsExactly("csm");

        // the clock of the client's tier (Standard) and the request's priority, from the SLA targets
        Map<String, Object> clock = clock(request);
        assertThat(clock.get("metric")).isEqualTo(METRIC);
        assertThat(clock.get("tier")).isEqualTo("STANDARD");
        assertThat(clock.get("priority")).isEqualTo("P2");
        assertThat(clock.get("target_duration")).isEqualTo("PT16H");
        assertThat(clock.get("calendar")).isEqualTo("BUSINESS");
        assertThat(clock.get("state")).isEqualTo("RUNNING");
        Date due = (Date) engine.getRuntimeService().getVariable(instance.getId(), RESOLUTION_DUE.name());
        Date warning = (Date) engine.getRuntimeService().getVariable(instance.getId(), RESOLUTION_WARNING.name());
        assertThat(((Timestamp) clock.get("due_at")).toInstant()).isEqualTo(due.toInstant());
        assertThat(due).isAfter(warning).isAfter(Date.from(TUESDAY_MORNING));

        // acknowledged with its reference, in German
        runDueJobs(request);
        assertThat(outbox(request, "service-desk-request-received"))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get("recipient")).isEqualTo("it@alpenwerk.example");
                    assertThat(row.get("language")).isEqualTo("de");
                    assertThat((String) row.get("subject")).startsWith(request + ": Ihre Anfrage");
                    assertThat((String) row.get("body_text")).contains(request).contains("MOVE");
                });

        ClockUtil.setCurrentTime(warning);
        runDueJobs(request);
        assertThat(outbox(request, "service-desk-request-due-soon"))
                .extracting(row -> row.get("recipient"))
                .contains("csm@demo.csmflow.example");
        assertThat(outbox(request, "service-desk-request-due-soon"))
                .allSatisfy(row -> assertThat((String) row.get("subject")).contains(request));
        assertThat(outbox(request, "service-desk-request-overdue")).isEmpty();

        ClockUtil.setCurrentTime(due);
        runDueJobs(request);
        assertThat(outbox(request, "service-desk-request-overdue"))
                .extracting(row -> row.get("recipient"))
                .contains("service-manager@demo.csmflow.example", "csm@demo.csmflow.example");
        assertThat(outbox(request, "service-desk-request-overdue"))
                .allSatisfy(row -> assertThat((String) row.get("subject")).contains(request));

        complete(request, "csm", "Collector moved and re-registered", "resolved");
        runDueJobs(request);
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM service_desk_request WHERE reference = ?", request);
        assertThat(row.get("status")).isEqualTo("RESOLVED");
        assertThat(row.get("handled_by")).isEqualTo("csm");
        assertThat(row.get("client_reference")).isEqualTo("ALPENWERK");
        assertThat(clock(request).get("state")).isEqualTo("BREACHED");
        assertThat(outbox(request, "service-desk-request-outcome"))
                .singleElement()
                .satisfies(mail -> {
                    assertThat((String) mail.get("subject")).startsWith(request + ": Ihre Anfrage");
                    assertThat(mail.get("language")).isEqualTo("de");
                });
        assertThat(instance(request)).isNull();
        assertThat(jdbc.queryForList(
                        "SELECT action FROM register_audit WHERE register = 'service-desk-request' AND reference = ?"
                                + " ORDER BY id",
                        String.class,
                        request))
                .containsExactly("CREATE", "CLOSE");

        // read back: by reference, and in a paged list filtered by client and category
        JsonNode read = json.readTree(
                rest.withBasicAuth("cse", "cse").getForObject("/api/service-desk-requests/" + request, String.class));
        assertThat(read.path("status").asText()).isEqualTo("RESOLVED");
        assertThat(read.path("resolution").asText()).isEqualTo("Collector moved and re-registered");
        ResponseEntity<String> listed = rest.withBasicAuth("cse", "cse")
                .getForEntity(
                        "/api/service-desk-requests?clientReference=ALPENWERK&category=MOVE&size=1", String.class);
        assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(listed.getBody())).hasSize(1);
        assertThat(Long.parseLong(listed.getHeaders().getFirst("X-Total-Count")))
                .isGreaterThanOrEqualTo(1);
        assertThat(json.readTree(listed.getBody()).findValuesAsText("category")).containsOnly("MOVE");
    }

    @Test
    void staffRaiseARequestFromTheTasklistStartFormAndItIsDeclinedWithinItsTarget() {
        ProcessDefinition definition = engine.getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(KEY)
                .latestVersion()
                .singleResult();
        assertThat(definition.getHistoryTimeToLive()).isEqualTo(180);
        ProcessInstance started = submitStartForm(
                definition.getId(),
                Map.of(
                        "clientReference",
                        "HUDSON-MUTUAL",
                        CATEGORY.name(),
                        "DELETE",
                        "priority",
                        "P1",
                        SUBJECT.name(),
                        "Remove the old VPN user group",
                        REQUESTER_EMAIL.name(),
                        "dana.whitfield@hudsonmutual.example",
                        DESCRIPTION.name(),
                        ""));
        String request = engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceId(started.getId())
                .singleResult()
                .getBusinessKey();
        DRIVEN.add(request);
        assertThat(request).matches("SDR-2026-\\d{4,}");
        // Enhanced P1 counts 24x7: four hours from now
        Map<String, Object> clock = clock(request);
        assertThat(clock.get("tier")).isEqualTo("ENHANCED");
        assertThat(((Timestamp) clock.get("due_at")).toInstant()).isEqualTo(TUESDAY_MORNING.plus(Duration.ofHours(4)));
        assertThat(jdbc.queryForObject(
                        "SELECT process_instance_id FROM service_desk_request WHERE reference = ?",
                        String.class,
                        request))
                .isEqualTo(started.getId());

        ClockUtil.setCurrentTime(Date.from(TUESDAY_MORNING.plus(Duration.ofHours(1))));
        complete(request, "csm", "Group is still used by the audit team; keep it", "declined");
        runDueJobs(request);
        assertThat(jdbc.queryForObject(
                        "SELECT status FROM service_desk_request WHERE reference = ?", String.class, request))
                .isEqualTo("DECLINED");
        assertThat(clock(request).get("state")).isEqualTo("MET");
        assertThat(outbox(request, "service-desk-request-outcome"))
                .singleElement()
                .satisfies(mail -> {
                    assertThat((String) mail.get("subject"))
                            .isEqualTo(request + ": your request \"Remove the old VPN user group\": declined");
                    assertThat(mail.get("language")).isEqualTo("en");
                });
        assertThat(outbox(request, "service-desk-request-received")).hasSize(1);
        assertThat(instance(request)).isNull();
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        Map<String, Object> good = Map.of(
                "clientReference", "ALPENWERK",
                "category", "ADD",
                "priority", "P3",
                "subject", "Add a firewall admin",
                "requesterEmail", "it@alpenwerk.example");
        assertRefused(with(good, "category", "paint"), "category");
        assertRefused(with(good, "priority", "urgent-ish"), "priority");
        assertRefused(with(good, "clientReference", "NO-SUCH-CLIENT"), "clientReference");
        assertRefused(with(good, "requesterEmail", "not-an-address"), "requesterEmail");
        assertRefused(without(good, "subject"), "subject");
        assertThat(rest.withBasicAuth("hr", "hr")
                        .postForEntity("/api/service-desk-requests", good, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/api/service-desk-requests/SDR-1999-0001", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/api/service-desk-requests?status=LOST", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM service_desk_request WHERE subject = 'Add a firewall admin'", Long.class))
                .as("nothing half-written")
                .isZero();

        // the Tasklist start form: the same rule, refused naming the field, nothing started
        ProcessDefinition definition = engine.getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(KEY)
                .latestVersion()
                .singleResult();
        long before = engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(KEY)
                .count();
        Throwable refused = catchThrowable(() -> submitStartForm(definition.getId(), without(good, "clientReference")));
        assertThat(refused).hasMessageContaining("clientReference");
        assertThat(engine.getRuntimeService()
                        .createProcessInstanceQuery()
                        .processDefinitionKey(KEY)
                        .count())
                .isEqualTo(before);
    }

    @AfterAll
    static void flowNodeCoverageIsAtLeast95Percent() {
        FlowNodeCoverage.assertAtLeast(coverageEngine, KEY, DRIVEN, 0.95);
    }

    // ---------------------------------------------------------------- helpers

    private ProcessInstance submitStartForm(String definitionId, Map<String, Object> variables) {
        authenticate("csm");
        try {
            return engine.getFormService().submitStartForm(definitionId, variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private void complete(String request, String user, String resolution, String outcome) {
        Task task = task(request);
        authenticate(user);
        try {
            engine.getTaskService()
                    .complete(task.getId(), Map.of(RESOLUTION.name(), resolution, OUTCOME.name(), outcome));
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

    private Task task(String request) {
        List<Task> tasks = engine.getTaskService()
                .createTaskQuery()
                .processInstanceBusinessKey(request)
                .taskDefinitionKey(TASK_HANDLE_REQUEST)
                .list();
        assertThat(tasks).as("open handling task of %s", request).hasSize(1);
        return tasks.get(0);
    }

    private ProcessInstance instance(String request) {
        return engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(KEY)
                .processInstanceBusinessKey(request)
                .singleResult();
    }

    private Map<String, Object> clock(String request) {
        return jdbc.queryForMap(
                "SELECT * FROM sla_clock WHERE business_key = ? AND clock_name = ?", request, CLOCK_NAME);
    }

    private List<Map<String, Object>> outbox(String request, String template) {
        return jdbc.queryForList(
                "SELECT recipient, language, subject, body_text FROM notification_outbox"
                        + " WHERE business_key = ? AND template_id = ? ORDER BY id",
                request,
                template);
    }

    /** Every job due now (engine clock) of the request's instances and its mail deliveries, until none is left. */
    private void runDueJobs(String request) {
        for (int round = 0; round < 50; round++) {
            Date now = ClockUtil.getCurrentTime();
            List<Job> due = new ArrayList<>();
            engine.getRuntimeService()
                    .createProcessInstanceQuery()
                    .processInstanceBusinessKey(request)
                    .list()
                    .forEach(instance -> engine
                            .getManagementService()
                            .createJobQuery()
                            .processInstanceId(instance.getId())
                            .active()
                            .list()
                            .stream()
                            .filter(job -> job.getRetries() > 0)
                            .filter(job -> job.getDuedate() == null
                                    || !job.getDuedate().after(now))
                            .forEach(due::add));
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new IllegalStateException("jobs keep coming for " + request);
    }

    private void assertRefused(Map<String, Object> body, String field) {
        ResponseEntity<String> answer =
                rest.withBasicAuth("csm", "csm").postForEntity("/api/service-desk-requests", body, String.class);
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains(field);
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> base, String key) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.remove(key);
        return copy;
    }
}
