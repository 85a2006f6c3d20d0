package com.csmflow.access;

import static com.csmflow.access.AccessRightProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Access rights (issue 19 part 3, 004 PR6.5): a request approved by its asset owner or ISEC, provided by
 * IT and kept in the access register until IT removes it, whether someone asked, a changed right replaced
 * it or its end date passed; a rejected request tells the requester why.
 */
@CsmFlowTest
class AccessRightProcessTest {

    /** Tuesday 1 December 2026, 10:00 in Munich. */
    static final Instant TUESDAY_MORNING = Instant.parse("2026-12-01T09:00:00Z");

    @Autowired
    ProcessEngine engine;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    private static final Set<String> DRIVEN = new HashSet<>();
    private static ProcessEngine coverageEngine;

    AccessFixtures access;
    String client;

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(TUESDAY_MORNING));
        access = new AccessFixtures(engine, jdbc, rest, json, DRIVEN);
        coverageEngine = engine;
        client = access.newClient();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /** Every flow node of the model is visited by the tests of this class. */
    @AfterAll
    static void everyFlowNodeIsVisited() {
        AccessFixtures.assertFlowNodeCoverage(coverageEngine, KEY, DRIVEN, 1.0);
    }

    @Test
    void anApprovedRightIsProvidedByItRecordedAsActiveAndRevokedByItWhenAskedFor() throws Exception {
        Map<String, Object> body = AccessFixtures.body(client, "cse", "SAP PRD", "read-only");
        body.put("approver", "dc-head");
        String right = access.request("csm", body);
        assertThat(right).matches("ACR-2026-\\d{4,}");
        Map<String, Object> requested = access.row(right);
        assertThat(requested.get("status")).isEqualTo("REQUESTED");
        assertThat(requested.get("requested_by")).isEqualTo("csm");
        assertThat(requested.get("approver")).isEqualTo("dc-head");
        assertThat(requested.get("valid_until")).isNull();

        // the named asset owner decides, ISEC may always
        Task approve = access.task(right, TASK_APPROVE);
        assertThat(access.candidates(approve)).containsExactlyInAnyOrder("group:isec", "user:dc-head");
        access.complete(approve, "dc-head", Map.of(APPROVAL.name(), "approve", DECISION_COMMENT.name(), "needed"));
        assertThat(access.row(right).get("status")).isEqualTo("REQUESTED");
        assertThat(access.row(right).get("decided_by")).isEqualTo("dc-head");

        Task provide = access.task(right, TASK_PROVIDE);
        assertThat(access.candidates(provide)).containsExactly("group:it");
        access.complete(provide, "it", Map.of("provided", true));
        Map<String, Object> active = access.row(right);
        assertThat(active.get("status")).isEqualTo("ACTIVE");
        assertThat(active.get("granted_by")).isEqualTo("it");
        assertThat(((Timestamp) active.get("granted_at")).toInstant()).isEqualTo(TUESDAY_MORNING);

        access.runDueJobs(right);
        assertThat(access.outbox(right, "access-right-active"))
                .extracting(row -> row.get("recipient"))
                .containsExactlyInAnyOrder("cse@demo.csmflow.example", "csm@demo.csmflow.example");
        assertThat(access.outbox(right, "access-right-active"))
                .allSatisfy(row -> assertThat((String) row.get("subject")).startsWith(right + ": "));

        // revoked on request: IT removes it, the register says why, by whom and when
        ClockUtil.setCurrentTime(Date.from(TUESDAY_MORNING.plusSeconds(3600)));
        ResponseEntity<String> revoked = access.call(
                "isec",
                HttpMethod.POST,
                "/api/access-rights/" + right + "/revocation",
                Map.of("reason", "Moved to another team"));
        assertThat(revoked.getStatusCode().value()).as(revoked.getBody()).isEqualTo(202);
        assertThat(access.read(revoked).path("revocationKind").asText()).isEqualTo("REQUESTED");
        ResponseEntity<String> again = access.call(
                "isec", HttpMethod.POST, "/api/access-rights/" + right + "/revocation", Map.of("reason", "twice"));
        assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(409);

        Task remove = access.task(right, TASK_REVOKE);
        assertThat(access.candidates(remove)).containsExactly("group:it");
        assertThat(access.row(right).get("status")).isEqualTo("ACTIVE");
        ClockUtil.setCurrentTime(Date.from(TUESDAY_MORNING.plusSeconds(7200)));
        access.complete(remove, "it", Map.of("removed", true));
        Map<String, Object> gone = access.row(right);
        assertThat(gone.get("status")).isEqualTo("REVOKED");
        assertThat(gone.get("revocation_kind")).isEqualTo("REQUESTED");
        assertThat(gone.get("revocation_reason")).isEqualTo("Moved to another team");
        assertThat(gone.get("revocation_requested_by")).isEqualTo("isec");
        assertThat(((Timestamp) gone.get("revocation_requested_at")).toInstant())
                .isEqualTo(TUESDAY_MORNING.plusSeconds(3600));
        assertThat(gone.get("revoked_by")).isEqualTo("it");
        assertThat(((Timestamp) gone.get("revoked_at")).toInstant()).isEqualTo(TUESDAY_MORNING.plusSeconds(7200));
        access.runDueJobs(right);
        assertThat(access.outbox(right, "access-right-revoked")).hasSize(2);
        assertThat(access.ended(right)).isTrue();
        assertThat(jdbc.queryForList(
                        "SELECT action FROM register_audit WHERE register = 'access-right' AND reference = ? ORDER BY id",
                        String.class,
                        right))
                .containsExactly("CREATE", "APPROVE", "PROVIDE", "REVOCATION_REQUEST", "REVOKE");
    }

    @Test
    void aRequestFromTheStartFormRejectedByIsecTellsTheRequesterWhy() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("clientReference", client);
        variables.put(GRANTEE.name(), "cse");
        variables.put(ASSET.name(), "Firewall cluster");
        variables.put(PERMISSION.name(), "administrator");
        variables.put(REASON.name(), "Rule changes");
        variables.put(VALID_UNTIL.name(), "");
        variables.put(APPROVER.name(), "");
        access.authenticate("csm");
        ProcessInstance instance;
        try {
            instance = engine.getRuntimeService().startProcessInstanceByKey(KEY, variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        String right = engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceId(instance.getId())
                .singleResult()
                .getBusinessKey();
        assertThat(right).matches("ACR-2026-\\d{4,}");
        assertThat(access.row(right).get("requested_by")).isEqualTo("csm");

        Task approve = access.task(right, TASK_APPROVE);
        assertThat(access.candidates(approve)).containsExactly("group:isec");
        // a rejection names its reason
        Throwable noReason = catchThrowable(() -> access.complete(approve, "isec", Map.of(APPROVAL.name(), "reject")));
        assertThat(noReason).hasMessageContaining("decisionComment");
        access.complete(
                approve,
                "isec",
                Map.of(APPROVAL.name(), "reject", DECISION_COMMENT.name(), "Use the shared read role"));
        Map<String, Object> rejected = access.row(right);
        assertThat(rejected.get("status")).isEqualTo("REJECTED");
        assertThat(rejected.get("decided_by")).isEqualTo("isec");
        assertThat(rejected.get("decision_comment")).isEqualTo("Use the shared read role");
        assertThat(access.tasks(right)).isEmpty();
        access.runDueJobs(right);
        assertThat(access.outbox(right, "access-right-rejected"))
                .extracting(row -> row.get("recipient"))
                .containsExactlyInAnyOrder("cse@demo.csmflow.example", "csm@demo.csmflow.example");
        assertThat(access.outbox(right, "access-right-rejected"))
                .allSatisfy(row -> assertThat((String) row.get("body_text")).contains("Use the shared read role"));
        assertThat(access.ended(right)).isTrue();
    }

    @Test
    void aStartFormNamingNoStaffMemberIsRefusedUnderItsField() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("clientReference", client);
        variables.put(GRANTEE.name(), "someone-else");
        variables.put(ASSET.name(), "Firewall cluster");
        variables.put(PERMISSION.name(), "administrator");
        variables.put(REASON.name(), "Rule changes");
        Throwable refused = catchThrowable(() -> engine.getRuntimeService().startProcessInstanceByKey(KEY, variables));
        assertThat(refused).hasMessageContaining("grantee");
        variables.put(GRANTEE.name(), "cse");
        variables.put(VALID_UNTIL.name(), "2026-11-30");
        assertThat(catchThrowable(() -> engine.getRuntimeService().startProcessInstanceByKey(KEY, variables)))
                .hasMessageContaining("validUntil");
    }

    @Test
    void anEndDatedRightIsRevokedAutomaticallyWhenItsLastDayHasPassed() {
        Map<String, Object> body = AccessFixtures.body(client, "cse", "VPN", "remote access");
        body.put("validUntil", "2026-12-15");
        String right = access.request("csm", body);
        // the last day ends at midnight in the client's time zone (Europe/Berlin)
        Instant lapses = LocalDate.of(2026, 12, 16)
                .atStartOfDay(ZoneId.of("Europe/Berlin"))
                .toInstant();
        assertThat(((Timestamp) access.row(right).get("valid_until")).toInstant())
                .isEqualTo(lapses);
        access.approveAndProvide(right, "isec");
        assertThat(access.row(right).get("status")).isEqualTo("ACTIVE");
        access.runDueJobs(right);
        assertThat(access.tasks(right)).isEmpty();

        ClockUtil.setCurrentTime(Date.from(lapses.minusSeconds(60)));
        access.runDueJobs(right);
        assertThat(access.tasks(right)).isEmpty();
        assertThat(access.row(right).get("revocation_kind")).isNull();

        ClockUtil.setCurrentTime(Date.from(lapses.plusSeconds(60)));
        access.runDueJobs(right);
        Task remove = access.task(right, TASK_REVOKE);
        Map<String, Object> expiring = access.row(right);
        assertThat(expiring.get("revocation_kind")).isEqualTo("EXPIRED");
        assertThat(expiring.get("revocation_requested_by")).isNull();
        assertThat(((Timestamp) expiring.get("revocation_requested_at")).toInstant())
                .isEqualTo(lapses.plusSeconds(60));
        access.complete(remove, "it", Map.of("removed", true));
        assertThat(access.row(right).get("status")).isEqualTo("REVOKED");
        JsonNode view = access.read(access.call("isec", HttpMethod.GET, "/api/access-rights/" + right, null));
        assertThat(view.path("revokedAutomatically").asBoolean()).isTrue();
        assertThat(view.path("revokedBy").asText()).isEqualTo("it");
    }

    @Test
    void aChangedRightReplacesTheOldOneWhichItThenRemoves() {
        // end-dated: its revocation arrives before the end date, through the message
        Map<String, Object> first = AccessFixtures.body(client, "cse", "SAP PRD", "read-only");
        first.put("validUntil", "2027-06-30");
        String old = access.request("csm", first);
        access.approveAndProvide(old, "isec");
        Map<String, Object> change = AccessFixtures.body(client, "cse", "SAP PRD", "read-write");
        change.put("supersedes", old);
        // only an active right of the same person can be replaced
        Map<String, Object> wrongPerson = new HashMap<>(change);
        wrongPerson.put("grantee", "csm");
        ResponseEntity<String> refused = access.call("csm", HttpMethod.POST, "/api/access-requests", wrongPerson);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody()).contains("supersedes");

        String replacement = access.request("csm", change);
        assertThat(access.tasks(old)).isEmpty();
        access.approveAndProvide(replacement, "isec");
        Map<String, Object> replaced = access.row(old);
        assertThat(replaced.get("superseded_by")).isEqualTo(replacement);
        assertThat(replaced.get("revocation_kind")).isEqualTo("SUPERSEDED");
        assertThat((String) replaced.get("revocation_reason")).contains(replacement);
        access.complete(access.task(old, TASK_REVOKE), "it", Map.of("removed", true));
        assertThat(access.row(old).get("status")).isEqualTo("REVOKED");
        assertThat(access.row(replacement).get("status")).isEqualTo("ACTIVE");
    }
}
