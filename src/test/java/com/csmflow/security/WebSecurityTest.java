package com.csmflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;

import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.WebappLogin;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
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

/** The domain API's error format for unknown paths and bad credentials, and who may open Cockpit. */
@CsmFlowTest
class WebSecurityTest {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    IdentityService identityService;

    @Autowired
    AuthorizationService authorizationService;

    @AfterEach
    void removeProbeUser() {
        if (identityService.createUserQuery().userId("wrong-password-probe").count() > 0) {
            identityService.deleteUser("wrong-password-probe");
        }
    }

    @Test
    void anUnknownApiPathIsAJsonProblemNotAnHtmlPage() {
        for (MediaType accept : List.of(MediaType.APPLICATION_JSON, MediaType.ALL, MediaType.TEXT_HTML)) {
            HttpHeaders headers = new HttpHeaders();
            headers.setAccept(List.of(accept));
            ResponseEntity<String> response = rest.withBasicAuth("csm", "csm")
                    .exchange("/api/no-such-thing", HttpMethod.GET, new HttpEntity<>(headers), String.class);
            assertThat(response.getStatusCode()).as("Accept %s", accept).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(response.getHeaders().getContentType())
                    .as("Accept %s", accept)
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody()).contains("\"status\":404").doesNotContain("<html");
        }
    }

    @Test
    void aWrongPasswordIsRefusedWith401() {
        // a user of its own: a failed login locks the user for a few seconds
        User probe = identityService.newUser("wrong-password-probe");
        probe.setPassword("the-right-one-42");
        identityService.saveUser(probe);

        ResponseEntity<String> api =
                rest.withBasicAuth("wrong-password-probe", "a-wrong-one").getForEntity("/api/openapi", String.class);
        assertThat(api.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(api.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
        assertThat(rest.withBasicAuth("no-such-user", "whatever")
                        .getForEntity("/engine-rest/task", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void anOrQueryWithAnExpressionIsRejectedWhateverTheBodyLooksLike() {
        String expression = "{\"orQueries\":[{\"assigneeExpression\":\"${currentUser()}\"}]}";
        HttpHeaders octets = new HttpHeaders();
        octets.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        // not JSON to the guard, and not read by the engine either
        assertThat(rest.withBasicAuth("admin", "admin")
                        .exchange(
                                "/engine-rest/task",
                                HttpMethod.POST,
                                new HttpEntity<>(expression.getBytes(java.nio.charset.StandardCharsets.UTF_8), octets),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);

        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        String escaped = "{\"or\\u0051ueries\":[{\"assigneeExpression\":\"\\u0024{currentUser()}\"}]}";
        assertThat(rest.withBasicAuth("admin", "admin")
                        .exchange("/engine-rest/task", HttpMethod.POST, new HttpEntity<>(escaped, json), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        String lenient = "{/* comment */ \"orQueries\":[{\"assigneeExpression\":\"${currentUser()}\"}]}";
        assertThat(rest.withBasicAuth("admin", "admin")
                        .exchange("/engine-rest/task", HttpMethod.POST, new HttpEntity<>(lenient, json), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void demoUsersAndTheAdminLogIntoTheWebapps() {
        for (String app : List.of("tasklist", "cockpit", "admin")) {
            assertThat(WebappLogin.login(rest, app, "admin", "admin").getStatusCode())
                    .as("admin into %s", app)
                    .isEqualTo(HttpStatus.OK);
        }
        ResponseEntity<String> csm = WebappLogin.login(rest, "tasklist", "csm", "csm");
        assertThat(csm.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csm.getBody()).contains("\"userId\":\"csm\"");
        assertThat(WebappLogin.login(rest, "cockpit", "csm", "csm").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(WebappLogin.login(rest, "cockpit", "dc-head", "dc-head").getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void onlyTheManagersOpenCockpit() {
        for (RoleGroup role : RoleGroup.values()) {
            boolean cockpit = authorizationService.isUserAuthorized(
                    role.id(), List.of(role.id()), ACCESS, APPLICATION, "cockpit");
            boolean tasklist = authorizationService.isUserAuthorized(
                    role.id(), List.of(role.id()), ACCESS, APPLICATION, "tasklist");
            boolean admin =
                    authorizationService.isUserAuthorized(role.id(), List.of(role.id()), ACCESS, APPLICATION, "admin");
            assertThat(cockpit).as("cockpit for %s", role.id()).isEqualTo(role.watchesOperations());
            assertThat(tasklist).as("tasklist for %s", role.id()).isTrue();
            assertThat(admin).as("admin for %s", role.id()).isFalse();
        }
        assertThat(RoleGroup.DC_HEAD.watchesOperations()).isTrue();
        assertThat(RoleGroup.SERVICE_MANAGER.watchesOperations()).isTrue();
        assertThat(RoleGroup.DELIVERY_MANAGER.watchesOperations()).isTrue();
        assertThat(RoleGroup.CSM.watchesOperations()).isFalse();
    }
}
