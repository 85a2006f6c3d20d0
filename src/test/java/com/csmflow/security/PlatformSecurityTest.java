package com.csmflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

@CsmFlowTest
class PlatformSecurityTest {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    TaskService taskService;

    @Autowired
    ConfigurableApplicationContext context;

    private ExpressionProbe probe;

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    RuntimeService runtimeService;

    private String taskId;
    private String deploymentId;

    /**
     * The probe is registered by hand instead of through a test configuration, which would give this
     * class an application context (and a second engine "default") of its own.
     */
    @BeforeEach
    void registerProbe() {
        if (!context.containsBean("expressionProbe")) {
            context.getBeanFactory().registerSingleton("expressionProbe", new ExpressionProbe());
        }
        probe = context.getBean("expressionProbe", ExpressionProbe.class);
    }

    @AfterEach
    void removeProbeProcess() {
        if (deploymentId != null) {
            repositoryService.deleteDeployment(deploymentId, true);
        }
    }

    @Test
    void restApisNeedAuthenticationButHealthDoesNot() {
        assertThat(rest.getForEntity("/engine-rest/task", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.getForEntity("/api/openapi", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/engine-rest/task", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void openApiDescriptionIsServedToAuthenticatedUsers() {
        ResponseEntity<String> response = rest.withBasicAuth("csm", "csm").getForEntity("/api/openapi", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("\"openapi\"");
    }

    @Test
    void adminSetupEndpointIsUnreachable() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"X\"},"
                + "\"credentials\":{\"password\":\"intruder-pass-1\"}}";
        ResponseEntity<String> response = rest.exchange(
                "/camunda/api/admin/setup/default/user/create",
                HttpMethod.POST,
                new HttpEntity<>(body, headers),
                String.class);
        assertThat(response.getStatusCode().is4xxClientError()).isTrue();
        assertThat(rest.withBasicAuth("admin", "admin")
                        .getForEntity("/engine-rest/user/intruder/profile", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void expressionsInsideOrQueriesAreRejectedAndNeverEvaluated() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = "{\"orQueries\":[{\"assigneeExpression\":\"${expressionProbe.hit()}\"}]}";
        ResponseEntity<Map> response = rest.withBasicAuth("admin", "admin")
                .exchange("/engine-rest/task", HttpMethod.POST, new HttpEntity<>(body, headers), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).containsEntry("field", "orQueries");

        String hashBody = "{\"orQueries\":[{\"candidateGroupExpression\":\"#{expressionProbe.hit()}\"}]}";
        assertThat(rest.withBasicAuth("admin", "admin")
                        .exchange(
                                "/engine-rest/task/count",
                                HttpMethod.POST,
                                new HttpEntity<>(hashBody, headers),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(probe.hits()).isZero();

        String plainOrQuery = "{\"orQueries\":[{\"candidateGroup\":\"csm\"}]}";
        assertThat(rest.withBasicAuth("admin", "admin")
                        .exchange(
                                "/engine-rest/task",
                                HttpMethod.POST,
                                new HttpEntity<>(plainOrQuery, headers),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void csmCannotSeeOrCompleteATaskOfTheDcHead() {
        deploymentId = repositoryService
                .createDeployment()
                .name("authorization-probe")
                .addModelInstance(
                        "authorization-probe.bpmn",
                        Bpmn.createExecutableProcess("authorization-probe")
                                .camundaHistoryTimeToLive(1)
                                .startEvent()
                                .userTask("Task_Decide")
                                .name("Decide go or no-go")
                                .camundaCandidateGroups("dc-head")
                                .endEvent()
                                .done())
                .deploy()
                .getId();
        runtimeService.startProcessInstanceByKey("authorization-probe");
        taskId = taskService
                .createTaskQuery()
                .processDefinitionKey("authorization-probe")
                .singleResult()
                .getId();

        TestRestTemplate csm = rest.withBasicAuth("csm", "csm");
        assertThat(csm.getForObject("/engine-rest/task?candidateGroup=dc-head", String.class))
                .doesNotContain(taskId);
        assertThat(csm.getForEntity("/engine-rest/task/" + taskId, String.class)
                        .getStatusCode()
                        .is4xxClientError())
                .isTrue();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> completion = csm.exchange(
                "/engine-rest/task/" + taskId + "/complete",
                HttpMethod.POST,
                new HttpEntity<>("{}", headers),
                String.class);
        assertThat(completion.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isEqualTo(1);

        TestRestTemplate dcHead = rest.withBasicAuth("dc-head", "dc-head");
        assertThat(dcHead.getForObject("/engine-rest/task?candidateGroup=dc-head", String.class))
                .contains(taskId);
        assertThat(dcHead.exchange(
                                "/engine-rest/task/" + taskId + "/complete",
                                HttpMethod.POST,
                                new HttpEntity<>("{}", headers),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isZero();
    }

    /** Counts evaluations of an expression that an attacker slipped into a query. */
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
