package com.csmflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Issue 16, item 6: in Tasklist whoever may work a task can comment on it and open its History tab (the
 * calls the Tasklist history plugin makes: the task's user operations, their count and its comments),
 * and nobody else can read or write either.
 */
@CsmFlowTest
class TaskCommentsAndHistoryTest {

    private static final String ENGINE = "/camunda/api/engine/engine/default";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    TaskService taskService;

    @Autowired
    AuthorizationService authorizationService;

    @Autowired
    IdentitySetup identitySetup;

    private final ObjectMapper json = new ObjectMapper();
    private String deploymentId;

    @BeforeEach
    void deployProbe() {
        deploymentId = repositoryService
                .createDeployment()
                .name("comment-probe")
                .addModelInstance(
                        "comment-probe.bpmn",
                        Bpmn.createExecutableProcess("comment-probe")
                                .camundaHistoryTimeToLive(1)
                                .startEvent()
                                .userTask("Task_Work")
                                .name("Work on it")
                                .camundaCandidateGroups("${group}")
                                .endEvent()
                                .done())
                .deploy()
                .getId();
    }

    @AfterEach
    void removeProbe() {
        repositoryService.deleteDeployment(deploymentId, true);
    }

    @Test
    void theCandidateGroupCommentsAndReadsTheHistoryOfItsTask() throws Exception {
        String taskId = taskFor("csm");
        WebappSession csm = WebappSession.open(rest, "tasklist", "csm", "csm");

        ResponseEntity<String> claim =
                csm.call(HttpMethod.POST, ENGINE + "/task/" + taskId + "/claim", "{\"userId\":\"csm\"}");
        assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        ResponseEntity<String> created = csm.call(
                HttpMethod.POST, ENGINE + "/task/" + taskId + "/comment/create", "{\"message\":\"Called the client\"}");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(taskService.getTaskComments(taskId)).singleElement().satisfies(comment -> {
            assertThat(comment.getFullMessage()).isEqualTo("Called the client");
            assertThat(comment.getUserId()).isEqualTo("csm");
        });

        // the History tab
        ResponseEntity<String> comments = csm.call(HttpMethod.GET, ENGINE + "/task/" + taskId + "/comment", null);
        assertThat(comments.getStatusCode()).as(comments.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(comments.getBody()))
                .singleElement()
                .satisfies(
                        comment -> assertThat(comment.get("message").asText()).isEqualTo("Called the client"));
        JsonNode operations =
                okJson(csm, ENGINE + "/history/user-operation?taskId=" + taskId + "&maxResults=50&firstResult=0");
        assertThat(operations).anySatisfy(entry -> {
            assertThat(entry.get("operationType").asText()).isEqualTo("Claim");
            assertThat(entry.get("newValue").asText()).isEqualTo("csm");
        });
        assertThat(okJson(csm, ENGINE + "/history/user-operation/count?taskId=" + taskId)
                        .get("count")
                        .asLong())
                .isEqualTo(operations.size());
        assertThat(okJson(csm, ENGINE + "/history/task?taskId=" + taskId)).hasSize(1);
    }

    @Test
    void aCsmCannotReadOrWriteCommentsOrHistoryOfATaskOfTheDcHead() throws Exception {
        String taskId = taskFor("dc-head");
        WebappSession dcHead = WebappSession.open(rest, "tasklist", "dc-head", "dc-head");
        assertThat(dcHead.call(HttpMethod.POST, ENGINE + "/task/" + taskId + "/claim", "{\"userId\":\"dc-head\"}")
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(dcHead.call(
                                HttpMethod.POST,
                                ENGINE + "/task/" + taskId + "/comment/create",
                                "{\"message\":\"Board only\"}")
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);

        WebappSession csm = WebappSession.open(rest, "tasklist", "csm", "csm");
        assertThat(csm.call(HttpMethod.GET, ENGINE + "/task/" + taskId + "/comment", null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<String> intrusion = csm.call(
                HttpMethod.POST, ENGINE + "/task/" + taskId + "/comment/create", "{\"message\":\"Sneaked in\"}");
        assertThat(intrusion.getStatusCode().is4xxClientError()).isTrue();
        assertThat(taskService.getTaskComments(taskId))
                .extracting(comment -> comment.getFullMessage())
                .containsExactly("Board only");
        assertThat(okJson(csm, ENGINE + "/history/user-operation?taskId=" + taskId))
                .isEmpty();
        assertThat(okJson(csm, ENGINE + "/history/user-operation/count?taskId=" + taskId)
                        .get("count")
                        .asLong())
                .isZero();
        assertThat(okJson(csm, ENGINE + "/history/task?taskId=" + taskId)).isEmpty();
        // the dc-head itself sees its task's history
        assertThat(okJson(dcHead, ENGINE + "/history/user-operation?taskId=" + taskId))
                .isNotEmpty();
    }

    /** A task from before historic task permissions were on gets its grant at the next start. */
    @Test
    void theStartUpGrantsHistoryOfTasksThatHaveNone() throws Exception {
        String taskId = taskFor("csm");
        authorizationService
                .createAuthorizationQuery()
                .resourceType(Resources.HISTORIC_TASK)
                .resourceId(taskId)
                .list()
                .forEach(authorization -> authorizationService.deleteAuthorization(authorization.getId()));
        WebappSession csm = WebappSession.open(rest, "tasklist", "csm", "csm");
        assertThat(okJson(csm, ENGINE + "/history/task?taskId=" + taskId)).isEmpty();

        identitySetup.run(null);
        identitySetup.run(null); // idempotent: the second start adds nothing

        assertThat(okJson(csm, ENGINE + "/history/task?taskId=" + taskId)).hasSize(1);
        assertThat(authorizationService
                        .createAuthorizationQuery()
                        .resourceType(Resources.HISTORIC_TASK)
                        .resourceId(taskId)
                        .groupIdIn("csm")
                        .count())
                .isEqualTo(1);
        // only the task's own candidate group gets it
        assertThat(authorizationService
                        .createAuthorizationQuery()
                        .resourceType(Resources.HISTORIC_TASK)
                        .resourceId(taskId)
                        .groupIdIn("dc-head", "cse", "service-manager")
                        .count())
                .isZero();
        assertThat(csm.call(
                                HttpMethod.POST,
                                ENGINE + "/task/" + taskId + "/comment/create",
                                "{\"message\":\"Still works\"}")
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private String taskFor(String group) {
        String instanceId = runtimeService
                .startProcessInstanceByKey("comment-probe", Map.of("group", group))
                .getId();
        return taskService
                .createTaskQuery()
                .processInstanceId(instanceId)
                .singleResult()
                .getId();
    }

    private JsonNode okJson(WebappSession session, String path) throws Exception {
        ResponseEntity<String> response = session.call(HttpMethod.GET, path, null);
        assertThat(response.getStatusCode())
                .as(path + ": " + response.getBody())
                .isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }
}
