package com.csmflow.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.hardening.ApiEndpoints.Endpoint;
import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.WebappLogin;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Issue 8, hostile input: malformed, oversized, wrongly typed and injection-style requests against
 * every domain API operation (discovered from Spring MVC's handler mapping, so endpoints of later
 * branches are covered without editing this class) and against the engine's message correlation.
 * <p>
 * Plain JUnit 5 with a seeded {@link Random} rather than jqwik: jqwik runs its properties on its own
 * test engine, where Spring's JUnit Jupiter extension (context injection, the one shared
 * {@code @CsmFlowTest} context) does not apply without a further integration library. A fixed seed
 * keeps any failure reproducible; the seed can be changed with {@code -Dhostile.seed=...}.
 * <p>
 * Every rejection must be a 4xx problem ({@code application/problem+json}; the engine REST API answers
 * with its own JSON error), nothing may answer 5xx, a rejected write must leave the database as it was
 * (content of our tables, running executions and historic process instances), and no expression
 * sent as text is ever evaluated. Issue 14, round 7: every engine write path that takes variables, on
 * the REST API and the webapps' engine API, refuses Object variables of foreign classes and variables
 * named like a bean.
 */
@CsmFlowTest
class HostileInputTest {

    private static final long SEED = Long.getLong("hostile.seed", 20261122L);
    /**
     * Hostile requests to the domain API in all, spread over its operations (at least 40 each), so the
     * run stays well under a minute when the workflow APIs add their operations.
     */
    private static final int API_CASES = 1200;

    private static final int MESSAGE_CASES = 150;
    /** Hostile requests to the engine REST API, and to the webapps' engine API (issue 14). */
    private static final int ENGINE_CASES = 1500;

    private static final int WEBAPP_ENGINE_CASES = 400;
    private static final String ADMIN = "admin";
    private static final String PROBE_MESSAGE = "hardening-probe-message";

    static final List<String> HOSTILE_TEXT = List.of(
            "${hostileProbe.hit()}",
            "#{hostileProbe.hit()}",
            "${expressionProbe.hit()}",
            "${''.getClass().forName('java.lang.Runtime')}",
            "' OR '1'='1",
            "'; DROP TABLE client; --",
            "\" OR 1=1 --",
            "1); DELETE FROM sla_target; --",
            "<script>alert(1)</script>",
            "../../../../etc/passwd",
            "${jndi:ldap://127.0.0.1:1/x}",
            "%s%s%s%n",
            "\u0000",
            "line\r\nX-Injected: yes",
            "{\"$ne\":null}",
            "😀😀😀",
            "",
            "   ",
            "null",
            "-1",
            "0",
            "99999999999999999999999",
            "NaN",
            "1e309",
            "true",
            "[]",
            "*",
            "%",
            "_");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    TaskService taskService;

    @Autowired
    TestRestTemplate rest;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> failures = new ArrayList<>();
    private int probeHitsBefore;
    private String deploymentId;

    @BeforeEach
    void registerProbe() {
        // registered by hand: a test configuration would give this class a second application context.
        // Own name: PlatformSecurityTest registers "expressionProbe" with its own class.
        if (!context.containsBean("hostileProbe")) {
            context.getBeanFactory().registerSingleton("hostileProbe", new ExpressionProbe());
        }
        probeHitsBefore = hits(context.getBean("hostileProbe"));
    }

    @AfterEach
    void removeProbeProcess() {
        if (deploymentId != null) {
            repositoryService.deleteDeployment(deploymentId, true);
        }
    }

    @Test
    void everyApiOperationRejectsHostileInputCleanly() throws Exception {
        List<Endpoint> endpoints = ApiEndpoints.discover(mapping);
        assertThat(endpoints)
                .extracting(Endpoint::label)
                .contains("POST /api/clients", "PUT /api/sla-targets/{id}", "GET /api/registers/{register}");
        Random random = new Random(SEED);
        int perEndpoint = Math.max(40, (API_CASES + endpoints.size() - 1) / endpoints.size());
        int sent = 0;
        for (Endpoint endpoint : endpoints) {
            for (int i = 0; i < perEndpoint; i++) {
                send(endpoint, random, i);
                sent++;
            }
            // a method the operation does not have: 405 as a problem too
            sent += unsupportedMethod(endpoint);
        }
        assertThat(sent).isGreaterThanOrEqualTo(1000);
        assertThat(failures)
                .as("hostile requests handled wrongly (seed %d)", SEED)
                .isEmpty();
        assertThat(hits(context.getBean("hostileProbe")))
                .as("expressions evaluated")
                .isEqualTo(probeHitsBefore);
    }

    @Test
    void messageCorrelationRejectsHostileInputCleanly() throws Exception {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < MESSAGE_CASES; i++) {
            String body = hostileMessage(random, i);
            Snapshot before = snapshot();
            HttpResponse<String> response = post("/engine-rest/message", body, "application/json");
            int status = response.statusCode();
            String label = "POST /engine-rest/message #" + i + " " + abbreviate(body);
            if (status >= 500) {
                failures.add(label + " -> " + status + " " + abbreviate(response.body()));
            } else if (status >= 400) {
                // the engine's own error JSON, a problem from our guard in front of the engine, or for a
                // body of the wrong JSON types Jackson's plain-text message (which of the engine's two
                // JAX-RS exception mappers answers differs between runs)
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (!type.startsWith("application/json")
                        && !type.startsWith("application/problem+json")
                        && !(status == 400 && type.startsWith("text/plain"))) {
                    failures.add(label + " -> " + status + " without a JSON error: " + type + " "
                            + abbreviate(response.body()));
                }
                Snapshot after = snapshot();
                if (!after.equals(before)) {
                    failures.add(label + " -> " + status + " but changed " + before.difference(after));
                }
            } else {
                failures.add(label + " -> accepted with " + status);
            }
        }
        assertThat(failures)
                .as("hostile correlations handled wrongly (seed %d)", SEED)
                .isEmpty();
        assertThat(hits(context.getBean("hostileProbe"))).isEqualTo(probeHitsBefore);
    }

    /** Accepted text with expressions is stored and returned as it was sent, never evaluated. */
    @Test
    void expressionsInAcceptedTextAreStoredVerbatim() throws Exception {
        String name = "${hostileProbe.hit()} & #{hostileProbe.hit()} GmbH";
        String reference = "HOSTILE-"
                + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        String client = """
                {"reference":"%s","name":%s,"tier":"STANDARD","language":"de","timeZone":"Europe/Berlin",
                 "businessDayStart":"08:00","businessDayEnd":"17:00","businessDays":["MONDAY","TUESDAY"],
                 "holidayRegion":"DE-BY","contacts":[{"name":%s,"email":"probe@example.com","role":%s}],
                 "contracts":[{"reference":"C-1","services":[%s],"contractedHoursPerMonth":1,
                               "termStart":"2026-01-01","termEnd":"2026-12-31"}]}
                """.formatted(
                reference, json(name), json("#{hostileProbe.hit()}"), json("${1+1}"), json("${hostileProbe.hit()}"));
        HttpResponse<String> created = post("/api/clients", client, "application/json");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode read = objectMapper.readTree(get("/api/clients/" + reference).body());
        assertThat(read.path("name").asText()).isEqualTo(name);
        assertThat(read.path("contacts").path(0).path("name").asText()).isEqualTo("#{hostileProbe.hit()}");
        assertThat(read.path("contacts").path(0).path("role").asText()).isEqualTo("${1+1}");
        assertThat(read.path("contracts").path(0).path("services").path(0).asText())
                .isEqualTo("${hostileProbe.hit()}");

        // a message from outside with an expression as business key: refused (only the platform sends
        // workflow messages and issues business keys, docs/security.md), nothing started, nothing evaluated
        deploymentId = repositoryService
                .createDeployment()
                .name("hostile-input-probe")
                .addModelInstance(
                        "hostile-input-probe.bpmn",
                        Bpmn.createExecutableProcess("hostile-input-probe")
                                .camundaHistoryTimeToLive(1)
                                .startEvent()
                                .message(PROBE_MESSAGE)
                                .userTask("Task_Look")
                                .camundaCandidateGroups("csm")
                                .endEvent()
                                .done())
                // started without a message: a process that only has a message start event is steered by
                // that message, and starting it from outside is refused like the message itself
                .addModelInstance(
                        "hostile-input-probe-start.bpmn",
                        Bpmn.createExecutableProcess("hostile-input-probe-start")
                                .camundaHistoryTimeToLive(1)
                                .startEvent()
                                .userTask("Task_Look")
                                .camundaCandidateGroups("csm")
                                .endEvent()
                                .done())
                .deploy()
                .getId();
        String message =
                """
                {"messageName":"%s","businessKey":%s,"resultEnabled":true,
                 "processVariables":{"summary":{"value":%s,"type":"String"},
                                     "note":{"value":%s,"type":"String"}}}
                """.formatted(PROBE_MESSAGE, json("${hostileProbe.hit()}"), json(name), json("#{hostileProbe.hit()}"));
        HttpResponse<String> refused = post("/engine-rest/message", message, "application/json");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .processDefinitionKey("hostile-input-probe")
                        .count())
                .isZero();
        // the same variables through a start: stored as strings, not evaluated
        String start = """
                {"variables":{"summary":{"value":%s,"type":"String"},
                              "note":{"value":%s,"type":"String"}}}
                """.formatted(json(name), json("#{hostileProbe.hit()}"));
        HttpResponse<String> started =
                post("/engine-rest/process-definition/key/hostile-input-probe-start/start", start, "application/json");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        ProcessInstance instance = runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey("hostile-input-probe-start")
                .singleResult();
        assertThat(runtimeService.getVariables(instance.getId()))
                .containsEntry("summary", name)
                .containsEntry("note", "#{hostileProbe.hit()}");
        assertThat(hits(context.getBean("hostileProbe"))).isEqualTo(probeHitsBefore);
    }

    // ---------------------------------------------------------------- variables sent to the engine (issue 14, round 7)

    /**
     * Every engine REST write path that takes variables, on the public REST API and on the webapps'
     * engine API: Object variables of classes the platform does not define and variables named like a
     * Spring bean are refused with 400 naming the variable, and nothing is written (database, the probe
     * instance's variables, the file a LockableFileWriter would empty).
     */
    @Test
    void engineVariableWritesRefuseForeignObjectsAndBeanNames() throws Exception {
        Path target = Files.createTempFile("hostile-variables", ".txt");
        Files.writeString(target, "must stay");
        deploymentId = repositoryService
                .createDeployment()
                .name("hostile-variables-probe")
                .addModelInstance(
                        "hostile-variables-probe.bpmn",
                        Bpmn.createExecutableProcess(VARIABLES_PROBE)
                                .camundaHistoryTimeToLive(1)
                                .startEvent()
                                .parallelGateway("Fork")
                                .userTask("Task_Look")
                                .camundaCandidateGroups("csm")
                                .endEvent()
                                .moveToNode("Fork")
                                .intermediateCatchEvent("Catch_Continue")
                                .message(VARIABLES_MESSAGE)
                                .endEvent()
                                .done())
                .deploy()
                .getId();
        String definition = repositoryService
                .createProcessDefinitionQuery()
                .deploymentId(deploymentId)
                .singleResult()
                .getId();
        String instance = runtimeService
                .startProcessInstanceByKey(VARIABLES_PROBE, Map.of("kept", "as it was"))
                .getId();
        String task = taskService
                .createTaskQuery()
                .processInstanceId(instance)
                .singleResult()
                .getId();
        String waiting = runtimeService
                .createExecutionQuery()
                .processInstanceId(instance)
                .messageEventSubscriptionName(VARIABLES_MESSAGE)
                .singleResult()
                .getId();

        List<VariableWrite> writes = variableWrites(definition, instance, task, waiting);
        List<String> beans = beanNames();
        List<String[]> foreign = foreignObjects(objectMapper.writeValueAsString(target.toString()));
        Map<String, Map<String, String>> prefixes = new LinkedHashMap<>();
        prefixes.put(
                "/engine-rest",
                Map.of(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((ADMIN + ":" + ADMIN).getBytes(StandardCharsets.UTF_8))));
        prefixes.put("/camunda/api/engine/engine/default", webappSession());
        Random random = new Random(SEED + 2);
        int sent = 0;
        for (Map.Entry<String, Map<String, String>> prefix : prefixes.entrySet()) {
            for (VariableWrite write : writes) {
                for (int i = 0; i < VARIABLE_CASES_PER_PATH; i++) {
                    boolean object = i % 2 == 0;
                    String name = object ? pick(random, List.of("payload", "note", "kept")) : pick(random, beans);
                    String[] value = object ? pick(random, foreign) : new String[] {null, "\"shadow\""};
                    Snapshot before = snapshot();
                    String variablesBefore = variablesOf(instance);
                    HttpResponse<String> response = write.send(this, prefix.getKey(), prefix.getValue(), name, value);
                    sent++;
                    String label = write.label() + " via " + prefix.getKey() + " " + name + " "
                            + (object ? value[0] : "(bean name)");
                    checkVariableRefusal(label, name, response, before, variablesBefore, instance);
                }
            }
        }
        assertThat(Files.readString(target))
                .as("file LockableFileWriter would empty")
                .isEqualTo("must stay");
        assertThat(sent).isGreaterThanOrEqualTo(2 * writes.size() * VARIABLE_CASES_PER_PATH);
        assertThat(failures)
                .as("variable writes handled wrongly (seed %d)", SEED)
                .isEmpty();
        Files.deleteIfExists(target);
    }

    private static final String VARIABLES_PROBE = "hostile-variables-probe";
    private static final String VARIABLES_MESSAGE = "hostile-variables-continue";
    private static final int VARIABLE_CASES_PER_PATH = 6;

    /** One write path that takes variables: how a variable (name, typed value as JSON) goes into its request. */
    record VariableWrite(String label, String method, String path, VariableBody body) {
        HttpResponse<String> send(
                HostileInputTest test, String prefix, Map<String, String> headers, String name, String[] value)
                throws Exception {
            String uri = prefix + path.replace("{name}", encodePath(name));
            if (body == null) { // multipart upload to .../variables/{name}/data
                String boundary = "hostile" + Math.abs(name.hashCode());
                StringBuilder multipart = new StringBuilder()
                        .append("--")
                        .append(boundary)
                        .append("\r\n")
                        .append("Content-Disposition: form-data; name=\"data\"; filename=\"blob\"\r\n")
                        .append("Content-Type: application/json\r\n\r\n")
                        .append(value[1])
                        .append("\r\n");
                if (value[0] != null) {
                    multipart
                            .append("--")
                            .append(boundary)
                            .append("\r\n")
                            .append("Content-Disposition: form-data; name=\"type\"\r\n\r\n")
                            .append(value[0])
                            .append("\r\n");
                } else {
                    multipart
                            .append("--")
                            .append(boundary)
                            .append("\r\n")
                            .append("Content-Disposition: form-data; name=\"valueType\"\r\n\r\n")
                            .append("Bytes\r\n");
                }
                multipart.append("--").append(boundary).append("--\r\n");
                return test.exchange(
                        method, uri, multipart.toString(), "multipart/form-data; boundary=" + boundary, headers);
            }
            ObjectNode typed = test.objectMapper.createObjectNode();
            if (value[0] == null) {
                typed.put("value", "shadow").put("type", "String");
            } else {
                typed.put("value", value[1]).put("type", "Object");
                ObjectNode info = typed.putObject("valueInfo");
                if (!value[0].isEmpty()) {
                    info.put("objectTypeName", value[0]);
                }
                info.put("serializationDataFormat", value.length > 2 ? value[2] : "application/json");
            }
            JsonNode request = body.build(test.objectMapper, name, typed);
            return test.exchange(
                    method, uri, test.objectMapper.writeValueAsString(request), "application/json", headers);
        }
    }

    interface VariableBody {
        JsonNode build(ObjectMapper mapper, String name, ObjectNode typedValue);
    }

    private static VariableBody inMap(String field, String... extra) {
        return (mapper, name, typed) -> {
            ObjectNode body = mapper.createObjectNode();
            for (int i = 0; i + 1 < extra.length; i += 2) {
                body.put(extra[i], extra[i + 1]);
            }
            body.putObject(field).set(name, typed);
            return body;
        };
    }

    private static List<VariableWrite> variableWrites(String definition, String instance, String task, String waiting) {
        VariableBody single = (mapper, name, typed) -> typed;
        return List.of(
                new VariableWrite(
                        "start by key",
                        "POST",
                        "/process-definition/key/" + VARIABLES_PROBE + "/start",
                        inMap("variables")),
                new VariableWrite(
                        "start by id", "POST", "/process-definition/" + definition + "/start", inMap("variables")),
                new VariableWrite(
                        "start form by key",
                        "POST",
                        "/process-definition/key/" + VARIABLES_PROBE + "/submit-form",
                        inMap("variables")),
                new VariableWrite(
                        "start form by id",
                        "POST",
                        "/process-definition/" + definition + "/submit-form",
                        inMap("variables")),
                new VariableWrite("task complete", "POST", "/task/" + task + "/complete", inMap("variables")),
                new VariableWrite("task form", "POST", "/task/" + task + "/submit-form", inMap("variables")),
                new VariableWrite("task resolve", "POST", "/task/" + task + "/resolve", inMap("variables")),
                new VariableWrite(
                        "task BPMN error",
                        "POST",
                        "/task/" + task + "/bpmnError",
                        inMap("variables", "errorCode", "hostile")),
                new VariableWrite(
                        "task escalation",
                        "POST",
                        "/task/" + task + "/bpmnEscalation",
                        inMap("variables", "escalationCode", "hostile")),
                new VariableWrite("task variables", "POST", "/task/" + task + "/variables", inMap("modifications")),
                new VariableWrite(
                        "task local variables", "POST", "/task/" + task + "/localVariables", inMap("modifications")),
                new VariableWrite("task variable", "PUT", "/task/" + task + "/variables/{name}", single),
                new VariableWrite("task local variable", "PUT", "/task/" + task + "/localVariables/{name}", single),
                new VariableWrite("task variable upload", "POST", "/task/" + task + "/variables/{name}/data", null),
                new VariableWrite(
                        "instance variables",
                        "POST",
                        "/process-instance/" + instance + "/variables",
                        inMap("modifications")),
                new VariableWrite(
                        "instance variable", "PUT", "/process-instance/" + instance + "/variables/{name}", single),
                new VariableWrite(
                        "instance variable upload",
                        "POST",
                        "/process-instance/" + instance + "/variables/{name}/data",
                        null),
                new VariableWrite(
                        "instance modification",
                        "POST",
                        "/process-instance/" + instance + "/modification",
                        (mapper, name, typed) -> {
                            ObjectNode body = mapper.createObjectNode();
                            ObjectNode instruction = body.putArray("instructions")
                                    .addObject()
                                    .put("type", "startBeforeActivity")
                                    .put("activityId", "Task_Look");
                            instruction.putObject("variables").set(name, typed);
                            return body;
                        }),
                new VariableWrite(
                        "variables of many instances",
                        "POST",
                        "/process-instance/variables-async",
                        (mapper, name, typed) -> {
                            ObjectNode body = mapper.createObjectNode();
                            body.putArray("processInstanceIds").add(instance);
                            body.putObject("variables").set(name, typed);
                            return body;
                        }),
                new VariableWrite(
                        "execution local variables",
                        "POST",
                        "/execution/" + waiting + "/localVariables",
                        inMap("modifications")),
                new VariableWrite(
                        "execution local variable", "PUT", "/execution/" + waiting + "/localVariables/{name}", single),
                new VariableWrite("execution signal", "POST", "/execution/" + waiting + "/signal", inMap("variables")),
                new VariableWrite(
                        "message subscription trigger",
                        "POST",
                        "/execution/" + waiting + "/messageSubscriptions/" + VARIABLES_MESSAGE + "/trigger",
                        inMap("variables")),
                new VariableWrite(
                        "message",
                        "POST",
                        "/message",
                        inMap("processVariables", "messageName", VARIABLES_MESSAGE, "processInstanceId", instance)),
                new VariableWrite(
                        "message, local",
                        "POST",
                        "/message",
                        inMap(
                                "processVariablesLocal",
                                "messageName",
                                VARIABLES_MESSAGE,
                                "processInstanceId",
                                instance)),
                new VariableWrite(
                        "message, triggered scope",
                        "POST",
                        "/message",
                        inMap(
                                "processVariablesToTriggeredScope",
                                "messageName",
                                VARIABLES_MESSAGE,
                                "processInstanceId",
                                instance)),
                new VariableWrite("signal", "POST", "/signal", inMap("variables", "name", "hostile-signal")),
                new VariableWrite("conditional start", "POST", "/condition", inMap("variables")),
                new VariableWrite(
                        "external task",
                        "POST",
                        "/external-task/no-such-task/complete",
                        inMap("localVariables", "workerId", "hostile")),
                new VariableWrite(
                        "decision",
                        "POST",
                        "/decision-definition/key/change-classification/evaluate",
                        inMap("variables")));
    }

    /** Classes a caller might have Jackson build, as {objectTypeName, serialized value[, data format]}. */
    private static List<String[]> foreignObjects(String path) {
        String writer = "org.apache.commons.io.output.LockableFileWriter";
        return List.of(
                new String[] {writer, path},
                new String[] {"java.net.URL", "\"http://127.0.0.1:1/hostile\""},
                new String[] {"java.io.File", path},
                new String[] {"java.io.FileOutputStream", path},
                new String[] {"java.lang.Class", "\"" + writer + "\""},
                new String[] {"java.lang.ProcessBuilder", "[\"true\"]"},
                new String[] {"java.lang.Thread", "\"hostile\""},
                new String[] {"javax.naming.InitialContext", "{}"},
                new String[] {"org.springframework.context.support.FileSystemXmlApplicationContext", path},
                new String[] {"java.util.ArrayList<" + writer + ">", "[" + path + "]"},
                new String[] {"java.util.HashMap<java.lang.String,java.net.URL>", "{\"a\":\"http://127.0.0.1:1/\"}"},
                new String[] {"java.util.ArrayList<java.util.ArrayList<java.io.File>>", "[[" + path + "]]"},
                new String[] {"java.lang.String[]; " + writer, path},
                new String[] {"", path},
                new String[] {"java.util.ArrayList<java.lang.String>", "[\"x\"]", "application/x-java-serialized-object"
                });
    }

    /** The models' delegates and other beans of the context that an expression could name. */
    private List<String> beanNames() {
        List<String> names = new ArrayList<>(List.of(
                "notify", "changeStep", "slaClockStart", "escalationRegister", "publishMessage", "hostileProbe"));
        for (String name : context.getBeanDefinitionNames()) {
            if (name.matches("[A-Za-z_][A-Za-z0-9_]*") && names.size() < 40) {
                names.add(name);
            }
        }
        return names;
    }

    private void checkVariableRefusal(
            String label,
            String name,
            HttpResponse<String> response,
            Snapshot before,
            String variablesBefore,
            String instance) {
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (status != 400 || !type.startsWith("application/json")) {
            failures.add(label + " -> " + status + " " + type + " " + abbreviate(response.body()));
        } else {
            try {
                JsonNode error = objectMapper.readTree(response.body());
                if (!name.equals(error.path("variable").asText())) {
                    failures.add(label + " -> 400 without naming the variable: " + abbreviate(response.body()));
                }
            } catch (Exception unreadable) {
                failures.add(label + " -> unreadable error " + abbreviate(response.body()));
            }
        }
        if (!snapshot().equals(before) || !variablesOf(instance).equals(variablesBefore)) {
            failures.add(label + " -> " + status + " but something was written");
        }
    }

    /** Name, type and value of every variable of the probe instance. */
    private String variablesOf(String instance) {
        return jdbc.queryForObject("""
                SELECT count(*) || ':' || coalesce(md5(string_agg(name_ || '|' || type_ || '|' || coalesce(text_, '')
                    || '|' || coalesce(text2_, '') || '|' || coalesce(bytearray_id_, ''), ',' ORDER BY name_)), '')
                FROM act_ru_variable WHERE proc_inst_id_ = ?""", String.class, instance);
    }

    /** Headers of an admin's Tasklist session (cookie and CSRF token), as the browser sends them. */
    private Map<String, String> webappSession() throws Exception {
        ResponseEntity<String> login = WebappLogin.login(rest, "tasklist", ADMIN, ADMIN);
        assertThat(login.getStatusCode().value()).isEqualTo(200);
        String session = WebappLogin.cookie(login, "JSESSIONID");
        HttpResponse<String> probe = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/camunda/api/engine/engine/default/user/" + ADMIN + "/profile"))
                        .header("Cookie", "JSESSIONID=" + session)
                        .header("X-XSRF-TOKEN", "Fetch")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String token = probe.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
        return Map.of("Cookie", "JSESSIONID=" + session + "; XSRF-TOKEN=" + token, "X-XSRF-TOKEN", token);
    }

    /**
     * Issue 14: the engine REST API across a representative set of its resources, with malformed,
     * unknown, hidden and real ids, doubled slashes, huge and malformed paging values, empty and wrong
     * bodies and wrong content types, as the admin and as a csm. Nothing may answer 5xx; a refusal is
     * the engine's JSON error (or our problem); a refused write changes nothing.
     */
    @Test
    void engineRestRejectsHostileInputCleanly() throws Exception {
        EngineFixture fixture = engineFixture();
        Random random = new Random(SEED + 2);
        int serverErrors = 0;
        for (int i = 0; i < ENGINE_CASES; i++) {
            String user = i % 4 == 3 ? "csm" : ADMIN;
            serverErrors += sendEngine(
                    "/engine-rest",
                    fixture,
                    random,
                    i,
                    (method, uri, body, type) -> exchange(method, uri, body, type, user, null));
        }
        System.out.printf(
                "HostileInputTest engine REST: %d requests, %d answered 5xx (seed %d)%n",
                ENGINE_CASES, serverErrors, SEED);
        assertThat(failures)
                .as("hostile engine REST requests handled wrongly (seed %d)", SEED)
                .isEmpty();
        assertThat(hits(context.getBean("hostileProbe"))).isEqualTo(probeHitsBefore);
    }

    /** The same against the webapps' own engine API, as a signed-in Cockpit user (session and CSRF token). */
    @Test
    void webappEngineApiRejectsHostileInputCleanly() throws Exception {
        EngineFixture fixture = engineFixture();
        ResponseEntity<String> login = WebappLogin.login(rest, "cockpit", ADMIN, ADMIN);
        assertThat(login.getStatusCode().value()).isEqualTo(200);
        String session = WebappLogin.cookie(login, "JSESSIONID");
        assertThat(session).isNotNull();
        // the CSRF token belongs to the session: ask for it with the session of the login
        HttpResponse<String> page = exchange(
                "GET", "/camunda/api/engine/engine/default/user/admin/profile", null, null, null, new String[] {
                    "Cookie", "JSESSIONID=" + session
                });
        String csrf = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.substring("XSRF-TOKEN=".length()).split(";", 2)[0])
                .findFirst()
                .orElse(page.headers().firstValue("X-XSRF-TOKEN").orElse(""));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Random random = new Random(SEED + 3);
        int serverErrors = 0;
        for (int i = 0; i < WEBAPP_ENGINE_CASES; i++) {
            serverErrors += sendEngine(
                    "/camunda/api/engine/engine/default",
                    fixture,
                    random,
                    i,
                    (method, uri, body, type) -> exchange(method, uri, body, type, null, new String[] {
                        "Cookie", "JSESSIONID=" + session + "; XSRF-TOKEN=" + csrf, "X-XSRF-TOKEN", csrf
                    }));
        }
        System.out.printf(
                "HostileInputTest webapp engine API: %d requests, %d answered 5xx (seed %d)%n",
                WEBAPP_ENGINE_CASES, serverErrors, SEED);
        assertThat(failures)
                .as("hostile webapp engine API requests handled wrongly (seed %d)", SEED)
                .isEmpty();
    }

    // ---------------------------------------------------------------- one hostile request per case

    private void send(Endpoint endpoint, Random random, int index) throws Exception {
        String path = endpoint.path(encodePath(pathValue(random)));
        String query = query(endpoint, random);
        String uri = path + (query.isEmpty() ? "" : "?" + query);
        String contentType = "application/json";
        String body = null;
        if (endpoint.hasBody() || endpoint.method() != RequestMethod.GET && random.nextInt(4) == 0) {
            int mode = index % 8;
            if (mode == 5) {
                contentType = pick(
                        random,
                        List.of(
                                "text/plain",
                                "application/xml",
                                "application/x-www-form-urlencoded",
                                "multipart/form-data; boundary=x",
                                "application/json; charset=ebcdic"));
            }
            body = body(endpoint.bodyType(), mode, random);
        }
        boolean write = endpoint.method() != RequestMethod.GET;
        Snapshot before = write ? snapshot() : null;
        HttpResponse<String> response = exchange(endpoint.method().name(), uri, body, contentType);
        check(
                endpoint.label() + " " + abbreviate(uri) + (body == null ? "" : " body " + abbreviate(body)),
                response,
                before);
    }

    private int unsupportedMethod(Endpoint endpoint) throws Exception {
        String method = endpoint.method() == RequestMethod.PATCH ? "TRACE" : "PATCH";
        HttpResponse<String> response = exchange(method, endpoint.path("X"), "{}", "application/json");
        Snapshot unchanged = snapshot();
        check(method + " " + endpoint.pattern(), response, unchanged);
        return 1;
    }

    private void check(String label, HttpResponse<String> response, Snapshot before) {
        int status = response.statusCode();
        if (status >= 500) {
            failures.add(label + " -> " + status + " " + abbreviate(response.body()));
            return;
        }
        if (status < 400) {
            return; // accepted: it may change data (a hostile text that is still valid input)
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            failures.add(label + " -> " + status + " not a problem: " + type + " " + abbreviate(response.body()));
        } else {
            try {
                JsonNode problem = objectMapper.readTree(response.body());
                if (problem.path("status").asInt() != status) {
                    failures.add(label + " -> " + status + " problem with status " + problem.path("status"));
                }
            } catch (Exception unreadable) {
                failures.add(label + " -> " + status + " unreadable problem " + abbreviate(response.body()));
            }
        }
        if (before != null) {
            Snapshot after = snapshot();
            if (!after.equals(before)) {
                failures.add(label + " -> " + status + " but changed " + before.difference(after));
            }
        }
    }

    // ---------------------------------------------------------------- generators

    private String pathValue(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> "A".repeat(1 + random.nextInt(3000));
            case 1 -> "x/../../admin";
            default -> pick(random, HOSTILE_TEXT);
        };
    }

    private String query(Endpoint endpoint, Random random) {
        List<String> pairs = new ArrayList<>();
        endpoint.queryParameters().forEach((name, type) -> {
            if (random.nextInt(3) > 0) {
                String value = switch (random.nextInt(6)) {
                    case 0 -> "A".repeat(1 + random.nextInt(5000));
                    case 1 -> type == String.class ? pick(random, HOSTILE_TEXT) : "not-a-" + type.getSimpleName();
                    case 2 -> "";
                    default -> pick(random, HOSTILE_TEXT);
                };
                pairs.add(encode(name) + "=" + encode(value));
                if (random.nextInt(5) == 0) { // the same parameter twice
                    pairs.add(encode(name) + "=" + encode(pick(random, HOSTILE_TEXT)));
                }
            }
        });
        if (random.nextInt(4) == 0) {
            pairs.add(encode(pick(random, HOSTILE_TEXT)) + "=" + encode(pick(random, HOSTILE_TEXT)));
        }
        return String.join("&", pairs);
    }

    private String body(Type type, int mode, Random random) throws Exception {
        return switch (mode) {
            case 0 ->
                pick(
                        random,
                        List.of(
                                "{",
                                "[",
                                "{\"a\":",
                                "}{",
                                "{'single':'quotes'}",
                                "nul",
                                "\u0000\u0001",
                                "{\"a\":1,}",
                                "<xml/>",
                                "\"just a string\"",
                                "12",
                                "[1,2,3]",
                                "{\"a\":NaN}",
                                "{\"a\":\"\\ud800\"}",
                                "\uFEFF{}",
                                "{\"a\":1}{\"b\":2}",
                                "--",
                                ""));
            case 1 -> objectMapper.writeValueAsString(mutateOneField(valid(type, 0), random));
            case 2 -> objectMapper.writeValueAsString(withStrings(type, 0, () -> pick(random, HOSTILE_TEXT)));
            case 3 ->
                random.nextBoolean()
                        ? objectMapper.writeValueAsString(withStrings(type, 0, () -> "Z".repeat(300_000)))
                        : "[" + "0,".repeat(200_000) + "0]";
            case 4 -> {
                JsonNode valid = valid(type, 0);
                if (valid instanceof ObjectNode object) {
                    object.put(
                            pick(random, List.of("__proto__", "class", "@class", "id", "version", "createdAt")),
                            pick(random, HOSTILE_TEXT));
                }
                yield objectMapper.writeValueAsString(valid);
            }
            case 5 -> objectMapper.writeValueAsString(valid(type, 0));
            case 6 -> pick(random, List.of("{}", "null", "{\"a\":null}", "[]", "[{}]", "{\"\":\"\"}"));
            default -> "[".repeat(5000 + random.nextInt(50_000)) + "]".repeat(random.nextInt(2));
        };
    }

    /** A plausible value of the type, e.g. a record with every component filled. */
    private JsonNode valid(Type type, int depth) {
        return withStrings(type, depth, () -> "x");
    }

    private JsonNode withStrings(Type type, int depth, java.util.function.Supplier<String> text) {
        JsonNodeFactory nodes = objectMapper.getNodeFactory();
        Class<?> raw = rawClass(type);
        if (type == null || depth > 4) {
            return nodes.objectNode();
        }
        if (raw == String.class) {
            return nodes.textNode(text.get());
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return nodes.numberNode(1);
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return nodes.booleanNode(true);
        }
        if (raw.isEnum()) {
            return nodes.textNode(((Enum<?>) raw.getEnumConstants()[0]).name());
        }
        if (raw == LocalDate.class) {
            return nodes.textNode("2026-01-05");
        }
        if (raw == LocalTime.class) {
            return nodes.textNode("09:00");
        }
        if (raw == Instant.class) {
            return nodes.textNode("2026-01-05T09:00:00Z");
        }
        if (raw == Duration.class) {
            return nodes.textNode("PT1H");
        }
        if (raw == ZoneId.class) {
            return nodes.textNode("Europe/Berlin");
        }
        if (Collection.class.isAssignableFrom(raw)) {
            ArrayNode array = nodes.arrayNode();
            array.add(withStrings(typeArgument(type), depth + 1, text));
            return array;
        }
        if (Map.class.isAssignableFrom(raw) || raw == JsonNode.class || raw == Object.class) {
            ObjectNode map = nodes.objectNode();
            map.put(text.get(), text.get());
            return map;
        }
        if (raw.isRecord()) {
            ObjectNode object = nodes.objectNode();
            for (RecordComponent component : raw.getRecordComponents()) {
                object.set(component.getName(), withStrings(component.getGenericType(), depth + 1, text));
            }
            return object;
        }
        return nodes.textNode(text.get());
    }

    /** One field replaced by a value of the wrong JSON type (or an out-of-range one). */
    private JsonNode mutateOneField(JsonNode valid, Random random) {
        JsonNodeFactory nodes = objectMapper.getNodeFactory();
        List<JsonNode> wrong = List.of(
                nodes.numberNode(new BigDecimal("1e400")),
                nodes.numberNode(-1),
                nodes.numberNode(Long.MAX_VALUE),
                nodes.booleanNode(false),
                nodes.arrayNode().add("x"),
                nodes.objectNode().put("$gt", ""),
                nodes.textNode("not-a-date"),
                nodes.textNode("25:61"),
                nodes.textNode("2026-02-30"),
                nodes.textNode("P-1D"),
                nodes.textNode("Mars/Olympus_Mons"),
                nodes.nullNode(),
                nodes.textNode("NOT_A_CONSTANT"),
                nodes.numberNode(1.5));
        if (!(valid instanceof ObjectNode object) || object.isEmpty()) {
            return pick(random, wrong);
        }
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        object.set(pick(random, names), pick(random, wrong));
        return object;
    }

    private String hostileMessage(Random random, int index) throws Exception {
        ObjectNode body = objectMapper.createObjectNode();
        switch (index % 7) {
            case 0 -> {
                return pick(
                        random,
                        List.of(
                                "{",
                                "[]",
                                "null",
                                "{\"messageName\":",
                                "\"x\"",
                                "{\"messageName\":[1]}",
                                "{\"messageName\":{}}",
                                "[".repeat(20_000)));
            }
            case 1 -> body.put("messageName", pick(random, HOSTILE_TEXT));
            case 2 -> {
                body.put("messageName", "no-such-message-" + index);
                body.put("all", pick(random, List.of("yes", "1x", "[]")));
            }
            case 3 -> {
                body.put("messageName", pick(random, HOSTILE_TEXT));
                ObjectNode variable = body.putObject("processVariables").putObject(pick(random, HOSTILE_TEXT));
                variable.put("value", pick(random, HOSTILE_TEXT));
                variable.put(
                        "type",
                        pick(
                                random,
                                List.of(
                                        "Expression",
                                        "Object",
                                        "Integer",
                                        "Date",
                                        "Json",
                                        "Xml",
                                        "File",
                                        "Bytes",
                                        "java.lang.Runtime")));
            }
            case 4 -> {
                // a Java serialized object: the classic deserialization attack, refused by the engine
                body.put("messageName", "no-such-message-" + index);
                ObjectNode variable = body.putObject("processVariables").putObject("payload");
                variable.put(
                        "value",
                        Base64.getEncoder()
                                .encodeToString("\u00ac\u00ed\u0000\u0005sr".getBytes(StandardCharsets.ISO_8859_1)));
                variable.put("type", "Object");
                variable.putObject("valueInfo")
                        .put("objectTypeName", "java.util.HashMap")
                        .put("serializationDataFormat", "application/x-java-serialized-object");
            }
            case 5 -> {
                body.put("messageName", "Z".repeat(100_000));
                body.put("businessKey", pick(random, HOSTILE_TEXT));
                body.put("processInstanceId", pick(random, HOSTILE_TEXT));
                body.put("tenantId", pick(random, HOSTILE_TEXT));
            }
            default -> {
                body.put("messageName", "no-such-message-" + index);
                body.putObject("correlationKeys")
                        .putObject(pick(random, HOSTILE_TEXT))
                        .put("value", pick(random, HOSTILE_TEXT))
                        .put("type", "String");
                body.put("resultEnabled", true);
                body.put("variablesInResultEnabled", "maybe");
            }
        }
        return objectMapper.writeValueAsString(body);
    }

    // ---------------------------------------------------------------- engine REST generators

    /** A process of our own with a task for the dc-head (which csm cannot see). */
    private record EngineFixture(Map<String, String> realIds) {}

    private EngineFixture engineFixture() {
        deploymentId = repositoryService
                .createDeployment()
                .name("hostile-engine-probe")
                .addModelInstance(
                        "hostile-engine-probe.bpmn",
                        Bpmn.createExecutableProcess("hostile-engine-probe")
                                .camundaHistoryTimeToLive(1)
                                .startEvent()
                                .userTask("Task_Probe")
                                .camundaCandidateGroups("dc-head")
                                .endEvent()
                                .done())
                .deploy()
                .getId();
        ProcessInstance instance =
                runtimeService.startProcessInstanceByKey("hostile-engine-probe", Map.of("subject", "probe"));
        String taskId = taskService
                .createTaskQuery()
                .processInstanceId(instance.getId())
                .singleResult()
                .getId();
        String definitionId = instance.getProcessDefinitionId();
        String variableId = runtimeService
                .createVariableInstanceQuery()
                .processInstanceIdIn(instance.getId())
                .singleResult()
                .getId();
        return new EngineFixture(Map.of(
                "task",
                taskId,
                "process-instance",
                instance.getId(),
                "execution",
                instance.getId(),
                "process-definition",
                definitionId,
                "deployment",
                deploymentId,
                "history/process-instance",
                instance.getId(),
                "history/task",
                taskId,
                "variable-instance",
                variableId));
    }

    /**
     * Operations per resource; {id} is replaced by a real, unknown, hidden or hostile id. A trailing
     * "!" marks operations that end or remove the probe's entities, which get no real id.
     */
    private static final List<String> ENGINE_OPERATIONS = List.of(
            "GET task",
            "GET task/count",
            "POST task",
            "POST task/count",
            "POST task/create",
            "GET task/{id}",
            "PUT task/{id}",
            "DELETE task/{id}",
            "GET task/{id}/variables",
            "POST task/{id}/variables",
            "GET task/{id}/variables/subject",
            "PUT task/{id}/variables/subject",
            "DELETE task/{id}/variables/subject",
            "GET task/{id}/localVariables",
            "POST task/{id}/claim",
            "POST task/{id}/unclaim",
            "POST task/{id}/assignee",
            "POST task/{id}/delegate",
            "POST task/{id}/complete!",
            "POST task/{id}/submit-form!",
            "POST task/{id}/resolve!",
            "GET task/{id}/form",
            "GET task/{id}/form-variables",
            "GET task/{id}/rendered-form",
            "GET task/{id}/identity-links",
            "POST task/{id}/identity-links",
            "GET task/{id}/comment",
            "POST task/{id}/comment/create",
            "GET task/{id}/attachment",
            "POST task/{id}/bpmnError!",
            "POST task/{id}/bpmnEscalation",
            "GET process-instance",
            "GET process-instance/count",
            "POST process-instance",
            "GET process-instance/{id}",
            "DELETE process-instance/{id}!",
            "GET process-instance/{id}/variables",
            "POST process-instance/{id}/variables",
            "GET process-instance/{id}/variables/subject",
            "PUT process-instance/{id}/variables/subject",
            "GET process-instance/{id}/activity-instances",
            "PUT process-instance/{id}/suspended",
            "POST process-instance/{id}/modification!",
            "POST process-instance/delete",
            "POST process-instance/suspended-async",
            "GET execution",
            "GET execution/{id}",
            "GET execution/{id}/localVariables",
            "POST execution/{id}/signal!",
            "POST execution/{id}/messageSubscriptions/x/trigger",
            "GET process-definition",
            "GET process-definition/count",
            "GET process-definition/{id}",
            "GET process-definition/{id}/xml",
            "POST process-definition/{id}/start",
            "POST process-definition/{id}/submit-form",
            "GET process-definition/{id}/form-variables",
            "GET process-definition/{id}/startForm",
            "GET process-definition/{id}/statistics",
            "GET process-definition/{id}/diagram",
            "PUT process-definition/{id}/suspended",
            "DELETE process-definition/{id}!",
            "GET process-definition/key/{id}",
            "POST process-definition/key/{id}/start",
            "POST message",
            "POST message/async",
            "POST signal",
            "GET deployment",
            "GET deployment/count",
            "GET deployment/{id}",
            "GET deployment/{id}/resources",
            "GET deployment/{id}/resources/{id}",
            "GET deployment/{id}/resources/{id}/data",
            "POST deployment/create",
            "POST deployment/{id}/redeploy",
            "DELETE deployment/{id}!",
            "GET variable-instance",
            "POST variable-instance",
            "GET variable-instance/{id}",
            "GET variable-instance/{id}/data",
            "GET history/process-instance",
            "POST history/process-instance",
            "GET history/process-instance/{id}",
            "DELETE history/process-instance/{id}!",
            "GET history/task",
            "POST history/task",
            "GET history/variable-instance",
            "GET history/variable-instance/{id}",
            "GET history/activity-instance",
            "GET history/detail",
            "GET history/incident",
            "GET history/job-log",
            "GET history/user-operation",
            "GET history/process-instance/report",
            "GET history/task/report",
            "GET filter",
            "GET filter/count",
            "GET filter/{id}",
            "GET filter/{id}/list",
            "POST filter/{id}/list",
            "GET filter/{id}/count",
            "POST filter/create",
            "PUT filter/{id}",
            "DELETE filter/{id}",
            "GET user",
            "GET user/count",
            "GET user/{id}/profile",
            "POST user/create",
            "PUT user/{id}/profile",
            "PUT user/{id}/credentials",
            "DELETE user/{id}",
            "POST user/{id}/unlock",
            "GET group",
            "GET group/count",
            "GET group/{id}",
            "POST group/create",
            "PUT group/{id}",
            "DELETE group/{id}",
            "PUT group/{id}/members/{id}",
            "DELETE group/{id}/members/{id}",
            "GET job",
            "GET job/count",
            "POST job",
            "GET job/{id}",
            "PUT job/{id}/retries",
            "POST job/{id}/execute",
            "PUT job/{id}/duedate",
            "PUT job/{id}/suspended",
            "GET job/{id}/stacktrace",
            "DELETE job/{id}",
            "PUT job/{id}/priority",
            "POST job/retries",
            "GET incident",
            "GET incident/count",
            "GET incident/{id}",
            "DELETE incident/{id}",
            "PUT incident/{id}/annotation",
            "GET decision-definition",
            "GET decision-definition/count",
            "GET decision-definition/{id}",
            "GET decision-definition/{id}/xml",
            "POST decision-definition/{id}/evaluate",
            "GET decision-definition/key/{id}",
            "POST decision-definition/key/{id}/evaluate",
            "GET authorization",
            "GET authorization/{id}",
            "POST authorization/create");

    private static final List<String> PAGING_VALUES = List.of(
            "2147483647", "-1", "99999999999", "-2147483648", "abc", "", "1e3", "0x10", " 1", "9223372036854775807");

    @FunctionalInterface
    private interface Sender {
        HttpResponse<String> send(String method, String uri, String body, String contentType) throws Exception;
    }

    /** One hostile engine request; returns 1 when it answered 5xx. */
    private int sendEngine(String base, EngineFixture fixture, Random random, int index, Sender sender)
            throws Exception {
        String operation = ENGINE_OPERATIONS.get(index % ENGINE_OPERATIONS.size());
        String method = operation.substring(0, operation.indexOf(' '));
        String template = operation.substring(operation.indexOf(' ') + 1);
        boolean ends = template.endsWith("!");
        template = ends ? template.substring(0, template.length() - 1) : template;
        String resource = template.contains("/{id}") ? template.substring(0, template.indexOf("/{id}")) : template;
        if (resource.startsWith("history/") && resource.indexOf('/', 8) > 0) {
            resource = resource.substring(0, resource.indexOf('/', 8));
        }
        StringBuilder path = new StringBuilder();
        String rest = template;
        while (rest.contains("{id}")) {
            path.append(rest, 0, rest.indexOf("{id}")).append(engineId(fixture, resource, ends, random));
            rest = rest.substring(rest.indexOf("{id}") + 4);
        }
        path.append(rest);
        String full = base + "/" + path;
        if (random.nextInt(8) == 0) { // a doubled slash somewhere in the path
            int slash = full.indexOf('/', random.nextInt(full.length()));
            full = slash < 0 ? "/" + full : full.substring(0, slash) + "/" + full.substring(slash);
        }
        List<String> pairs = new ArrayList<>();
        if (method.equals("GET") || random.nextInt(3) == 0) {
            if (random.nextBoolean()) {
                pairs.add("firstResult=" + encode(pick(random, PAGING_VALUES)));
            }
            if (random.nextBoolean()) {
                pairs.add("maxResults=" + encode(pick(random, PAGING_VALUES)));
            }
            if (random.nextInt(3) == 0) {
                pairs.add("sortBy=" + encode(pick(random, HOSTILE_TEXT)) + "&sortOrder="
                        + encode(pick(random, List.of("asc", "sideways", ""))));
            }
            if (random.nextInt(3) == 0) {
                pairs.add(encode(pick(
                                random,
                                List.of(
                                        "processInstanceId",
                                        "taskId",
                                        "id",
                                        "name",
                                        "active",
                                        "withIncidents",
                                        "createdBefore",
                                        "priority",
                                        "variables",
                                        "processVariables",
                                        "deserializeValues",
                                        "key",
                                        pick(random, HOSTILE_TEXT))))
                        + "=" + encode(pick(random, HOSTILE_TEXT)));
            }
        }
        String uri = full + (pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
        String body = null;
        String contentType = null;
        if (!method.equals("GET") && !method.equals("DELETE") || random.nextInt(6) == 0) {
            body = pick(
                    random,
                    List.of(
                            "",
                            "{",
                            "[]",
                            "null",
                            "{}",
                            "\"x\"",
                            "<xml/>",
                            "{\"variables\":\"x\"}",
                            "{\"variables\":{\"a\":{\"value\":\"x\",\"type\":\"Integer\"}}}",
                            "{\"modifications\":{\"a\":{\"type\":\"Date\",\"value\":\"never\"}}}",
                            "{\"userId\":{\"$gt\":\"\"}}",
                            "{\"firstResult\":-1,\"maxResults\":\"all\"}",
                            "{\"retries\":-5}",
                            "{\"suspended\":\"maybe\"}",
                            "{\"duedate\":\"tomorrow\"}",
                            "{\"messageName\":null}",
                            "{\"id\":\"" + "A".repeat(4000) + "\"}",
                            "[" + "[".repeat(3000) + "]",
                            "{\"a\":\"\\u0000\"}",
                            "{\"value\":" + pick(random, List.of("1e400", "[1]", "{}", "\"x\"")) + ",\"type\":\""
                                    + pick(
                                            random,
                                            List.of(
                                                    "Object",
                                                    "Json",
                                                    "Long",
                                                    "Boolean",
                                                    "Bytes",
                                                    "File",
                                                    "Null",
                                                    "NoSuchType"))
                                    + "\"}",
                            "{\"password\":\"\",\"authenticatedUserPassword\":null}",
                            "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"nope\"}]}",
                            "{\"resourceType\":\"x\",\"permissions\":[\"EVERYTHING\"]}",
                            "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n",
                            objectMapper.writeValueAsString(
                                    Map.of(pick(random, HOSTILE_TEXT), pick(random, HOSTILE_TEXT)))));
            contentType = pick(
                    random,
                    List.of(
                            "application/json",
                            "application/json",
                            "application/json",
                            "text/plain",
                            "application/xml",
                            "multipart/form-data; boundary=x",
                            "multipart/form-data",
                            "application/x-www-form-urlencoded",
                            "application/json; charset=ebcdic",
                            "none"));
            if ("none".equals(contentType)) {
                contentType = null;
            }
        }
        boolean write = !method.equals("GET");
        Snapshot before = write ? snapshot() : null;
        HttpResponse<String> response = sender.send(method, uri, body, contentType);
        int status = response.statusCode();
        String label =
                method + " " + abbreviate(uri) + (body == null ? "" : " [" + contentType + "] " + abbreviate(body));
        if (status >= 500) {
            failures.add(label + " -> " + status + " " + abbreviate(response.body()));
            return 1;
        }
        if (status >= 400) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            boolean json = type.startsWith("application/json")
                    || type.startsWith("application/problem+json")
                    || type.startsWith("application/hal+json");
            if (!json
                    && !(status == 400 && type.startsWith("text/plain"))
                    && !response.body().isEmpty()) {
                failures.add(
                        label + " -> " + status + " without a JSON error: " + type + " " + abbreviate(response.body()));
            }
            if (before != null) {
                Snapshot after = snapshot();
                if (!after.equals(before)) {
                    failures.add(label + " -> " + status + " but changed " + before.difference(after));
                }
            }
        }
        return 0;
    }

    private String engineId(EngineFixture fixture, String resource, boolean ends, Random random) {
        String real = fixture.realIds().get(resource);
        return switch (random.nextInt(6)) {
            case 0, 1 -> real != null && !ends ? real : "no-such-" + random.nextInt(1000);
            case 2 -> "no-such-" + random.nextInt(1000);
            case 3 -> "A".repeat(1 + random.nextInt(3000));
            default -> encodePath(pick(random, HOSTILE_TEXT));
        };
    }

    // ---------------------------------------------------------------- HTTP and database helpers

    private HttpResponse<String> get(String uri) throws Exception {
        return exchange("GET", uri, null, null);
    }

    private HttpResponse<String> post(String uri, String body, String contentType) throws Exception {
        return exchange("POST", uri, body, contentType);
    }

    private HttpResponse<String> exchange(String method, String uri, String body, String contentType) throws Exception {
        return exchange(
                method,
                uri,
                body,
                contentType,
                Map.of(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((ADMIN + ":" + ADMIN).getBytes(StandardCharsets.UTF_8))));
    }

    /** As {@code user} (HTTP Basic, password = user id) or, with a null user, with the given headers only. */
    private HttpResponse<String> exchange(
            String method, String uri, String body, String contentType, String user, String[] headers)
            throws Exception {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        if (user != null) {
            all.put(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; headers != null && i < headers.length; i += 2) {
            all.put(headers[i], headers[i + 1]);
        }
        return exchange(method, uri, body, contentType, all);
    }

    private HttpResponse<String> exchange(
            String method, String uri, String body, String contentType, Map<String, String> credentials)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + uri))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        credentials.forEach(request::header);
        if (body != null) {
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            request.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Content of our tables and the engine's run-time and history instance counts. */
    Snapshot snapshot() {
        List<String> tables = jdbc.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                  AND table_name NOT LIKE 'act\\_%' AND table_name <> 'flyway_schema_history'
                ORDER BY table_name""", String.class);
        StringBuilder sql = new StringBuilder();
        for (String table : tables) {
            sql.append(sql.isEmpty() ? "" : " UNION ALL ")
                    .append("SELECT '")
                    .append(table)
                    .append(
                            "', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM ")
                    .append(table)
                    .append(" t)");
        }
        sql.append(" UNION ALL SELECT 'act_ru_execution', (SELECT count(*)::text FROM act_ru_execution)")
                .append(" UNION ALL SELECT 'act_hi_procinst', (SELECT count(*)::text FROM act_hi_procinst)")
                .append(" UNION ALL SELECT 'act_ru_variable', (SELECT count(*)::text FROM act_ru_variable)");
        Map<String, String> state = new java.util.TreeMap<>();
        jdbc.query(sql.toString(), row -> {
            state.put(row.getString(1), row.getString(2));
        });
        return new Snapshot(state);
    }

    record Snapshot(Map<String, String> state) {
        String difference(Snapshot after) {
            List<String> changed = new ArrayList<>();
            state.forEach((table, value) -> {
                if (!value.equals(after.state.get(table))) {
                    changed.add(table);
                }
            });
            return changed.toString();
        }
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> clazz) {
            return clazz;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type) {
        return type instanceof ParameterizedType parameterized
                ? parameterized.getActualTypeArguments()[0]
                : String.class;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String encodePath(String value) {
        return encode(value).replace("+", "%20");
    }

    private String json(String text) throws Exception {
        return objectMapper.writeValueAsString(text);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= 160 ? flat : flat.substring(0, 160) + "...(" + flat.length() + " chars)";
    }

    private static int hits(Object probeBean) {
        try {
            java.lang.reflect.Method hits = probeBean.getClass().getDeclaredMethod("hits");
            hits.setAccessible(true);
            return (int) hits.invoke(probeBean);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts evaluations of an expression that was sent as text. */
    static class ExpressionProbe {
        private final AtomicInteger hits = new AtomicInteger();

        public String hit() {
            hits.incrementAndGet();
            return "probe";
        }

        int hits() {
            return hits.get();
        }
    }
}
