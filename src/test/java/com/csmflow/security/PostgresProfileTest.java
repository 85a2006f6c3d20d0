package com.csmflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.csmflow.CsmFlowApplication;
import com.csmflow.harness.EmbeddedPostgres17;
import com.csmflow.harness.WebappLogin;
import com.csmflow.harness.WebappSession;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The production profile on a real PostgreSQL 17: no demo users, the admin from the environment,
 * Secure session cookies; and without an admin password the application refuses to start.
 *
 * <p>This is the one test class with a second application context. Two Camunda engines named
 * "default" cannot live in one JVM, so Maven runs the {@code *ProfileTest} classes in a JVM of their
 * own (the {@code profile-tests} surefire execution in pom.xml).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "csmflow.admin.password=" + PostgresProfileTest.ADMIN_PASSWORD,
            "camunda.bpm.job-execution.enabled=false",
            "server.shutdown=immediate"
        })
@ActiveProfiles("postgres")
@Import(PostgresProfileTest.OwnDatabase.class)
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresProfileTest {

    static final String ADMIN_PASSWORD = "Not-a-demo-password-42";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    IdentityService identityService;

    @Autowired
    FilterService filterService;

    @Autowired
    ProcessEngine processEngine;

    @Autowired
    IdentitySetup identitySetup;

    @Test
    void runsOnPostgresqlWithTheAdminFromTheEnvironmentAndNoDemoUsers() {
        assertThat(processEngine.getProcessEngineConfiguration())
                .extracting("databaseType")
                .isEqualTo("postgres");
        assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        assertThat(identityService.createUserQuery().list()).extracting("id").containsExactly("admin");
        assertThat(identityService.createUserQuery().userId("csm").count()).isZero();
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/engine-rest/task", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        // groups and filters are set up in every profile, users only in the demo
        assertThat(identityService.createGroupQuery().groupId("dc-head").count())
                .isEqualTo(1);
        assertThat(filterService.createFilterQuery().filterName("My tasks").count())
                .isEqualTo(1);

        ResponseEntity<List> groups =
                rest.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/engine-rest/group", List.class);
        assertThat(groups.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(groups.getBody())
                .extracting(group -> ((Map<?, ?>) group).get("id"))
                .contains("camunda-admin", "csm", "dc-head");
    }

    @Test
    void theWebappSessionCookieIsSecure() {
        ResponseEntity<String> tasklist = rest.getForEntity("/camunda/app/tasklist/", String.class);
        assertThat(WebappLogin.setCookieHeader(tasklist, "JSESSIONID"))
                .contains("Secure")
                .contains("HttpOnly");

        ResponseEntity<String> login = WebappLogin.login(rest, "tasklist", "admin", ADMIN_PASSWORD);
        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
        String renewedSession = WebappLogin.setCookieHeader(login, "JSESSIONID");
        if (renewedSession != null) {
            assertThat(renewedSession).contains("Secure");
        }
    }

    /** Issue 14: behind a TLS-terminating proxy the app knows it is served over HTTPS. */
    @Test
    void behindAnHttpsProxyItSendsHstsAndTheXsrfCookieIsSecure() {
        // a page that does not redirect: behind the proxy a redirect would name https://host:443
        org.springframework.http.HttpHeaders proxied = new org.springframework.http.HttpHeaders();
        proxied.add("X-Forwarded-Proto", "https");
        ResponseEntity<String> overHttps = rest.exchange(
                "/camunda/app/tasklist/default/",
                org.springframework.http.HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(proxied),
                String.class);
        assertThat(overHttps.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(overHttps.getHeaders().getFirst("Strict-Transport-Security")).contains("max-age=");
        assertThat(rest.exchange(
                                "/actuator/health",
                                org.springframework.http.HttpMethod.GET,
                                new org.springframework.http.HttpEntity<>(proxied),
                                String.class)
                        .getHeaders()
                        .getFirst("Strict-Transport-Security"))
                .contains("max-age=");
        // plain HTTP (no proxy saying otherwise): never HSTS, which a browser would ignore anyway
        ResponseEntity<String> plain = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
        assertThat(plain.getHeaders().containsKey("Strict-Transport-Security")).isFalse();

        assertThat(WebappLogin.setCookieHeader(plain, "XSRF-TOKEN")).isNotNull().contains("Secure");
        assertThat(WebappLogin.setCookieHeader(overHttps, "XSRF-TOKEN"))
                .isNotNull()
                .contains("Secure");
    }

    /** Issue 14: notifications go to the address in the profile, so staff must not redirect them. */
    @Test
    void staffCannotChangeTheirOwnEmailAddressButTheAdminCan() {
        String id = "mail-probe";
        String password = "Mail-Probe-Password-1";
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setFirstName("Mail");
            user.setLastName("Probe");
            user.setEmail("mail-probe@staff.example");
            user.setPassword(password);
            identityService.saveUser(user);
            identityService.createMembership(id, "csm");
        }
        try {
            emailRule(id, password);
        } finally {
            // the other tests expect the admin as the only user
            identityService.deleteUser(id);
        }
    }

    private void emailRule(String id, String password) {
        String redirected = "{\"id\":\"" + id + "\",\"firstName\":\"Mail\",\"lastName\":\"Probe\","
                + "\"email\":\"attacker@elsewhere.example\"}";

        ResponseEntity<String> own = rest.withBasicAuth(id, password)
                .exchange("/engine-rest/user/" + id + "/profile", HttpMethod.PUT, json(redirected), String.class);
        assertThat(own.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(own.getBody()).contains("email:");
        WebappSession tasklist = WebappSession.open(rest, "tasklist", id, password);
        assertThat(tasklist.call(
                                HttpMethod.PUT,
                                "/camunda/api/engine/engine/default/user/" + id + "/profile",
                                redirected)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(identityService.createUserQuery().userId(id).singleResult().getEmail())
                .isEqualTo("mail-probe@staff.example");

        // the rest of the profile stays theirs
        assertThat(rest.withBasicAuth(id, password)
                        .exchange(
                                "/engine-rest/user/" + id + "/profile",
                                HttpMethod.PUT,
                                json("{\"id\":\"" + id + "\",\"firstName\":\"Mailed\",\"lastName\":\"Probe\","
                                        + "\"email\":\"mail-probe@staff.example\"}"),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(rest.withBasicAuth("admin", ADMIN_PASSWORD)
                        .exchange(
                                "/engine-rest/user/" + id + "/profile",
                                HttpMethod.PUT,
                                json(redirected.replace("attacker@elsewhere", "mail-probe@new-desk")),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(identityService.createUserQuery().userId(id).singleResult().getEmail())
                .isEqualTo("mail-probe@new-desk.example");
    }

    /** Issue 14: the password policy holds outside the demo too, and a start lets the admin back in. */
    @Test
    void weakPasswordsAreRefusedAndAStartUnlocksTheAdmin() {
        ResponseEntity<String> weak = rest.withBasicAuth("admin", ADMIN_PASSWORD)
                .exchange(
                        "/engine-rest/user/create",
                        HttpMethod.POST,
                        json("{\"profile\":{\"id\":\"weak-probe\",\"firstName\":\"W\",\"lastName\":\"P\"},"
                                + "\"credentials\":{\"password\":\"a\"}}"),
                        String.class);
        assertThat(weak.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(weak.getBody()).contains("password:");
        assertThat(identityService.createUserQuery().userId("weak-probe").count())
                .isZero();

        // 20 wrong passwords a minute apart on the engine clock (for good before, the longest lock now),
        // then the clock stands still: only the start may let the admin in
        long clock = System.currentTimeMillis();
        try {
            for (int attempt = 0; attempt < 20; attempt++) {
                clock += 61_000;
                ClockUtil.setCurrentTime(new Date(clock));
                rest.withBasicAuth("admin", "wrong-" + attempt).getForEntity("/engine-rest/task", String.class);
            }
            assertThat(rest.withBasicAuth("admin", ADMIN_PASSWORD)
                            .getForEntity("/engine-rest/task", String.class)
                            .getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);

            identitySetup.run(null);

            assertThat(rest.withBasicAuth("admin", ADMIN_PASSWORD)
                            .getForEntity("/engine-rest/task", String.class)
                            .getStatusCode())
                    .isEqualTo(HttpStatus.OK);
        } finally {
            ClockUtil.reset();
        }
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: a refused start must not disturb the context above, but be safe
    void withoutAnAdminPasswordItRefusesToStartWithAOneLineReason(CapturedOutput output) throws SQLException {
        assumeTrue(System.getenv("CSMFLOW_ADMIN_PASSWORD") == null, "CSMFLOW_ADMIN_PASSWORD is set here");
        try (EmbeddedPostgres17.Lease lease = EmbeddedPostgres17.lease()) {
            String jdbcUrl = lease.freshDatabase("csmflow_refused");
            // a reachable, empty database: the refusal is about the password, nothing else
            SpringApplicationBuilder application = new SpringApplicationBuilder(CsmFlowApplication.class);
            Throwable refusal = catchThrowable(() -> application
                    .run(
                            "--spring.profiles.active=postgres",
                            "--spring.datasource.url=" + jdbcUrl,
                            "--spring.datasource.username=postgres",
                            "--spring.datasource.password=postgres",
                            "--server.port=0",
                            "--camunda.bpm.job-execution.enabled=false")
                    .close());

            assertThat(NestedExceptionUtils.getMostSpecificCause(refusal))
                    .isInstanceOf(MissingAdminPasswordException.class)
                    .hasMessage(AdminAccount.MISSING_PASSWORD);
            // refused before anything touched the database
            try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                    ResultSet tables = connection
                            .createStatement()
                            .executeQuery(
                                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
                tables.next();
                assertThat(tables.getInt(1)).isZero();
            }
        }
        // Spring Boot's failure report: the reason on one line, then what to do
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("Description:" + System.lineSeparator() + System.lineSeparator()
                        + AdminAccount.MISSING_PASSWORD + System.lineSeparator() + System.lineSeparator() + "Action:");
    }

    @Test
    void theFailureAnalyzerTurnsTheMissingPasswordIntoOneLine() {
        BeanCreationException startupFailure = new BeanCreationException(
                "adminAccount", "constructor threw", new MissingAdminPasswordException(AdminAccount.MISSING_PASSWORD));

        FailureAnalysis analysis = new MissingAdminPasswordFailureAnalyzer().analyze(startupFailure);

        assertThat(analysis.getDescription())
                .isEqualTo(AdminAccount.MISSING_PASSWORD)
                .doesNotContain("\n");
        assertThat(analysis.getAction()).contains("CSMFLOW_ADMIN_PASSWORD");
        assertThat(new MissingAdminPasswordFailureAnalyzer().analyze(new IllegalStateException("other")))
                .isNull();
    }

    /** A database of its own in the JVM's embedded PostgreSQL, so nothing of another context shows. */
    @TestConfiguration(proxyBeanMethods = false)
    static class OwnDatabase {

        @Bean(destroyMethod = "close")
        EmbeddedPostgres17.Lease postgresProfileLease() {
            return EmbeddedPostgres17.lease();
        }

        @Bean(destroyMethod = "close")
        @Primary
        DataSource dataSource(EmbeddedPostgres17.Lease lease) {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(lease.freshDatabase("csmflow_postgres_profile"));
            dataSource.setUsername("postgres");
            dataSource.setPassword("postgres");
            dataSource.setMaximumPoolSize(10);
            return dataSource;
        }
    }
}
