package com.csmflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.WebappLogin;
import java.time.Duration;
import java.util.Date;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Issue 14, hole 2: wrong passwords slow an attacker down but lock nobody out for good, the admin
 * included, and known and unknown user ids get the same answers (docs/security.md, "2. Lockout").
 * Time is moved on the engine's clock, which both the old engine lock and {@link LoginThrottle} use,
 * so no test waits for a lock to run out.
 */
@CsmFlowTest
class LoginLockoutTest {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin";
    private static final String KNOWN = "lockout-probe";
    private static final String KNOWN_PASSWORD = "lockout-probe-password-1";
    private static final String UNKNOWN = "lockout-nobody";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    IdentityService identityService;

    @Autowired
    LoginThrottle throttle;

    @Autowired
    IdentitySetup identitySetup;

    private long clock = System.currentTimeMillis();

    @AfterEach
    void restore() {
        ClockUtil.reset();
        for (String id : new String[] {ADMIN, KNOWN, UNKNOWN}) {
            identityService.unlockUser(id);
        }
        if (identityService.createUserQuery().userId(KNOWN).count() > 0) {
            identityService.deleteUser(KNOWN);
        }
    }

    @Test
    void fiftyWrongPasswordsThroughTheRestApisDoNotLockTheAdminForGood() {
        // A minute between attempts: each one is a counted failure for the engine's own lock, which
        // turned permanent at the tenth.
        for (int attempt = 0; attempt < 50; attempt++) {
            assertThat(engineRest(ADMIN, "wrong-" + attempt).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            advance(Duration.ofSeconds(61));
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            assertThat(engineRest(ADMIN, "wrong-" + attempt).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        // throttled: even the right password waits for the lock to run out
        assertThat(engineRest(ADMIN, ADMIN_PASSWORD).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        advance(throttle.maxLockDuration().plusSeconds(1));

        assertThat(engineRest(ADMIN, ADMIN_PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.withBasicAuth(ADMIN, ADMIN_PASSWORD)
                        .getForEntity("/api/clients", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void fiftyWrongPasswordsAtTheWebappLoginDoNotLockTheAdminForGood() {
        for (int attempt = 0; attempt < 50; attempt++) {
            assertThat(WebappLogin.login(rest, "tasklist", ADMIN, "wrong-" + attempt)
                            .getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
            advance(Duration.ofSeconds(61));
        }
        assertThat(WebappLogin.login(rest, "cockpit", ADMIN, ADMIN_PASSWORD).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        advance(throttle.maxLockDuration().plusSeconds(1));

        assertThat(WebappLogin.login(rest, "cockpit", ADMIN, ADMIN_PASSWORD).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aStartUnlocksTheConfiguredAdmin() throws Exception {
        // locked as hard as it gets: for good before, the longest lock now; the clock stands still below
        for (int attempt = 0; attempt < 20; attempt++) {
            advance(Duration.ofSeconds(61));
            engineRest(ADMIN, "wrong-" + attempt);
        }
        assertThat(engineRest(ADMIN, ADMIN_PASSWORD).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        identitySetup.run(null);

        assertThat(engineRest(ADMIN, ADMIN_PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void knownAndUnknownIdsGetTheSameAnswersAndTheSameThrottle() {
        createKnownUser();

        for (int attempt = 0; attempt < throttle.maxFailures() + 3; attempt++) {
            String password = "wrong-" + attempt;
            assertSameAnswer(id -> rest.withBasicAuth(id, password).getForEntity("/engine-rest/task", String.class));
            assertSameAnswer(id -> rest.withBasicAuth(id, password).getForEntity("/api/clients", String.class));
            assertSameAnswer(id -> WebappLogin.login(rest, "tasklist", id, password));
        }
        assertThat(throttle.isLocked(KNOWN)).isTrue();
        assertThat(throttle.isLocked(UNKNOWN))
                .as("unknown ids are throttled alike")
                .isTrue();

        advance(throttle.maxLockDuration().plusSeconds(1));
        assertThat(throttle.isLocked(UNKNOWN)).isFalse();
        assertThat(engineRest(KNOWN, KNOWN_PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void anAdminsUnlockEndsAThrottleLock() {
        createKnownUser();
        for (int attempt = 0; attempt < throttle.maxFailures(); attempt++) {
            engineRest(KNOWN, "wrong-" + attempt);
        }
        assertThat(engineRest(KNOWN, KNOWN_PASSWORD).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        // what the Admin webapp's "Unlock" button sends
        assertThat(rest.withBasicAuth(ADMIN, ADMIN_PASSWORD)
                        .postForEntity("/engine-rest/user/" + KNOWN + "/unlock", null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(engineRest(KNOWN, KNOWN_PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private void createKnownUser() {
        User user = identityService.newUser(KNOWN);
        user.setFirstName("Lockout");
        user.setLastName("Probe");
        user.setPassword(KNOWN_PASSWORD);
        identityService.saveUser(user);
    }

    private void assertSameAnswer(Function<String, ResponseEntity<String>> call) {
        ResponseEntity<String> known = call.apply(KNOWN);
        ResponseEntity<String> unknown = call.apply(UNKNOWN);
        assertThat(unknown.getStatusCode()).isEqualTo(known.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(withoutTimestamp(unknown.getBody())).isEqualTo(withoutTimestamp(known.getBody()));
        assertThat(unknown.getHeaders().getFirst("WWW-Authenticate"))
                .isEqualTo(known.getHeaders().getFirst("WWW-Authenticate"));
    }

    private static String withoutTimestamp(String body) {
        return body == null ? null : body.replaceAll("\"timestamp\":\"[^\"]*\"", "");
    }

    private ResponseEntity<String> engineRest(String user, String password) {
        return rest.withBasicAuth(user, password).getForEntity("/engine-rest/task", String.class);
    }

    private void advance(Duration duration) {
        clock += duration.toMillis();
        ClockUtil.setCurrentTime(new Date(clock));
    }
}
