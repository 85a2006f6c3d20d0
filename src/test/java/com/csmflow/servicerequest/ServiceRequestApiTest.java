package com.csmflow.servicerequest;

import static com.csmflow.servicerequest.ServiceRequestProcessTest.body;
import static com.csmflow.servicerequest.ServiceRequestProcessTest.mailTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.csmflow.notification.DeliveryJobs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A service request through {@code POST /api/service-requests}, decided and worked through the engine
 * REST API by the demo users of the right groups, on embedded PostgreSQL with the client's mails in
 * GreenMail; the service register's API with its personal-data rule.
 */
@CsmFlowTest
class ServiceRequestApiTest {

    private static final Instant MONDAY_MORNING =
            // 10:00 in New York: HUDSON-MUTUAL's mails are sent in its business hours
            ZonedDateTime.of(2026, 6, 1, 16, 0, 0, 0, ZoneId.of("Europe/Berlin"))
                    .toInstant();

    @Autowired
    TestRestTemplate rest;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    ManagementService managementService;

    @Autowired
    WorkRecordRepository workRecords;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING));
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    @Test
    void takenInByAnAccountManagerDecidedByTheDcHeadAcceptedAndEnded() throws Exception {
        // only the DC Head and sales take requests in
        assertThat(post("csm", "/api/service-requests", request("api-go@hudson.example"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> created =
                post("account-manager", "/api/service-requests", request("api-go@hudson.example"));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode srq = json.readTree(created.getBody());
        String reference = srq.path("reference").asText();
        assertThat(created.getHeaders().getLocation()).hasToString("/api/service-requests/" + reference);
        assertThat(srq.path("status").asText()).isEqualTo("AWAITING_DECISION");
        assertThat(srq.path("recommendation").asText()).isIn("go", "no-go", "more-information");
        assertThat(srq.path("statusSummary").asText()).contains("Free resources");
        String instance = instanceOf(reference);

        // the DC Head decides in Tasklist (engine REST); a CSM does not even see the task
        assertThat(tasks("csm", instance, ServiceRequestProcess.TASK_DECIDE)).isEmpty();
        String decide = taskId("dc-head", instance, ServiceRequestProcess.TASK_DECIDE);
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("decision", "go");
        decision.put("decisionReason", "Strategic account");
        assertThat(complete("dc-head", decide, decision)).isEqualTo(HttpStatus.NO_CONTENT);

        // the SM must be a service manager: 400 naming the field, the task stays open
        String appoint = taskId("dc-head", instance, ServiceRequestProcess.TASK_APPOINT_SERVICE);
        Map<String, Object> sow = new LinkedHashMap<>();
        sow.put("serviceManager", "cse");
        sow.put("deliveryManager", "delivery-manager");
        sow.put("priceModel", "time-and-material");
        sow.put("scope", "Run the claims platform");
        sow.put("hoursPerMonth", 320);
        sow.put("governanceCycle", "P2W");
        assertThat(complete("dc-head", appoint, sow)).isEqualTo(HttpStatus.BAD_REQUEST);
        sow.put("serviceManager", "service-manager");
        assertThat(complete("dc-head", appoint, sow)).isEqualTo(HttpStatus.NO_CONTENT);
        runJobs(reference);

        JsonNode accepted = get("csm", "/api/service-requests/" + reference);
        assertThat(accepted.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.path("overruled").asBoolean())
                .isEqualTo(!"go".equals(srq.path("recommendation").asText()));
        String service = accepted.path("serviceReference").asText();
        JsonNode svc = get("csm", "/api/services/" + service);
        assertThat(svc.path("serviceManager").asText()).isEqualTo("service-manager");
        assertThat(svc.path("hoursPerMonth").asInt()).isEqualTo(320);
        assertThat(svc.path("governanceCycle").asText()).isEqualTo("P2W");
        assertThat(svc.path("status").asText()).isEqualTo("ACTIVE");
        // the client's mails: the requester and the notice contacts, in English
        assertThat(mailTo("api-go@hudson.example", reference).getSubject()).contains("accepted");
        assertThat(body(mailTo("dana.whitfield@hudsonmutual.example", reference)))
                .contains(service);

        // lists with filters and paging
        ResponseEntity<String> list = rest.withBasicAuth("csm", "csm")
                .getForEntity("/api/services?client=HUDSON-MUTUAL&status=ACTIVE&size=1", String.class);
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(list.getHeaders().getFirst("X-Total-Count")).isNotNull();
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/api/service-requests?status=NOPE", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        // personal data: an individual assessment of the service
        workRecords.save(new WorkRecord(
                service,
                WorkKind.INDIVIDUAL_ASSESSMENT,
                "cse",
                "Needs coaching on reviews",
                null,
                "Review course",
                "competence-manager",
                MONDAY_MORNING,
                "api-test-task-" + service,
                instance));
        String personal = "/api/services/" + service + "/records?kind=INDIVIDUAL_ASSESSMENT";
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity(personal, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("it", "it")
                        .getForEntity(personal, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        for (String reader : List.of("competence-manager", "hr", "service-manager", "delivery-manager")) {
            JsonNode records = get(reader, personal);
            assertThat(records).as(reader).hasSize(1);
            assertThat(records.get(0).path("content").asText()).isEqualTo("Needs coaching on reviews");
        }
        // without a kind the CSM sees the service's records, never the personal ones
        JsonNode visible = get("csm", "/api/services/" + service + "/records");
        visible.forEach(record -> assertThat(record.path("kind").asText()).isNotEqualTo("INDIVIDUAL_ASSESSMENT"));

        // profiles: CM and HR keep them, a CSM may not read them
        Map<String, Object> profile = Map.of("skills", List.of("claims", "java"), "shortProfile", "Claims expert");
        assertThat(put("csm", "/api/staff-profiles/cse", profile)).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(put("hr", "/api/staff-profiles/cse", profile)).isEqualTo(HttpStatus.OK);
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/api/staff-profiles/cse", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("competence-manager", "/api/staff-profiles/cse")
                        .path("shortProfile")
                        .asText())
                .isEqualTo("Claims expert");

        // end of service by request: not for a CSM; the DM ends it, SM consolidates, the client is told
        assertThat(post("csm", "/api/services/" + service + "/end", Map.of("reason", "x"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> ended =
                post("delivery-manager", "/api/services/" + service + "/end", Map.of("reason", "Budget cut"));
        assertThat(ended.getStatusCode()).as(ended.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post("delivery-manager", "/api/services/" + service + "/end", Map.of("reason", "again"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        String consolidate = taskId("service-manager", instance, ServiceRequestProcess.TASK_CONSOLIDATE_END);
        assertThat(complete("service-manager", consolidate, Map.of("consolidation", "Handed over")))
                .isEqualTo(HttpStatus.NO_CONTENT);
        runJobs(reference);
        assertThat(get("csm", "/api/services/" + service).path("status").asText())
                .isEqualTo("ENDED");
        assertThat(body(mailTo("api-go@hudson.example", service + " \"Claims platform operations\" has ended")))
                .contains("Budget cut");
    }

    @Test
    void noGoMailsTheRejectionWithTheReason() throws Exception {
        ResponseEntity<String> created = post("dc-head", "/api/service-requests", request("api-nogo@hudson.example"));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        String reference = json.readTree(created.getBody()).path("reference").asText();
        String instance = instanceOf(reference);
        String decide = taskId("dc-head", instance, ServiceRequestProcess.TASK_DECIDE);
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("decision", "no-go");
        decision.put("decisionReason", "No claims expertise free this year");
        assertThat(complete("dc-head", decide, decision)).isEqualTo(HttpStatus.NO_CONTENT);
        runJobs(reference);
        assertThat(get("dc-head", "/api/service-requests/" + reference)
                        .path("status")
                        .asText())
                .isEqualTo("REJECTED");
        assertThat(body(mailTo("api-nogo@hudson.example", reference))).contains("No claims expertise free this year");
        assertThat(mailTo("noc@hudsonmutual.example", reference).getSubject()).contains("cannot take it on");
    }

    @Test
    void badInputIsA400NamingTheField() throws Exception {
        Map<String, Object> body = request(null);
        body.put("termEnd", "2026-01-01");
        assertBadField(post("dc-head", "/api/service-requests", body), "termEnd");
        body = request(null);
        body.put("priceModel", "cost-plus");
        assertBadField(post("dc-head", "/api/service-requests", body), "priceModel");
        body = request(null);
        body.put("clientReference", "NO-SUCH-CLIENT");
        assertBadField(post("dc-head", "/api/service-requests", body), "clientReference");
        assertThat(rest.withBasicAuth("dc-head", "dc-head")
                        .getForEntity("/api/service-requests/SRQ-1999-0001", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    private Map<String, Object> request(String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientReference", "HUDSON-MUTUAL");
        body.put("serviceName", "Claims platform operations");
        body.put("criteria", "US business hours, SOC 2 evidence");
        body.put("requiredSkills", List.of("java"));
        body.put("expectedStart", "2026-08-01");
        body.put("termEnd", "2027-07-31");
        body.put("priceModel", "time-and-material");
        body.put("risk", "medium");
        body.put("documents", List.of("RFP-HM-2026-3"));
        if (email != null) {
            body.put("requesterEmail", email);
        }
        return body;
    }

    private String instanceOf(String reference) {
        return runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(reference)
                .processDefinitionKey(ServiceRequestProcess.KEY)
                .singleResult()
                .getId();
    }

    private ResponseEntity<String> post(String user, String path, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user).postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }

    private HttpStatus put(String user, String path, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return HttpStatus.valueOf(rest.withBasicAuth(user, user)
                .exchange(path, HttpMethod.PUT, new HttpEntity<>(body, headers), String.class)
                .getStatusCode()
                .value());
    }

    private JsonNode get(String user, String path) throws Exception {
        ResponseEntity<String> response = rest.withBasicAuth(user, user).getForEntity(path, String.class);
        assertThat(response.getStatusCode())
                .as(user + " " + path + ": " + response.getBody())
                .isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    private void assertBadField(ResponseEntity<String> response, String field) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        List<String> fields = new ArrayList<>();
        json.readTree(response.getBody())
                .path("errors")
                .forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).as(response.getBody()).contains(field);
    }

    private JsonNode tasks(String user, String instance, String definitionKey) throws Exception {
        return json.readTree(rest.withBasicAuth(user, user)
                .getForEntity(
                        "/engine-rest/task?processInstanceId=" + instance + "&taskDefinitionKey=" + definitionKey,
                        String.class)
                .getBody());
    }

    private String taskId(String user, String instance, String definitionKey) throws Exception {
        JsonNode tasks = tasks(user, instance, definitionKey);
        assertThat(tasks).as("tasks %s visible to %s", definitionKey, user).hasSize(1);
        return tasks.get(0).path("id").asText();
    }

    private HttpStatus complete(String user, String taskId, Map<String, Object> variables) {
        Map<String, Object> typed = new LinkedHashMap<>();
        variables.forEach((name, value) -> typed.put(name, Map.of("value", value)));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return HttpStatus.valueOf(rest.withBasicAuth(user, user)
                .exchange(
                        "/engine-rest/task/" + taskId + "/complete",
                        HttpMethod.POST,
                        new HttpEntity<>(Map.of("variables", typed), headers),
                        String.class)
                .getStatusCode()
                .value());
    }

    /** Due jobs of the request and of its notification deliveries (same business key). */
    private void runJobs(String businessKey) {
        for (int round = 0; round < 50; round++) {
            List<Job> due = new ArrayList<>();
            for (ProcessInstance instance : runtimeService
                    .createProcessInstanceQuery()
                    .processInstanceBusinessKey(businessKey)
                    .list()) {
                due.addAll(managementService
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .executable()
                        .list());
            }
            due.addAll(DeliveryJobs.of(managementService, businessKey));
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> managementService.executeJob(job.getId()));
        }
        throw new IllegalStateException("Jobs keep coming for " + businessKey);
    }
}
