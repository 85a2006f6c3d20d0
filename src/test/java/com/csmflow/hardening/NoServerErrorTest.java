package com.csmflow.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.TreeSet;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 14, "No 5xx, anywhere": requests that answered 500 and now answer a 4xx, without a stack
 * trace in the log for an anonymous caller. Raw HTTP (java.net.http sends the path as given, so
 * doubled slashes reach the server unchanged).
 */
@CsmFlowTest
@ExtendWith(OutputCaptureExtension.class)
class NoServerErrorTest {

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    TaskService taskService;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String deploymentId;

    @AfterEach
    void removeProbeProcess() {
        if (deploymentId != null) {
            repositoryService.deleteDeployment(deploymentId, true);
        }
    }

    @Test
    void doubledSlashesAreA400ProblemWithoutAStackTrace(CapturedOutput output) throws Exception {
        int logged = output.getAll().length();
        for (String path : new String[] {
            "//engine-rest/user",
            "/engine-rest//user",
            "/camunda//api/engine/engine/default/user",
            "/camunda//api/admin/auth/user/default",
            "/camunda/api//engine/engine/default/task",
            "//api/clients",
            "//camunda/app/tasklist/"
        }) {
            for (String user : new String[] {null, "admin"}) {
                HttpResponse<String> response = send("GET", path, user, null, null);
                assertThat(response.statusCode())
                        .as("%s as %s: %s", path, user, response.body())
                        .isEqualTo(400);
                assertProblem(response, 400);
            }
        }
        assertThat(output.getAll().substring(logged))
                .as("log")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
    }

    @Test
    void theErrorPathNeedsCredentialsLikeEveryOtherPath(CapturedOutput output) throws Exception {
        int logged = output.getAll().length();
        for (String method : new String[] {"GET", "POST"}) {
            HttpResponse<String> anonymous = send(method, "/error", null, null, null);
            assertThat(anonymous.statusCode())
                    .as("%s /error anonymous: %s", method, anonymous.body())
                    .isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse(""))
                    .startsWith("Basic");
        }
        HttpResponse<String> signedIn = send("GET", "/error", "admin", null, null);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(404);
        assertProblem(signedIn, 404);
        assertThat(output.getAll().substring(logged)).as("log").doesNotContain("\tat ");
    }

    @Test
    void aPageBeyondTheLargestOffsetIsA400NamingThePage() throws Exception {
        for (String query : new String[] {
            "page=2147483647", "page=2147483647&size=200", "page=10737419&size=200", "page=1073741824&size=2"
        }) {
            HttpResponse<String> response = send("GET", "/api/clients?" + query, "admin", null, null);
            assertThat(response.statusCode())
                    .as("%s: %s", query, response.body())
                    .isEqualTo(400);
            assertProblem(response, 400);
            assertThat(response.body()).contains("\"field\":\"page\"");
        }
        // the last page that still fits is an ordinary, empty page
        assertThat(send("GET", "/api/clients?page=10737418&size=200", "admin", null, null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void deletingATaskOfARunningProcessIsRefusedWithA4xxAndUnknownLooksLikeForbidden() throws Exception {
        String taskId = probeTask("dc-head");

        HttpResponse<String> admin = send("DELETE", "/engine-rest/task/" + taskId, "admin", null, null);
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(409);
        assertEngineError(admin);
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isEqualTo(1);

        // csm cannot see the dc-head's task: the same answer as for an id that does not exist
        HttpResponse<String> hidden = send("DELETE", "/engine-rest/task/" + taskId, "csm", null, null);
        HttpResponse<String> unknown = send("DELETE", "/engine-rest/task/no-such-task-42", "csm", null, null);
        assertThat(hidden.statusCode()).as(hidden.body()).isEqualTo(403);
        assertAlike(hidden, taskId, unknown, "no-such-task-42");
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
    }

    @Test
    void variablesOfAnUnknownTaskAnswerLikeThoseOfAForbiddenOne() throws Exception {
        String taskId = probeTask("dc-head");

        HttpResponse<String> unknownAsAdmin =
                send("GET", "/engine-rest/task/no-such-task-42/variables", "admin", null, null);
        assertThat(unknownAsAdmin.statusCode()).as(unknownAsAdmin.body()).isEqualTo(404);
        assertEngineError(unknownAsAdmin);

        HttpResponse<String> hidden = send("GET", "/engine-rest/task/" + taskId + "/variables", "csm", null, null);
        HttpResponse<String> unknown = send("GET", "/engine-rest/task/no-such-task-42/variables", "csm", null, null);
        assertThat(hidden.statusCode()).as(hidden.body()).isEqualTo(404);
        assertAlike(hidden, taskId, unknown, "no-such-task-42");
        assertAlike(hidden, taskId, unknownAsAdmin, "no-such-task-42");
        // and the same for a single variable and for a process instance's variables
        String instanceId =
                taskService.createTaskQuery().taskId(taskId).singleResult().getProcessInstanceId();
        assertAlike(
                send("GET", "/engine-rest/task/" + taskId + "/variables/subject", "csm", null, null),
                taskId,
                send("GET", "/engine-rest/task/no-such-task-42/variables/subject", "csm", null, null),
                "no-such-task-42");
        HttpResponse<String> hiddenInstance =
                send("GET", "/engine-rest/process-instance/" + instanceId + "/variables", "csm", null, null);
        assertThat(hiddenInstance.statusCode()).isEqualTo(404);
        assertAlike(
                hiddenInstance,
                instanceId,
                send("GET", "/engine-rest/process-instance/no-such-instance/variables", "csm", null, null),
                "no-such-instance");

        // the dc-head sees its task's variables as before
        HttpResponse<String> visible = send("GET", "/engine-rest/task/" + taskId + "/variables", "dc-head", null, null);
        assertThat(visible.statusCode()).as(visible.body()).isEqualTo(200);
        assertThat(visible.body()).contains("\"subject\"");
    }

    @Test
    void aDeploymentWithoutABodyIsA400() throws Exception {
        for (String user : new String[] {"admin", "csm"}) {
            for (String contentType : new String[] {null, "multipart/form-data; boundary=x", "text/plain"}) {
                HttpResponse<String> response = send(
                        "POST", "/engine-rest/deployment/create", user, contentType == null ? null : "", contentType);
                assertThat(response.statusCode())
                        .as("%s, %s: %s", user, contentType, response.body())
                        .isBetween(400, 499);
                assertEngineError(response);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private String probeTask(String candidateGroup) {
        deploymentId = repositoryService
                .createDeployment()
                .name("no-5xx-probe")
                .addModelInstance(
                        "no-5xx-probe.bpmn",
                        Bpmn.createExecutableProcess("no-5xx-probe")
                                .camundaHistoryTimeToLive(1)
                                .startEvent()
                                .userTask("Task_Probe")
                                .camundaCandidateGroups(candidateGroup)
                                .endEvent()
                                .done())
                .deploy()
                .getId();
        runtimeService.startProcessInstanceByKey("no-5xx-probe", java.util.Map.of("subject", "probe"));
        return taskService
                .createTaskQuery()
                .processDefinitionKey("no-5xx-probe")
                .singleResult()
                .getId();
    }

    private HttpResponse<String> send(String method, String path, String user, String body, String contentType)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(objectMapper.readTree(response.body()).path("status").asInt())
                .isEqualTo(status);
    }

    /** The engine REST's own error JSON: {"type": ..., "message": ...}. */
    private void assertEngineError(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode error = objectMapper.readTree(response.body());
        assertThat(error.path("type").isTextual()).as(response.body()).isTrue();
        assertThat(error.path("message").isTextual()).as(response.body()).isTrue();
    }

    /** Same status, same fields, same text once the id is taken out. */
    private void assertAlike(HttpResponse<String> one, String oneId, HttpResponse<String> other, String otherId)
            throws Exception {
        assertThat(one.statusCode()).as("%s vs %s", one.body(), other.body()).isEqualTo(other.statusCode());
        JsonNode a = objectMapper.readTree(one.body().replace(oneId, "ID"));
        JsonNode b = objectMapper.readTree(other.body().replace(otherId, "ID"));
        assertThat(fieldNames(a)).isEqualTo(fieldNames(b));
        assertThat(a).as("%s vs %s", one.body(), other.body()).isEqualTo(b);
    }

    private static TreeSet<String> fieldNames(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
