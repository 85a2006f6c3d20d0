package com.csmflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.WebappLogin;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Issue 14, round 7: variables that callers send must neither make Jackson build a class of their
 * choosing (hole 1) nor take the place of a delegate bean in the models' expressions (hole 4).
 */
@CsmFlowTest
class SubmittedVariablesTest {

    private static final String PROCESS = "service-desk-request";
    private static final String FILE_WRITER = "org.apache.commons.io.output.LockableFileWriter";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    TaskService taskService;

    @Autowired
    ManagementService managementService;

    @Autowired
    HistoryService historyService;

    @Autowired
    ApplicationContext context;

    private final List<String> instances = new ArrayList<>();

    @AfterEach
    void removeInstances() {
        instances.stream()
                .filter(id -> runtimeService
                                .createProcessInstanceQuery()
                                .processInstanceId(id)
                                .count()
                        > 0)
                .forEach(id -> runtimeService.deleteProcessInstance(id, "test over"));
    }

    // ---------------------------------------------------------------- hole 1: Object variables

    @Test
    void anObjectVariableOfAForeignClassIsRefusedAndNeverBuilt() throws Exception {
        Path target = Files.createTempFile("csmflow-object-variable", ".txt");
        Files.writeString(target, "must stay");
        String path = objectMapper.writeValueAsString(target.toString());
        Map<String, String> attempts = new LinkedHashMap<>();
        attempts.put(FILE_WRITER, path);
        attempts.put("java.net.URL", "\"http://127.0.0.1:1/probe\"");
        attempts.put("java.util.ArrayList<" + FILE_WRITER + ">", "[" + path + "]");
        attempts.put("java.util.HashMap<java.lang.String," + FILE_WRITER + ">", "{\"a\":" + path + "}");
        attempts.put("java.lang.Class", "\"" + FILE_WRITER + "\"");
        attempts.put("java.lang.ProcessBuilder", "[\"true\"]");
        for (Map.Entry<String, String> attempt : attempts.entrySet()) {
            ObjectNode body = startBody();
            objectVariable(body.with("variables").putObject("payload"), attempt.getKey(), attempt.getValue());
            ResponseEntity<String> started = as("csm")
                    .postForEntity(
                            "/engine-rest/process-definition/key/" + PROCESS + "/start", json(body), String.class);
            String instance = started.getStatusCode().is2xxSuccessful()
                    ? objectMapper.readTree(started.getBody()).path("id").asText()
                    : null;
            if (instance != null) {
                // today's code: the start is accepted, reading the variable builds the class
                instances.add(instance);
                as("admin").getForEntity("/engine-rest/process-instance/" + instance + "/variables", String.class);
                as("admin")
                        .getForEntity("/engine-rest/process-instance/" + instance + "/variables/payload", String.class);
            }
            assertThat(Files.readString(target))
                    .as("file after %s", attempt.getKey())
                    .isEqualTo("must stay");
            assertThat(started.getStatusCode().value())
                    .as("%s: %s", attempt.getKey(), started.getBody())
                    .isEqualTo(400);
            JsonNode error = objectMapper.readTree(started.getBody());
            assertThat(error.path("type").asText()).isEqualTo("InvalidRequestException");
            assertThat(error.path("variable").asText()).isEqualTo("payload");
            assertThat(error.path("message").asText()).contains("payload").doesNotContain("Exception:");
        }
        Files.deleteIfExists(target);
    }

    /** Defence in depth: a foreign Object value that got into the database is not built when read. */
    @Test
    void aForeignObjectAlreadyStoredIsNotBuiltWhenRead() throws Exception {
        Path target = Files.createTempFile("csmflow-stored-object", ".txt");
        Files.writeString(target, "must stay");
        String instance = runtimeService
                .startProcessInstanceByKey(
                        PROCESS,
                        Variables.createVariables()
                                .putValue("subject", "stored before the fix")
                                .putValue("requesterEmail", "a@client.example")
                                .putValue("clientReference", "ALPENWERK")
                                .putValue("category", "OTHER")
                                .putValue("priority", "P4")
                                .putValueTyped(
                                        "payload",
                                        Variables.serializedObjectValue(
                                                        objectMapper.writeValueAsString(target.toString()))
                                                .objectTypeName(FILE_WRITER)
                                                .serializationDataFormat(Variables.SerializationDataFormats.JSON)
                                                .create()))
                .getId();
        instances.add(instance);

        ResponseEntity<String> all =
                as("admin").getForEntity("/engine-rest/process-instance/" + instance + "/variables", String.class);
        ResponseEntity<String> one = as("admin")
                .getForEntity("/engine-rest/process-instance/" + instance + "/variables/payload", String.class);
        assertThatThrownBy(() -> runtimeService.getVariable(instance, "payload"))
                .isInstanceOf(ProcessEngineException.class)
                .hasStackTraceContaining("not whitelisted");

        assertThat(Files.readString(target)).isEqualTo("must stay");
        assertThat(all.getStatusCode().is2xxSuccessful()).as(all.getBody()).isFalse();
        assertThat(one.getStatusCode().is2xxSuccessful()).as(one.getBody()).isFalse();
        assertThat(one.getBody()).contains("Cannot deserialize object in variable 'payload'");
        // still readable as text, e.g. for Cockpit, which asks without deserializing
        ResponseEntity<String> serialized = as("admin")
                .getForEntity(
                        "/engine-rest/process-instance/" + instance + "/variables/payload?deserializeValue=false",
                        String.class);
        assertThat(serialized.getStatusCode().value()).isEqualTo(200);
        assertThat(objectMapper.readTree(serialized.getBody()).path("value").asText())
                .contains(target.toString());
        Files.deleteIfExists(target);
    }

    /** The lists and maps the platform stores itself still work, through REST (Cockpit) and in the engine. */
    @Test
    void thePlatformsOwnObjectTypesStillWork() throws Exception {
        String instance = runtimeService
                .startProcessInstanceByKey(
                        PROCESS,
                        Variables.createVariables()
                                .putValue("subject", "own types")
                                .putValue("requesterEmail", "a@client.example")
                                .putValue("clientReference", "ALPENWERK")
                                .putValue("category", "OTHER")
                                .putValue("priority", "P4")
                                .putValueTyped(
                                        "cabVoters",
                                        Variables.objectValue(new ArrayList<>(List.of("dc-head", "cse")))
                                                .serializationDataFormat(Variables.SerializationDataFormats.JSON)
                                                .create())
                                .putValueTyped(
                                        "payload",
                                        Variables.objectValue(new LinkedHashMap<>(
                                                        Map.of("list", new ArrayList<>(List.of(1, "x")))))
                                                .serializationDataFormat(Variables.SerializationDataFormats.JSON)
                                                .create()))
                .getId();
        instances.add(instance);
        assertThat(runtimeService.getVariable(instance, "cabVoters")).isEqualTo(List.of("dc-head", "cse"));
        assertThat(runtimeService.getVariable(instance, "payload")).isEqualTo(Map.of("list", List.of(1, "x")));

        // edited the way Cockpit edits an Object variable
        ObjectNode voters = objectMapper.createObjectNode();
        objectVariable(voters, "java.util.ArrayList<java.lang.String>", "[\"dc-head\"]");
        ResponseEntity<String> put = as("admin")
                .exchange(
                        "/engine-rest/process-instance/" + instance + "/variables/cabVoters",
                        HttpMethod.PUT,
                        json(voters),
                        String.class);
        assertThat(put.getStatusCode().value()).as(put.getBody()).isEqualTo(204);
        ResponseEntity<String> read = as("admin")
                .getForEntity("/engine-rest/process-instance/" + instance + "/variables/cabVoters", String.class);
        assertThat(read.getStatusCode().value()).as(read.getBody()).isEqualTo(200);
        assertThat(objectMapper.readTree(read.getBody()).path("value").get(0).asText())
                .isEqualTo("dc-head");
        // an untyped JSON value becomes a map of the allowed types
        ResponseEntity<String> untyped = as("admin")
                .exchange(
                        "/engine-rest/process-instance/" + instance + "/variables/note",
                        HttpMethod.PUT,
                        json(objectMapper.readTree("{\"value\":{\"a\":[1,\"b\"]}}")),
                        String.class);
        assertThat(untyped.getStatusCode().value()).as(untyped.getBody()).isEqualTo(204);
        assertThat(as("admin")
                        .getForEntity("/engine-rest/process-instance/" + instance + "/variables/note", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    // ---------------------------------------------------------------- hole 4: bean shadowing

    @Test
    void aVariableNamedLikeADelegateIsRefusedAndTheInstanceStillProceeds() throws Exception {
        ResponseEntity<String> started = as("csm")
                .postForEntity(
                        "/engine-rest/process-definition/key/" + PROCESS + "/start", json(startBody()), String.class);
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
        String instance = objectMapper.readTree(started.getBody()).path("id").asText();
        instances.add(instance);
        String task = taskService
                .createTaskQuery()
                .processInstanceId(instance)
                .singleResult()
                .getId();

        for (String bean : List.of("notify", "changeStep", "slaClockStart")) {
            ObjectNode body = completeBody();
            body.with("variables").putObject(bean).put("value", "shadow").put("type", "String");
            ResponseEntity<String> completed =
                    as("csm").postForEntity("/engine-rest/task/" + task + "/complete", json(body), String.class);
            assertThat(completed.getStatusCode().value())
                    .as("%s: %s", bean, completed.getBody())
                    .isEqualTo(400);
            assertThat(objectMapper
                            .readTree(completed.getBody())
                            .path("variable")
                            .asText())
                    .isEqualTo(bean);
        }
        ObjectNode local =
                objectMapper.createObjectNode().put("value", "shadow").put("type", "String");
        assertThat(as("csm")
                        .exchange(
                                "/engine-rest/task/" + task + "/localVariables/notify",
                                HttpMethod.PUT,
                                json(local),
                                String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        ObjectNode startWithBean = startBody();
        startWithBean
                .with("variables")
                .putObject("slaClockStart")
                .put("value", "x")
                .put("type", "String");
        assertThat(as("csm")
                        .postForEntity(
                                "/engine-rest/process-definition/key/" + PROCESS + "/start",
                                json(startWithBean),
                                String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        assertThat(runtimeService.getVariables(instance)).doesNotContainKeys("notify", "changeStep", "slaClockStart");

        // the real completion goes through, and the ${notify} step after it runs
        ResponseEntity<String> completed =
                as("csm").postForEntity("/engine-rest/task/" + task + "/complete", json(completeBody()), String.class);
        assertThat(completed.getStatusCode().value()).as(completed.getBody()).isEqualTo(204);
        // the acknowledgement job of the request waits beside it: take the outcome mail's
        Job notify = managementService
                .createJobQuery()
                .processInstanceId(instance)
                .activityId("Task_TellRequester")
                .singleResult();
        managementService.executeJob(notify.getId());
        // and the acknowledgement, so that the instance ends
        managementService
                .createJobQuery()
                .processInstanceId(instance)
                .list()
                .forEach(job -> managementService.executeJob(job.getId()));
        assertThat(historyService
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(instance)
                        .activityId("Task_TellRequester")
                        .finished()
                        .count())
                .isEqualTo(1);
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceId(instance)
                        .singleResult()
                        .getEndTime())
                .isNotNull();
    }

    /** Otherwise Tasklist could not submit the platform's own forms. */
    @Test
    void noFormFieldOfThePlatformIsNamedLikeABean() throws IOException {
        List<String> clashes = new ArrayList<>();
        Resource[] forms = new PathMatchingResourcePatternResolver().getResources("classpath:forms/*.form");
        assertThat(forms).isNotEmpty();
        for (Resource form : forms) {
            objectMapper.readTree(form.getInputStream()).findValues("key").stream()
                    .filter(JsonNode::isTextual)
                    .map(JsonNode::asText)
                    .filter(context::containsBean)
                    .forEach(key -> clashes.add(form.getFilename() + ": " + key));
        }
        assertThat(clashes).isEmpty();
    }

    // ---------------------------------------------------------------- the webapps' engine API

    @Test
    void theWebappsEngineApiRefusesTheSameVariables() throws Exception {
        Path target = Files.createTempFile("csmflow-webapp-object", ".txt");
        Files.writeString(target, "must stay");
        HttpHeaders session = tasklistSession("csm");
        ObjectNode foreign = startBody();
        objectVariable(
                foreign.with("variables").putObject("payload"),
                FILE_WRITER,
                objectMapper.writeValueAsString(target.toString()));
        ObjectNode shadowing = startBody();
        shadowing.with("variables").putObject("notify").put("value", "x").put("type", "String");
        String url = "/camunda/api/engine/engine/default/process-definition/key/" + PROCESS + "/submit-form";
        long before = runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(PROCESS)
                .count();
        for (ObjectNode body : List.of(foreign, shadowing)) {
            ResponseEntity<String> response = rest.exchange(
                    url,
                    HttpMethod.POST,
                    new HttpEntity<>(objectMapper.writeValueAsString(body), session),
                    String.class);
            assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
        }
        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .processDefinitionKey(PROCESS)
                        .count())
                .isEqualTo(before);
        assertThat(Files.readString(target)).isEqualTo("must stay");
        // the session is good for a normal submission
        ResponseEntity<String> fine = rest.exchange(
                url,
                HttpMethod.POST,
                new HttpEntity<>(objectMapper.writeValueAsString(startBody()), session),
                String.class);
        assertThat(fine.getStatusCode().value()).as(fine.getBody()).isEqualTo(200);
        instances.add(objectMapper.readTree(fine.getBody()).path("id").asText());
        Files.deleteIfExists(target);
    }

    /** Headers of a logged-in Tasklist session, with the CSRF token the webapps expect. */
    private HttpHeaders tasklistSession(String user) {
        ResponseEntity<String> login = WebappLogin.login(rest, "tasklist", user, user);
        assertThat(login.getStatusCode().value()).isEqualTo(200);
        String session = WebappLogin.cookie(login, "JSESSIONID");
        HttpHeaders probe = new HttpHeaders();
        probe.add(HttpHeaders.COOKIE, "JSESSIONID=" + session);
        probe.add("X-XSRF-TOKEN", "Fetch");
        ResponseEntity<String> page = rest.exchange(
                "/camunda/api/engine/engine/default/user/" + user + "/profile",
                HttpMethod.GET,
                new HttpEntity<>(probe),
                String.class);
        String token = page.getHeaders().getFirst("X-XSRF-TOKEN");
        if (token == null) {
            token = WebappLogin.cookie(page, "XSRF-TOKEN");
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + session + "; XSRF-TOKEN=" + token);
        headers.add("X-XSRF-TOKEN", token);
        return headers;
    }

    // ---------------------------------------------------------------- helpers

    private ObjectNode startBody() {
        ObjectNode body = objectMapper.createObjectNode();
        ObjectNode variables = body.putObject("variables");
        variables.putObject("subject").put("value", "Round 7 probe").put("type", "String");
        variables
                .putObject("requesterEmail")
                .put("value", "it-lead@client.example")
                .put("type", "String");
        variables.putObject("description").put("value", "probe").put("type", "String");
        variables.putObject("clientReference").put("value", "ALPENWERK").put("type", "String");
        variables.putObject("category").put("value", "OTHER").put("type", "String");
        variables.putObject("priority").put("value", "P4").put("type", "String");
        return body;
    }

    private ObjectNode completeBody() {
        ObjectNode body = objectMapper.createObjectNode();
        ObjectNode variables = body.putObject("variables");
        variables.putObject("resolution").put("value", "Done").put("type", "String");
        variables.putObject("outcome").put("value", "resolved").put("type", "String");
        return body;
    }

    private static void objectVariable(ObjectNode variable, String objectTypeName, String serialized) {
        variable.put("value", serialized).put("type", "Object");
        variable.putObject("valueInfo")
                .put("objectTypeName", objectTypeName)
                .put("serializationDataFormat", "application/json");
    }

    private HttpEntity<String> json(JsonNode body) throws IOException {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(new String(objectMapper.writeValueAsBytes(body), StandardCharsets.UTF_8), headers);
    }

    private TestRestTemplate as(String user) {
        return rest.withBasicAuth(user, user);
    }
}
