package com.csmflow.infosec;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 19, item 1: a security event's process variables reach ISEC, IT and the admin only. A service
 * manager who watches every instance in Cockpit, and is not on the event's service, sees that the instance
 * exists but none of its variables, through any of the engine REST's variable paths (runtime, history,
 * details, task, form), nor the event's entries in the audit log; ISEC reads them all.
 */
@CsmFlowTest
class SecurityVariablesAccessTest {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    TaskService taskService;

    @Autowired
    ManagementService managementService;

    @Autowired
    AuthorizationService authorizationService;

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(SecurityEventApiTest.TUESDAY_MORNING));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aManagerNotOnTheServiceSeesTheEventButNoneOfItsVariablesAndIsecSeesThemAll() throws Exception {
        String service = service("sm-elsewhere");
        ResponseEntity<String> created =
                rest.withBasicAuth("it", "it").postForEntity("/api/security-events", report(service), String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        String reference = json.readTree(created.getBody()).path("reference").asText();
        runJobs(reference);
        ProcessInstance instance = runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(SecurityEventProcess.KEY)
                .processInstanceBusinessKey(reference)
                .singleResult();
        Task task = taskService
                .createTaskQuery()
                .processInstanceId(instance.getId())
                .singleResult();
        assertThat(task).as("the event waits in the handling task").isNotNull();
        String id = instance.getId();

        // the manager still sees the instance and its task in Cockpit ...
        assertThat(list("service-manager", "/engine-rest/process-instance?businessKey=" + reference))
                .isNotEmpty();
        assertThat(list("service-manager", "/engine-rest/task?processInstanceId=" + id))
                .isNotEmpty();
        // ... but nothing that is in them
        assertThat(list("service-manager", "/engine-rest/variable-instance?processInstanceIdIn=" + id))
                .isEmpty();
        assertThat(list("service-manager", "/engine-rest/history/variable-instance?processInstanceId=" + id))
                .isEmpty();
        assertThat(list("service-manager", "/engine-rest/history/detail?processInstanceId=" + id))
                .isEmpty();
        assertThat(status("service-manager", "/engine-rest/process-instance/" + id + "/variables"))
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status("service-manager", "/engine-rest/task/" + task.getId() + "/variables"))
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status("service-manager", "/engine-rest/task/" + task.getId() + "/form-variables"))
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(list("service-manager", "/api/audit?businessKey=" + reference))
                .isEmpty();
        // nor the severity table's inputs and outputs for this event (its decision history)
        String severityHistory = "/engine-rest/history/decision-instance?decisionDefinitionKey="
                + "security-event-severity&includeInputs=true&processInstanceId=" + id;
        assertThat(list("service-manager", severityHistory)).isEmpty();
        assertThat(list("isec", severityHistory)).hasSize(1);
        // the table itself stays readable, and every other decision's history stays the managers'
        assertThat(list("service-manager", "/engine-rest/decision-definition?key=security-event-severity"))
                .isNotEmpty();
        assertThat(authorizationService.isUserAuthorized(
                        "service-manager",
                        List.of("service-manager"),
                        Permissions.READ_HISTORY,
                        Resources.DECISION_DEFINITION,
                        "escalation-severity"))
                .isTrue();
        assertThat(list("service-manager", "/api/audit?register=security-event&reference=" + reference))
                .isEmpty();
        // the same manager still reads the variables of every other workflow (a service desk request)
        ProcessInstance request = runtimeService.startProcessInstanceByKey(
                "service-desk-request",
                Map.of(
                        "clientReference", "ALPENWERK",
                        "category", "OTHER",
                        "priority", "P4",
                        "subject", "variables probe",
                        "requesterEmail", "probe@client.example"));
        try {
            assertThat(list("service-manager", "/engine-rest/variable-instance?processInstanceIdIn=" + request.getId())
                            .findValuesAsText("name"))
                    .contains("subject");
            assertThat(list(
                                    "service-manager",
                                    "/engine-rest/history/variable-instance?processInstanceId=" + request.getId())
                            .findValuesAsText("name"))
                    .contains("subject");
        } finally {
            runtimeService.deleteProcessInstance(request.getId(), "variables test");
        }

        // ISEC reads everything, and works the task with its form
        assertThat(list("isec", "/engine-rest/variable-instance?processInstanceIdIn=" + id))
                .isNotEmpty();
        assertThat(list("isec", "/engine-rest/history/variable-instance?processInstanceId=" + id))
                .isNotEmpty();
        assertThat(status("isec", "/engine-rest/process-instance/" + id + "/variables"))
                .isEqualTo(HttpStatus.OK);
        assertThat(status("isec", "/engine-rest/task/" + task.getId() + "/form-variables"))
                .isEqualTo(HttpStatus.OK);
        assertThat(list("isec", "/api/audit?businessKey=" + reference).findValuesAsText("register"))
                .isNotEmpty()
                .allMatch(register -> register.startsWith("security") || register.startsWith("infosec"));
        // isec reads the security registers' history only, not that of the other registers
        assertThat(list("isec", "/api/audit?register=client&size=5")).isEmpty();
        // IT works the same task; a csm, who may report events, reads none of it
        assertThat(status("it", "/engine-rest/task/" + task.getId() + "/form-variables"))
                .isEqualTo(HttpStatus.OK);
        assertThat(list("csm", "/engine-rest/variable-instance?processInstanceIdIn=" + id))
                .isEmpty();
    }

    private JsonNode list(String user, String path) throws Exception {
        ResponseEntity<String> response = rest.withBasicAuth(user, user).getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(path + " " + response.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.isArray()).as(path).isTrue();
        return body;
    }

    private HttpStatus status(String user, String path) {
        return HttpStatus.valueOf(rest.withBasicAuth(user, user)
                .getForEntity(path, String.class)
                .getStatusCode()
                .value());
    }

    private Map<String, Object> report(String service) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientReference", "ALPENWERK");
        body.put("serviceReference", service);
        body.put("eventType", "data-leak");
        body.put("asset", "HR file share");
        body.put("assetCriticality", "high");
        body.put("personalData", true);
        body.put("description", "DLP alert: salary list copied to a USB stick");
        body.put("source", "siem");
        return body;
    }

    private void runJobs(String businessKey) {
        for (int round = 0; round < 50; round++) {
            Date now = ClockUtil.getCurrentTime();
            List<Job> due =
                    runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list().stream()
                            .map(ProcessInstance::getId)
                            .flatMap(id ->
                                    managementService.createJobQuery().processInstanceId(id).active().list().stream())
                            .filter(job -> job.getRetries() > 0)
                            .filter(job -> job.getDuedate() == null
                                    || !job.getDuedate().after(now))
                            .toList();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> managementService.executeJob(job.getId()));
        }
    }

    private String service(String serviceManager) {
        String reference = "SVC-VAR-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        Timestamp now = Timestamp.from(Instant.parse("2026-12-01T09:00:00Z"));
        jdbc.update(
                "INSERT INTO managed_service (reference, client_reference, request_reference, service_name,"
                        + " service_manager, delivery_manager, price_model, scope, starts_on, term_end,"
                        + " staffing_follow_up_cycle, governance_cycle, team_assessment_cycle,"
                        + " individual_assessment_cycle, status, created_at, updated_at)"
                        + " VALUES (?, 'ALPENWERK', ?, 'Variables test service', ?, 'dm-elsewhere', 'fixed-price',"
                        + " 'Test scope', DATE '2026-01-01', DATE '2027-12-31', 'P1M', 'P1M', 'P3M', 'P6M', 'ENDED',"
                        + " ?, ?)",
                reference,
                "SR-" + reference,
                serviceManager,
                now,
                now);
        return reference;
    }
}
