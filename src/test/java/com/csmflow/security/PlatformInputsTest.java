package com.csmflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.WebappLogin;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 14, hole 3: business keys and workflow messages chosen by a caller of the engine's own API.
 * The two reproductions of the issue (a change reference squatted through {@code /engine-rest/.../start},
 * a fake SLA-breach escalation through {@code /engine-rest/message}) are refused, and the next legitimate
 * request through the domain API gets its own fresh row; a register step that meets another instance's row
 * fails instead of writing into it; starts through the engine API validate like the domain API.
 */
@CsmFlowTest
class PlatformInputsTest {

    /** Monday 1 June 2026 07:00 UTC: change windows a week later are in the future. */
    private static final Instant NOW = Instant.parse("2026-06-01T07:00:00Z");

    @Autowired
    TestRestTemplate rest;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    ManagementService managementService;

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    JdbcTemplate jdbc;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void clock() {
        ClockUtil.setCurrentTime(Date.from(NOW));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aCallerCannotSquatTheNextChangeReferenceAndTheNextChangeGetsItsOwnRow() throws Exception {
        String squatted = nextKey("CHG");
        ResponseEntity<String> squat = engine(
                "cse",
                "POST",
                "/engine-rest/process-definition/key/change-request/start",
                Map.of("businessKey", squatted, "variables", changeVariables("ops@alpenwerk.example")));
        assertThat(squat.getStatusCode().value()).as(squat.getBody()).isEqualTo(403);
        assertThat(squat.getBody()).contains("businessKey");
        assertThat(instancesWithKey(squatted)).isEmpty();

        ResponseEntity<String> created = rest.withBasicAuth("csm", "csm")
                .postForEntity("/api/changes", new HttpEntity<>(changeBody(), jsonHeaders()), String.class);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        JsonNode change = json.readTree(created.getBody());
        String reference = change.path("reference").asText();
        List<ProcessInstance> owners = instancesWithKey(reference);
        assertThat(owners).hasSize(1);
        assertThat(change.path("processInstanceId").asText())
                .isEqualTo(owners.get(0).getId());
        assertThat(change.path("raisedBy").asText()).isEqualTo("csm");
        runtimeService.deleteProcessInstance(owners.get(0).getId(), "test done");
    }

    @Test
    void aCallerCannotOpenAFakeBreachEscalationAndTheNextEscalationGetsItsOwnRow() throws Exception {
        String squatted = nextKey("ESC");
        Map<String, Object> variables = Map.of(
                "clientReference", Map.of("value", "ALPENWERK"),
                "breachedBusinessKey", Map.of("value", "CHG-2026-0001"),
                "summary", Map.of("value", "fake breach"));
        ResponseEntity<String> withKey = engine(
                "csm",
                "POST",
                "/engine-rest/message",
                Map.of("messageName", "sla-breached", "businessKey", squatted, "processVariables", variables));
        ResponseEntity<String> withoutKey = engine(
                "csm",
                "POST",
                "/engine-rest/message",
                Map.of("messageName", "sla-breached", "processVariables", variables));
        ResponseEntity<String> asAdmin = engine(
                "admin",
                "POST",
                "/engine-rest/message",
                Map.of("messageName", "sla-breached", "processVariables", variables));
        assertThat(instancesWithKey(squatted)).isEmpty();
        // whatever the message started would have run its first steps by now in a running platform
        runJobsOf(runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey("escalation")
                .list());

        assertThat(withKey.getStatusCode().value()).as(withKey.getBody()).isBetween(400, 499);
        assertThat(withoutKey.getStatusCode().value()).as(withoutKey.getBody()).isEqualTo(403);
        assertThat(asAdmin.getStatusCode().value()).as(asAdmin.getBody()).isEqualTo(403);
        assertThat(withoutKey.getBody()).contains("sla-breached");
        // other tests' escalations share this context and may legitimately take the predicted key once their
        // jobs run: what must not exist is an instance the forged message started
        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .variableValueEquals("summary", "fake breach")
                        .list())
                .isEmpty();

        ResponseEntity<String> created = rest.withBasicAuth("csm", "csm")
                .postForEntity(
                        "/api/escalations",
                        new HttpEntity<>(
                                "{\"clientReference\":\"ALPENWERK\",\"subject\":\"Portal down\","
                                        + "\"reportedImpact\":\"high\"}",
                                jsonHeaders()),
                        String.class);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        JsonNode escalation = json.readTree(created.getBody());
        String reference = escalation.path("reference").asText();
        assertThat(escalation.path("source").asText()).isEqualTo("client");
        List<ProcessInstance> owners = instancesWithKey(reference);
        assertThat(owners).hasSize(1);
        assertThat(escalation.path("processInstanceId").asText())
                .isEqualTo(owners.get(0).getId());
        runtimeService.deleteProcessInstance(owners.get(0).getId(), "test done");
    }

    @Test
    void aStartFromTasklistWithABusinessKeyIsRefusedAndWithoutOneValidatedLikeTheApi() throws Exception {
        String definitionId = repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey("change-request")
                .latestVersion()
                .singleResult()
                .getId();
        String path = "/camunda/api/engine/engine/default/process-definition/" + definitionId + "/submit-form";
        String squatted = nextKey("CHG");

        ResponseEntity<String> withKey = webapp(
                "csm", path, Map.of("businessKey", squatted, "variables", changeVariables("ops@alpenwerk.example")));
        assertThat(withKey.getStatusCode().value()).as(withKey.getBody()).isEqualTo(403);
        assertThat(withKey.getBody()).contains("businessKey: business keys are issued by the platform");

        ResponseEntity<String> badEmail =
                webapp("csm", path, Map.of("variables", changeVariables("https://evil.example/x")));
        assertThat(badEmail.getStatusCode().value()).as(badEmail.getBody()).isEqualTo(400);
        assertThat(badEmail.getBody()).contains("requesterEmail");

        ResponseEntity<String> viaEngineRest = engine(
                "cse",
                "POST",
                "/engine-rest/process-definition/key/change-request/start",
                Map.of("variables", changeVariables("https://evil.example/x")));
        assertThat(viaEngineRest.getStatusCode().value())
                .as(viaEngineRest.getBody())
                .isEqualTo(400);
        assertThat(viaEngineRest.getBody()).contains("requesterEmail");
        assertThat(instancesWithKey(squatted)).isEmpty();

        // a valid start form: the workflow issues the reference itself
        ResponseEntity<String> valid =
                webapp("csm", path, Map.of("variables", changeVariables("ops@alpenwerk.example")));
        assertThat(valid.getStatusCode().value()).as(valid.getBody()).isEqualTo(200);
        String instanceId = json.readTree(valid.getBody()).path("id").asText();
        String businessKey = runtimeService
                .createProcessInstanceQuery()
                .processInstanceId(instanceId)
                .singleResult()
                .getBusinessKey();
        assertThat(businessKey).matches("CHG-2026-\\d{4,}");
        assertThat(jdbc.queryForObject(
                        "SELECT process_instance_id FROM change_request WHERE reference = ?",
                        String.class,
                        businessKey))
                .isEqualTo(instanceId);
        runtimeService.deleteProcessInstance(instanceId, "test done");
    }

    @Test
    void aRegisterStepThatMeetsAnotherInstancesRowFailsInsteadOfWritingIntoIt() throws Exception {
        ResponseEntity<String> created = rest.withBasicAuth("csm", "csm")
                .postForEntity("/api/changes", new HttpEntity<>(changeBody(), jsonHeaders()), String.class);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        JsonNode change = json.readTree(created.getBody());
        String reference = change.path("reference").asText();
        Map<String, Object> before = jdbc.queryForMap("SELECT * FROM change_request WHERE reference = ?", reference);

        // even the platform's own code (no external caller here) cannot make a second instance write into it
        Map<String, Object> variables = new LinkedHashMap<>();
        changeVariables("ops@alpenwerk.example").forEach((name, value) -> variables.put(name, value.get("value")));
        assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("change-request", reference, variables))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(reference)
                .hasMessageContaining("belongs to process instance "
                        + change.path("processInstanceId").asText());
        assertThat(instancesWithKey(reference)).hasSize(1);
        assertThat(jdbc.queryForMap("SELECT * FROM change_request WHERE reference = ?", reference))
                .isEqualTo(before);

        String escalation = json.readTree(rest.withBasicAuth("csm", "csm")
                        .postForEntity(
                                "/api/escalations",
                                new HttpEntity<>(
                                        "{\"clientReference\":\"ALPENWERK\",\"subject\":\"Portal down\","
                                                + "\"reportedImpact\":\"high\"}",
                                        jsonHeaders()),
                                String.class)
                        .getBody())
                .path("reference")
                .asText();
        assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(
                        "escalation",
                        escalation,
                        Variables.putValue("clientReference", "ALPENWERK")
                                .putValue("subject", "second")
                                .putValue("reportedImpact", "low")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs to process instance");
        assertThat(instancesWithKey(escalation)).hasSize(1);
        instancesWithKey(reference)
                .forEach(instance -> runtimeService.deleteProcessInstance(instance.getId(), "test done"));
        instancesWithKey(escalation)
                .forEach(instance -> runtimeService.deleteProcessInstance(instance.getId(), "test done"));
    }

    /** Every message a model waits for has a decision on who may send it; a new one fails here until it does. */
    @Test
    void everyWorkflowMessageHasADecisionOnItsSenders() throws Exception {
        Set<String> names = new TreeSet<>();
        Pattern message = Pattern.compile("<bpmn:message id=\"[^\"]+\" name=\"([^\"]+)\"");
        try (Stream<Path> models = Files.list(Path.of("bpmn"))) {
            for (Path model :
                    models.filter(path -> path.toString().endsWith(".bpmn")).toList()) {
                Matcher matcher = message.matcher(Files.readString(model));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        assertThat(names).contains("sla-breached", "escalation-client-response", "problem-requested");
        assertThat(PlatformInputsPlugin.MESSAGE_SENDERS.keySet()).containsAll(names);
    }

    private Map<String, Map<String, Object>> changeVariables(String requesterEmail) {
        Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
        changeBody()
                .forEach((name, value) -> variables.put(
                        name,
                        Map.of(
                                "value",
                                value instanceof List<?> list
                                        ? String.join(
                                                ", ",
                                                list.stream()
                                                        .map(String::valueOf)
                                                        .toList())
                                        : value)));
        variables.put("requesterEmail", Map.of("value", requesterEmail));
        return variables;
    }

    private static Map<String, Object> changeBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientReference", "ALPENWERK");
        body.put("title", "Replace firewall cluster");
        body.put("description", "End-of-life hardware");
        body.put("requestedType", "normal");
        body.put("nonStandard", false);
        body.put("impactedServices", List.of("Firewall"));
        body.put("windowStart", "2026-06-13T22:00+02:00");
        body.put("windowEnd", "2026-06-14T02:00+02:00");
        body.put("urgency", "low");
        body.put("impact", "low");
        body.put("billable", false);
        body.put("requesterEmail", "ops@alpenwerk.example");
        return body;
    }

    /** The key the platform will issue next for the prefix (what a squatter would guess). */
    private String nextKey(String prefix) {
        int year = NOW.atZone(ZoneOffset.UTC).getYear();
        Long last = jdbc.query(
                "SELECT last_value FROM business_key_counter WHERE prefix = ? AND key_year = ?",
                rs -> rs.next() ? rs.getLong(1) : 0L,
                prefix,
                year);
        return String.format("%s-%d-%04d", prefix, year, last + 1);
    }

    private List<ProcessInstance> instancesWithKey(String businessKey) {
        return runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(businessKey)
                .list();
    }

    private void runJobsOf(List<ProcessInstance> instances) {
        for (ProcessInstance instance : instances) {
            for (Job job : managementService
                    .createJobQuery()
                    .processInstanceId(instance.getId())
                    .executable()
                    .list()) {
                try {
                    managementService.executeJob(job.getId());
                } catch (RuntimeException ignored) {
                    // a failing job is the engine's business; the assertions below look at the register
                }
            }
        }
    }

    private ResponseEntity<String> engine(String user, String method, String path, Object body) {
        return rest.withBasicAuth(user, user)
                .exchange(path, HttpMethod.valueOf(method), new HttpEntity<>(body, jsonHeaders()), String.class);
    }

    /** A call of the webapps' engine API as Tasklist makes it: session cookie and CSRF token. */
    private ResponseEntity<String> webapp(String user, String path, Object body) {
        return rest.exchange(
                path,
                HttpMethod.POST,
                new HttpEntity<>(body, WebappLogin.apiHeaders(rest, "tasklist", user, user)),
                String.class);
    }

    private static HttpHeaders jsonHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        return headers;
    }
}
