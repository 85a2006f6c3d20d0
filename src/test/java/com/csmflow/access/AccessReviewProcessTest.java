package com.csmflow.access;

import static com.csmflow.access.AccessReviewProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
 * Periodic access reviews (issue 19 part 4): every active right of the client goes to its reviewer, who
 * confirms or revokes it; a right nobody confirmed by the deadline is revoked automatically; every
 * revocation is IT's task in the right's own workflow; the evidence says who decided what, when, and
 * whether it was automatic, as JSON and CSV.
 */
@CsmFlowTest
class AccessReviewProcessTest {

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

    @Autowired
    AccessReviewSchedule schedule;

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
    void oneRightConfirmedOneRevokedByItsReviewerOneRevokedAtTheDeadlineWithEvidence() throws Exception {
        Map<String, Object> owned = AccessFixtures.body(client, "cse", "SAP PRD", "read-only");
        owned.put("approver", "dc-head");
        // an end-dated right is reviewed like any other; the review may revoke it before its end
        owned.put("validUntil", "2027-03-31");
        String confirmed = access.request("csm", AccessFixtures.body(client, "csm", "Ticket portal", "agent"));
        String revokedByOwner = access.request("csm", owned);
        String unanswered = access.request("csm", AccessFixtures.body(client, "cse", "Firewall", "administrator"));
        String stillRequested = access.request("csm", AccessFixtures.body(client, "cse", "Backup", "operator"));
        access.approveAndProvide(confirmed, "isec");
        access.approveAndProvide(revokedByOwner, "dc-head");
        access.approveAndProvide(unanswered, "isec");
        List.of(confirmed, revokedByOwner, unanswered).forEach(access::runDueJobs);

        ResponseEntity<String> opened = access.call(
                "isec", HttpMethod.POST, "/api/access-reviews", Map.of("clientReference", client, "deadlineDays", 7));
        assertThat(opened.getStatusCode().value()).as(opened.getBody()).isEqualTo(201);
        String review = access.read(opened).path("reference").asText();
        assertThat(review).matches("ARV-2026-\\d{4,}");
        assertThat(access.read(opened).path("rightsReviewed").asInt()).isEqualTo(3);
        Instant deadline = TUESDAY_MORNING.plus(Duration.ofDays(7));
        assertThat(access.read(opened).path("deadline").asText()).isEqualTo(deadline.toString());
        // one review per client at a time
        assertThat(access.call("isec", HttpMethod.POST, "/api/access-reviews", Map.of("clientReference", client))
                        .getStatusCode()
                        .value())
                .isEqualTo(409);

        List<Task> tasks = access.tasks(review);
        assertThat(tasks)
                .hasSize(3)
                .allSatisfy(task -> assertThat(task.getTaskDefinitionKey()).isEqualTo(TASK_REVIEW));
        Task ownerTask = reviewTask(review, revokedByOwner);
        assertThat(access.candidates(ownerTask)).containsExactlyInAnyOrder("group:isec", "user:dc-head");
        assertThat(access.candidates(reviewTask(review, confirmed))).containsExactly("group:isec");
        assertThat((String) engine.getTaskService().getVariable(ownerTask.getId(), RIGHT_TEXT.name()))
                .contains(revokedByOwner)
                .contains("SAP PRD")
                .contains("dc-head");

        ClockUtil.setCurrentTime(Date.from(TUESDAY_MORNING.plus(Duration.ofDays(1))));
        access.complete(reviewTask(review, confirmed), "isec", Map.of(DECISION.name(), "confirm"));
        Task revokeTask = reviewTask(review, revokedByOwner);
        assertThat(catchThrowable(() -> access.complete(revokeTask, "dc-head", Map.of(DECISION.name(), "revoke"))))
                .hasMessageContaining("reviewComment");
        access.complete(revokeTask, "dc-head", Map.of(DECISION.name(), "revoke", COMMENT.name(), "Left the project"));
        // the revocation is IT's task in the right's own workflow
        assertThat(access.row(revokedByOwner).get("revocation_kind")).isEqualTo("REVIEW");
        assertThat(access.row(revokedByOwner).get("revocation_requested_by")).isEqualTo("dc-head");
        access.task(revokedByOwner, AccessRightProcess.TASK_REVOKE);
        assertThat(access.tasks(confirmed)).isEmpty();
        access.runDueJobs(review);

        // the deadline passes for the third
        ClockUtil.setCurrentTime(Date.from(deadline.minusSeconds(60)));
        access.runDueJobs(review);
        assertThat(access.tasks(review)).hasSize(1);
        ClockUtil.setCurrentTime(Date.from(deadline.plusSeconds(60)));
        access.runDueJobs(review);
        assertThat(access.tasks(review)).isEmpty();
        Task itTask = access.task(unanswered, AccessRightProcess.TASK_REVOKE);
        assertThat(access.candidates(itTask)).containsExactly("group:it");
        Map<String, Object> lapsed = access.row(unanswered);
        assertThat(lapsed.get("revocation_kind")).isEqualTo("REVIEW_DEADLINE");
        assertThat(lapsed.get("revocation_requested_by")).isNull();
        assertThat(access.ended(review)).isTrue();
        assertThat(access.outbox(review, "access-review-completed"))
                .extracting(row -> row.get("recipient"))
                .contains("isec@demo.csmflow.example", "it@demo.csmflow.example");
        assertThat(access.outbox(review, "access-review-completed"))
                .allSatisfy(row -> assertThat((String) row.get("body_text"))
                        .contains("Confirmed: 1")
                        .contains("Revoked by the reviewer: 1")
                        .contains(": 1\n"));

        JsonNode closed = access.read(access.call("it", HttpMethod.GET, "/api/access-reviews/" + review, null));
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("confirmed").asInt()).isEqualTo(1);
        assertThat(closed.path("revoked").asInt()).isEqualTo(1);
        assertThat(closed.path("revokedAtDeadline").asInt()).isEqualTo(1);

        JsonNode evidence =
                access.read(access.call("isec", HttpMethod.GET, "/api/access-reviews/" + review + "/evidence", null));
        assertThat(evidence).hasSize(3);
        assertThat(evidence.findValuesAsText("rightReference"))
                .containsExactlyInAnyOrder(confirmed, revokedByOwner, unanswered)
                .doesNotContain(stillRequested);
        Map<String, JsonNode> byRight = new java.util.HashMap<>();
        evidence.forEach(row -> byRight.put(row.path("rightReference").asText(), row));
        assertThat(byRight.get(confirmed).path("decision").asText()).isEqualTo("CONFIRMED");
        assertThat(byRight.get(confirmed).path("decidedBy").asText()).isEqualTo("isec");
        assertThat(byRight.get(confirmed).path("decidedAt").asText())
                .isEqualTo(TUESDAY_MORNING.plus(Duration.ofDays(1)).toString());
        assertThat(byRight.get(revokedByOwner).path("decision").asText()).isEqualTo("REVOKED");
        assertThat(byRight.get(revokedByOwner).path("reviewer").asText()).isEqualTo("dc-head");
        assertThat(byRight.get(revokedByOwner).path("comment").asText()).isEqualTo("Left the project");
        assertThat(byRight.get(unanswered).path("decision").asText()).isEqualTo("REVOKED_AT_DEADLINE");
        assertThat(byRight.get(unanswered).path("automatic").asBoolean()).isTrue();
        assertThat(byRight.get(unanswered).path("decidedBy").asText(null)).isNull();

        ResponseEntity<String> csv =
                access.call("isec", HttpMethod.GET, "/api/access-reviews/" + review + "/evidence.csv", null);
        assertThat(csv.getStatusCode().value()).isEqualTo(200);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        String[] lines = csv.getBody().split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("review,right,grantee,asset,permission,reviewer,decision,automatic");
        assertThat(csv.getBody())
                .contains(review + "," + unanswered + ",cse,Firewall,administrator,isec,REVOKED_AT_DEADLINE,true,,")
                .contains(revokedByOwner + ",cse,SAP PRD,read-only,dc-head,REVOKED,false,dc-head,");

        // IT removes both; the register keeps why
        access.complete(itTask, "it", Map.of("removed", true));
        access.complete(access.task(revokedByOwner, AccessRightProcess.TASK_REVOKE), "it", Map.of("removed", true));
        assertThat(access.row(unanswered).get("status")).isEqualTo("REVOKED");
        assertThat(access.row(revokedByOwner).get("status")).isEqualTo("REVOKED");
        assertThat(access.row(confirmed).get("status")).isEqualTo("ACTIVE");
        access.runDueJobs(unanswered);
        access.runDueJobs(revokedByOwner);
        assertThat(access.outbox(unanswered, "access-right-revoked"))
                .isNotEmpty()
                .allSatisfy(row -> assertThat((String) row.get("body_text"))
                        .contains("Not confirmed in access review " + review + " by its deadline"));
        assertThat(access.ended(unanswered)).isTrue();
        assertThat(access.ended(revokedByOwner)).isTrue();
    }

    @Test
    void theScheduleReviewsAClientOncePerCycleAndAReviewWithoutRightsClosesAtOnce() {
        String right = access.request("csm", AccessFixtures.body(client, "cse", "Jump host", "ssh"));
        access.approveAndProvide(right, "isec");
        assertThat(schedule.openDueReviews(TUESDAY_MORNING))
                .filteredOn(this::ofClient)
                .hasSize(1);
        String review = jdbc.queryForObject(
                "SELECT reference FROM access_review WHERE client_reference = ?", String.class, client);
        // open: not again
        assertThat(schedule.openDueReviews(TUESDAY_MORNING))
                .filteredOn(this::ofClient)
                .isEmpty();
        access.complete(reviewTask(review, right), "isec", Map.of(DECISION.name(), "confirm"));
        access.runDueJobs(review);
        assertThat(access.ended(review)).isTrue();
        // closed: the next one is due a quarter after it opened
        Instant nextQuarter = java.time.ZonedDateTime.ofInstant(TUESDAY_MORNING, java.time.ZoneOffset.UTC)
                .plusMonths(3)
                .toInstant();
        assertThat(schedule.openDueReviews(nextQuarter.minusSeconds(60)))
                .filteredOn(this::ofClient)
                .isEmpty();
        ClockUtil.setCurrentTime(Date.from(nextQuarter));
        assertThat(schedule.openDueReviews(nextQuarter))
                .filteredOn(this::ofClient)
                .hasSize(1);

        // a client with no active rights: the review is evidence that there was nothing to review
        String empty = access.newClient();
        engine.getIdentityService().clearAuthentication();
        access.authenticate("isec");
        String emptyReview;
        try {
            emptyReview = engine.getRuntimeService()
                    .startProcessInstanceByKey(KEY, Map.of("clientReference", empty))
                    .getBusinessKey();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        access.runDueJobs(emptyReview);
        assertThat(access.ended(emptyReview)).isTrue();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM access_review WHERE reference = ?", emptyReview);
        assertThat(row.get("status")).isEqualTo("CLOSED");
        assertThat(row.get("rights_reviewed")).isEqualTo(0);
        assertThat(row.get("opened_by")).isEqualTo("isec");
    }

    private boolean ofClient(String review) {
        return client.equals(jdbc.queryForObject(
                "SELECT client_reference FROM access_review WHERE reference = ?", String.class, review));
    }

    private Task reviewTask(String review, String right) {
        return access.tasks(review).stream()
                .filter(task -> right.equals(engine.getTaskService().getVariable(task.getId(), RIGHT.name())))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no review task for " + right + " in " + review));
    }
}
