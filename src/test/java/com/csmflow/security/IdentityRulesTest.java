package com.csmflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
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
 * Issue 14, weak points: the password policy, the e-mail address in the demo profile, and the
 * Cockpit statistics (docs/security.md). The e-mail rule of the production profile is in
 * {@link PostgresProfileTest}.
 */
@CsmFlowTest
class IdentityRulesTest {

    private static final String PROBE = "policy-probe-user";
    private static final String GOOD_PASSWORD = "a-good-long-password";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    IdentityService identityService;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    ObjectMapper objectMapper;

    @AfterEach
    void cleanUp() {
        if (identityService.createUserQuery().userId(PROBE).count() > 0) {
            identityService.deleteUser(PROBE);
        }
        runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey("STATISTICS-PROBE")
                .list()
                .forEach(instance -> runtimeService.deleteProcessInstance(instance.getId(), "test"));
    }

    // ---------------------------------------------------------------- password policy

    @Test
    void anAdminCannotSetAWeakPasswordThroughTheEngineRestApi() throws Exception {
        for (String weak : List.of("a", PROBE, PROBE.toUpperCase(), "short-1")) {
            ResponseEntity<String> create = asAdmin(HttpMethod.POST, "/engine-rest/user/create", newUser(weak));
            assertRefusedByPolicy(create, weak);
            assertThat(identityService.createUserQuery().userId(PROBE).count())
                    .as(weak)
                    .isZero();
        }

        assertThat(asAdmin(HttpMethod.POST, "/engine-rest/user/create", newUser(GOOD_PASSWORD))
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(rest.withBasicAuth(PROBE, GOOD_PASSWORD)
                        .getForEntity("/engine-rest/user", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);

        for (String weak : List.of("a", PROBE)) {
            ResponseEntity<String> change = asAdmin(
                    HttpMethod.PUT,
                    "/engine-rest/user/" + PROBE + "/credentials",
                    "{\"password\":\"" + weak + "\",\"authenticatedUserPassword\":\"admin\"}");
            assertRefusedByPolicy(change, weak);
        }
        assertThat(identityService.checkPassword(PROBE, GOOD_PASSWORD)).isTrue();
        assertThat(asAdmin(
                                HttpMethod.PUT,
                                "/engine-rest/user/" + PROBE + "/credentials",
                                "{\"password\":\"another-good-password\",\"authenticatedUserPassword\":\"admin\"}")
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void theAdminWebappCannotSetAWeakPasswordAndShowsThePolicy() throws Exception {
        WebappSession admin = WebappSession.open(rest, "admin", "admin", "admin");

        ResponseEntity<String> policy =
                admin.call(HttpMethod.GET, "/camunda/api/engine/engine/default/identity/password-policy", null);
        assertThat(policy.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(policy.getBody()).contains("PASSWORD_POLICY_LENGTH").contains("PASSWORD_POLICY_USER_DATA");

        assertRefusedByPolicy(
                admin.call(HttpMethod.POST, "/camunda/api/engine/engine/default/user/create", newUser("a")), "a");
        assertThat(admin.call(HttpMethod.POST, "/camunda/api/engine/engine/default/user/create", newUser(GOOD_PASSWORD))
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertRefusedByPolicy(
                admin.call(
                        HttpMethod.PUT,
                        "/camunda/api/engine/engine/default/user/" + PROBE + "/credentials",
                        "{\"password\":\"a\",\"authenticatedUserPassword\":\"admin\"}"),
                "a");
    }

    @Test
    void theDemoProfilesShippedUsersKeepTheirDocumentedPasswords() {
        for (RoleGroup role : RoleGroup.values()) {
            assertThat(identityService.checkPassword(role.id(), role.id()))
                    .as(role.id())
                    .isTrue();
        }
        assertThat(identityService.checkPassword("admin", "admin")).isTrue();
    }

    private void assertRefusedByPolicy(ResponseEntity<String> response, String password) throws Exception {
        assertThat(response.getStatusCode()).as(password).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode error = objectMapper.readTree(response.getBody());
        assertThat(error.path("message").asText())
                .as(password)
                .startsWith("password:")
                .contains("at least 10 characters")
                .contains("not be the user id");
    }

    private static String newUser(String password) {
        return "{\"profile\":{\"id\":\"" + PROBE + "\",\"firstName\":\"Policy\",\"lastName\":\"Probe\","
                + "\"email\":\"policy-probe@test.csmflow.example\"},\"credentials\":{\"password\":\"" + password
                + "\"}}";
    }

    // ---------------------------------------------------------------- e-mail address (demo profile)

    @Test
    void inTheDemoStaffMayPutTheirOwnAddressSoTheySeeTheMails() {
        User csm = identityService.createUserQuery().userId("csm").singleResult();
        String original = csm.getEmail();
        try {
            ResponseEntity<String> change = rest.withBasicAuth("csm", "csm")
                    .exchange(
                            "/engine-rest/user/csm/profile",
                            HttpMethod.PUT,
                            json("{\"id\":\"csm\",\"firstName\":\"" + csm.getFirstName() + "\",\"lastName\":\""
                                    + csm.getLastName() + "\",\"email\":\"me@visitor.example\"}"),
                            String.class);
            assertThat(change.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
            assertThat(identityService
                            .createUserQuery()
                            .userId("csm")
                            .singleResult()
                            .getEmail())
                    .isEqualTo("me@visitor.example");
        } finally {
            User restored = identityService.createUserQuery().userId("csm").singleResult();
            restored.setEmail(original);
            identityService.saveUser(restored);
        }
    }

    // ---------------------------------------------------------------- Cockpit statistics

    @Test
    void onlyCockpitUsersGetInstanceCounts() {
        runtimeService.startProcessInstanceByKey(
                "service-desk-request",
                "STATISTICS-PROBE",
                Map.of(
                        "clientReference", "ALPENWERK",
                        "category", "OTHER",
                        "priority", "P4",
                        "subject", "statistics probe",
                        "requesterEmail", "probe@client.example"));
        String definitionId = repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey("service-desk-request")
                .latestVersion()
                .singleResult()
                .getId();
        List<String> engineRest = List.of(
                "/engine-rest/process-definition/statistics",
                "/engine-rest/process-definition/statistics?rootIncidents=true",
                "/engine-rest/process-definition/" + definitionId + "/statistics",
                "/engine-rest/process-definition/key/service-desk-request/statistics",
                "/engine-rest/engine/default/process-definition/statistics");
        for (String path : engineRest) {
            assertThat(rest.withBasicAuth("csm", "csm")
                            .getForEntity(path, String.class)
                            .getStatusCode())
                    .as(path)
                    .isEqualTo(HttpStatus.FORBIDDEN);
            ResponseEntity<String> manager =
                    rest.withBasicAuth("service-manager", "service-manager").getForEntity(path, String.class);
            assertThat(manager.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
            assertThat(manager.getBody()).as(path).contains("\"instances\":");
        }

        WebappSession csm = WebappSession.open(rest, "tasklist", "csm", "csm");
        WebappSession manager = WebappSession.open(rest, "cockpit", "service-manager", "service-manager");
        List<String> webapps = List.of(
                "/camunda/api/engine/engine/default/process-definition/statistics?rootIncidents=true",
                "/camunda/api/engine/engine/default/process-definition/" + definitionId + "/statistics",
                "/camunda/api/cockpit/plugin/base/default/process-definition/statistics",
                "/camunda/api/cockpit/plugin/base/default/process-definition/statistics-count",
                "/camunda/api/cockpit/plugin/base/default/process-instance/count");
        for (String path : webapps) {
            assertThat(csm.call(HttpMethod.GET, path, null).getStatusCode())
                    .as(path)
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(manager.call(HttpMethod.GET, path, null).getStatusCode())
                    .as(path)
                    .isEqualTo(HttpStatus.OK);
        }
        // what csm's Tasklist needs of the same API still works
        assertThat(csm.call(
                                HttpMethod.GET,
                                "/camunda/api/engine/engine/default/process-definition?latestVersion=true",
                                null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private ResponseEntity<String> asAdmin(HttpMethod method, String path, String body) {
        return rest.withBasicAuth("admin", "admin").exchange(path, method, json(body), String.class);
    }
}
