package com.csmflow.change;

import static com.csmflow.change.ChangeProcess.CAB_AGENDA;
import static com.csmflow.change.ChangeProcess.CAB_DECISION_CLOCK;
import static com.csmflow.change.ChangeProcess.CAB_MEETING_AT;
import static com.csmflow.change.ChangeProcess.CAB_MEMBERS;
import static com.csmflow.change.ChangeProcess.IMPACTED_SERVICES;
import static com.csmflow.change.ChangeProcess.IMPLEMENTATION_NOTES;
import static com.csmflow.change.ChangeProcess.IMPLEMENTATION_RESULT;
import static com.csmflow.change.ChangeProcess.PIR_OUTCOME;
import static com.csmflow.change.ChangeProcess.REVIEW_NOTES;
import static com.csmflow.change.ChangeProcess.TASK_CAB_VOTE;
import static com.csmflow.change.ChangeProcess.TASK_IMPLEMENT_CHANGE;
import static com.csmflow.change.ChangeProcess.TASK_POST_IMPLEMENTATION_REVIEW;
import static com.csmflow.change.ChangeProcess.TASK_PREPARE_CAB;
import static com.csmflow.change.ChangeProcess.TASK_SCHEDULE_CHANGE;
import static com.csmflow.change.ChangeProcess.TASK_SEND_MAINTENANCE_NOTICE;
import static com.csmflow.change.ChangeProcess.TASK_TECHNICAL_REVIEW;
import static com.csmflow.change.ChangeProcess.TIMER_NOTICE_DUE;
import static com.csmflow.change.ChangeProcess.VOTE;
import static com.csmflow.change.ChangeProcess.VOTE_COMMENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.TestServers;
import com.csmflow.notification.DeliveryJobs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A change raised through {@code POST /api/changes} and worked through the engine REST API by the demo
 * users of the right groups, on embedded PostgreSQL with mail to GreenMail: register row, votes, SLA
 * clocks, the maintenance notice at the right instant, and the 403 of a user outside the CAB.
 */
@CsmFlowTest
class ChangeApiTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Monday 1 June 2026 09:00 in Munich; Thursday 4 June is Corpus Christi (holiday in Bavaria). */
    private static final Instant MONDAY_MORNING =
            ZonedDateTime.of(2026, 6, 1, 9, 0, 0, 0, BERLIN).toInstant();

    private static final String SECOND_MEMBER = "cab-api-1";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ManagementService managementService;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    IdentityService identityService;

    @Autowired
    JdbcTemplate jdbc;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING));
        if (identityService.createUserQuery().userId(SECOND_MEMBER).count() == 0) {
            User user = identityService.newUser(SECOND_MEMBER);
            user.setFirstName("Second");
            user.setLastName("CAB member");
            user.setEmail(SECOND_MEMBER + "@test.csmflow.example");
            user.setPassword(SECOND_MEMBER);
            // a fixture like the demo users (password = id), so outside the password policy
            ((IdentityServiceImpl) identityService).saveUser(user, true);
            identityService.createMembership(SECOND_MEMBER, "cab");
        }
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        identityService.deleteUser(SECOND_MEMBER);
    }

    @Test
    void aChangeRaisedThroughTheApiIsWorkedByTheRightRolesAndTheClientIsNoticedInItsBusinessDays() throws Exception {
        // Saturday 6 June 02:00-04:00 Munich time, as the client's system sends it (UTC)
        ZonedDateTime window = ZonedDateTime.of(2026, 6, 6, 2, 0, 0, 0, BERLIN);
        ResponseEntity<String> created = post("csm", body(window, "medium", "low"));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode change = json.readTree(created.getBody());
        String reference = change.path("reference").asText();
        assertThat(reference).matches("CHG-2026-\\d{4,}");
        assertThat(created.getHeaders().getLocation()).hasToString("/api/changes/" + reference);
        assertThat(change.path("status").asText()).isEqualTo("CLASSIFIED");
        assertThat(change.path("changeClass").asText()).isEqualTo("normal");
        assertThat(change.path("approvalRule").asText()).isEqualTo("majority");
        assertThat(change.path("priority").asText()).isEqualTo("P3");
        assertThat(change.path("raisedBy").asText()).isEqualTo("csm");
        // beside it, the mail telling the client its change is received may still be on its way
        assertThat(steps(change)).contains(TASK_PREPARE_CAB).isSubsetOf(TASK_PREPARE_CAB, "Task_TellClientReceived");
        String processInstanceId = change.path("processInstanceId").asText();
        // the services travel as a list, not as comma-joined text
        assertThat(runtimeService.getVariable(processInstanceId, IMPACTED_SERVICES.name()))
                .isEqualTo(List.of("Networking", "Remote access"));
        assertThat(change.path("impactedServices").asText()).isEqualTo("Networking, Remote access");

        // CSM prepares the CAB with two voting members
        complete(
                "csm",
                taskId("csm", processInstanceId, TASK_PREPARE_CAB, null),
                Map.of(
                        CAB_AGENDA.name(),
                        "Replace the firewall cluster",
                        CAB_MEMBERS.name(),
                        "cab," + SECOND_MEMBER,
                        CAB_MEETING_AT.name(),
                        "2026-06-01T14:00+02:00"));
        runJobs(reference);
        change = get("csm", reference);
        assertThat(change.path("status").asText()).isEqualTo("IN_CAB");
        assertThat(clock(change, CAB_DECISION_CLOCK).path("state").asText()).isEqualTo("RUNNING");
        assertThat(steps(change)).containsExactly(TASK_CAB_VOTE);

        // an engineer (group cse) may not cast a CAB member's vote
        String cabVote = taskId("cab", processInstanceId, TASK_CAB_VOTE, "cab");
        assertThat(completeStatus("cse", cabVote, Map.of(VOTE.name(), "approve")))
                .isEqualTo(HttpStatus.FORBIDDEN);
        // nor may another CAB member cast it: each vote task belongs to its assignee alone
        assertThat(completeStatus(SECOND_MEMBER, cabVote, Map.of(VOTE.name(), "reject")))
                .isEqualTo(HttpStatus.FORBIDDEN);

        complete("cab", cabVote, Map.of(VOTE.name(), "approve", VOTE_COMMENT.name(), "Tested in staging"));
        complete(
                SECOND_MEMBER,
                taskId(SECOND_MEMBER, processInstanceId, TASK_CAB_VOTE, SECOND_MEMBER),
                Map.of(VOTE.name(), "approve", VOTE_COMMENT.name(), "Rollback plan reviewed"));
        change = get("service-manager", reference);
        assertThat(change.path("status").asText()).isEqualTo("APPROVED");
        assertThat(change.path("cabDecision").asText()).isEqualTo("APPROVED");
        List<String> votes = new ArrayList<>();
        change.path("votes")
                .forEach(vote -> votes.add(
                        vote.path("voter").asText() + ":" + vote.path("vote").asText() + ":"
                                + vote.path("comment").asText()));
        assertThat(votes)
                .containsExactly("cab:approve:Tested in staging", SECOND_MEMBER + ":approve:Rollback plan reviewed");
        assertThat(clock(change, CAB_DECISION_CLOCK).path("state").asText()).isEqualTo("MET");
        // beside it, the mail telling the client its change is approved may still be on its way
        assertThat(steps(change))
                .contains(TASK_SCHEDULE_CHANGE)
                .isSubsetOf(TASK_SCHEDULE_CHANGE, "Task_TellClientApproved");
        runJobs(reference); // that mail

        // CSM confirms the window; the notice is planned 3 business days (Standard P3) before it, in Munich
        complete("csm", taskId("csm", processInstanceId, TASK_SCHEDULE_CHANGE, null), Map.of());
        change = get("csm", reference);
        Instant noticeAt = Instant.parse(change.path("noticeAt").asText());
        ZonedDateTime noticeLocal = noticeAt.atZone(BERLIN);
        assertThat(noticeLocal).isEqualTo(ZonedDateTime.of(2026, 6, 2, 8, 0, 0, 0, BERLIN));
        assertThat(noticeLocal.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY); // Fri, (Thu holiday), Wed, Tue
        assertThat(steps(change)).containsExactly(TIMER_NOTICE_DUE);

        ClockUtil.setCurrentTime(Date.from(noticeAt.minusSeconds(60)));
        runJobs(reference);
        assertThat(noticeMails(reference)).isEmpty();
        ClockUtil.setCurrentTime(Date.from(noticeAt));
        // the notice timer fires; sending waits for the job executor, and the change shows that step
        managementService.executeJob(managementService
                .createJobQuery()
                .processInstanceId(processInstanceId)
                .timers()
                .executable()
                .singleResult()
                .getId());
        assertThat(steps(get("csm", reference))).containsExactly(TASK_SEND_MAINTENANCE_NOTICE);
        runJobs(reference);
        List<MimeMessage> notices = noticeMails(reference);
        List<String> recipients = new ArrayList<>();
        for (MimeMessage notice : notices) {
            for (Address address : notice.getAllRecipients()) {
                recipients.add(address.toString());
            }
            // the client's language, its zone, the zone named: never ISO text
            assertThat(notice.getSubject()).startsWith("Geplante Wartung Sa., 6. Juni 2026, 02:00 MESZ");
        }
        assertThat(recipients).containsExactlyInAnyOrder("k.huber@alpenwerk.example", "f.wimmer@alpenwerk.example");
        JsonNode outbox = json.readTree(rest.withBasicAuth("csm", "csm")
                .getForEntity("/api/notifications?businessKey=" + reference, String.class)
                .getBody());
        List<String> noticeSentAt = new ArrayList<>();
        outbox.forEach(row -> {
            if ("change-maintenance-notice".equals(row.path("template").asText())) {
                noticeSentAt.add(row.path("sentAt").asText());
            }
        });
        assertThat(noticeSentAt)
                .isNotEmpty()
                .allSatisfy(sentAt -> assertThat(Instant.parse(sentAt)).isEqualTo(noticeAt));
        assertThat(Instant.parse(get("csm", reference).path("noticeSentAt").asText()))
                .isEqualTo(noticeAt);

        // the window opens: the engineer implements and reviews, the CSM holds the review
        ClockUtil.setCurrentTime(Date.from(window.toInstant()));
        runJobs(reference);
        complete(
                "cse",
                taskId("cse", processInstanceId, TASK_IMPLEMENT_CHANGE, null),
                Map.of(
                        IMPLEMENTATION_RESULT.name(),
                        "success",
                        IMPLEMENTATION_NOTES.name(),
                        "Cluster replaced, failover tested"));
        complete(
                "cse",
                taskId("cse", processInstanceId, TASK_TECHNICAL_REVIEW, null),
                Map.of(REVIEW_NOTES.name(), "ok"));
        runJobs(reference);
        complete(
                "csm",
                taskId("csm", processInstanceId, TASK_POST_IMPLEMENTATION_REVIEW, null),
                Map.of(PIR_OUTCOME.name(), "achieved"));

        change = get("csm", reference);
        assertThat(change.path("status").asText()).isEqualTo("CLOSED");
        assertThat(change.path("implementationResult").asText()).isEqualTo("SUCCESS");
        assertThat(change.path("currentSteps")).isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM register_entry WHERE register = 'billing-record' "
                                + "AND business_key = ?",
                        Integer.class,
                        reference))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM register_audit WHERE register = 'change' AND reference = ?",
                        Integer.class,
                        reference))
                .isGreaterThanOrEqualTo(8);

        JsonNode closed = json.readTree(rest.withBasicAuth("cse", "cse")
                .getForEntity(
                        "/api/changes?client=ALPENWERK&status=CLOSED&windowFrom=2026-06-05T00:00:00Z&windowTo=2026-06-07T00:00:00Z",
                        String.class)
                .getBody());
        List<String> references = new ArrayList<>();
        closed.forEach(row -> references.add(row.path("reference").asText()));
        assertThat(references).contains(reference);
    }

    @Test
    void badRequestsNameTheFieldAndWriteNothing() throws Exception {
        ZonedDateTime window = ZonedDateTime.of(2026, 6, 6, 2, 0, 0, 0, BERLIN);
        Integer before = jdbc.queryForObject("SELECT COUNT(*) FROM change_request", Integer.class);

        Map<String, Object> noTitle = body(window, "low", "low");
        noTitle.remove("title");
        assertBadField(post("csm", noTitle), "title");

        Map<String, Object> badType = body(window, "low", "low");
        badType.put("requestedType", "urgent");
        assertBadField(post("csm", badType), "requestedType");

        Map<String, Object> unknownClient = body(window, "low", "low");
        unknownClient.put("clientReference", "NOBODY");
        assertBadField(post("csm", unknownClient), "clientReference");

        Map<String, Object> backwards = body(window, "low", "low");
        backwards.put("windowEnd", window.minusHours(1).toOffsetDateTime().toString());
        assertBadField(post("csm", backwards), "windowEnd");

        Map<String, Object> past = body(ZonedDateTime.of(2026, 5, 1, 2, 0, 0, 0, BERLIN), "low", "low");
        assertBadField(post("csm", past), "windowStart");

        Map<String, Object> badDate = body(window, "low", "low");
        badDate.put("windowStart", "next saturday");
        assertBadField(post("csm", badDate), "windowStart");

        assertThat(post("cab", body(window, "low", "low")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM change_request", Integer.class))
                .isEqualTo(before);
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/api/changes/CHG-1999-0001", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertBadField(
                rest.withBasicAuth("csm", "csm").getForEntity("/api/changes?status=DONE", String.class), "status");
    }

    @Test
    void theClientApprovalNamesItsBadFieldAndAnswersOnlyAChangeAtTheAdvisoryBoard() throws Exception {
        ResponseEntity<String> created =
                post("csm", body(ZonedDateTime.of(2026, 6, 6, 2, 0, 0, 0, BERLIN), "medium", "low"));
        String reference = json.readTree(created.getBody()).path("reference").asText();

        assertBadField(clientApproval("csm", reference, Map.of("representative", "J. Miller")), "approved");
        assertBadField(clientApproval("csm", reference, Map.of("approved", true)), "representative");
        // the change waits for its CAB, not for the client
        assertThat(clientApproval("csm", reference, Map.of("approved", true, "representative", "J. Miller"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(clientApproval("csm", "CHG-1999-0001", Map.of("approved", true, "representative", "J. Miller"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(clientApproval("cab", reference, Map.of("approved", true, "representative", "J. Miller"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(jdbc.queryForObject(
                        "SELECT status FROM change_request WHERE reference = ?", String.class, reference))
                .isEqualTo("CLASSIFIED");
    }

    // ------------------------------------------------------------------ helpers

    private ResponseEntity<String> clientApproval(String user, String reference, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user)
                .postForEntity(
                        "/api/changes/" + reference + "/client-approval",
                        new HttpEntity<>(body, headers),
                        String.class);
    }

    /** Issue 14: a CAB member outside group cab was a 500; now a 400 naming the field, on both ways in. */
    @Test
    void namingSomeoneOutsideTheCabIsRefusedWithA400ThatNamesTheFieldAndTheTaskStaysOpen() throws Exception {
        ResponseEntity<String> created =
                post("csm", body(ZonedDateTime.of(2026, 6, 6, 2, 0, 0, 0, BERLIN), "medium", "low"));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode change = json.readTree(created.getBody());
        String processInstanceId = change.path("processInstanceId").asText();
        String prepare = taskId("csm", processInstanceId, TASK_PREPARE_CAB, null);
        Map<String, Object> outsider = Map.of(
                "variables",
                Map.of(CAB_AGENDA.name(), Map.of("value", "Firewall"), CAB_MEMBERS.name(), Map.of("value", "cab,cse")));

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> engineRest = rest.withBasicAuth("csm", "csm")
                .exchange(
                        "/engine-rest/task/" + prepare + "/complete",
                        HttpMethod.POST,
                        new HttpEntity<>(outsider, headers),
                        String.class);
        ResponseEntity<String> tasklist = rest.exchange(
                "/camunda/api/engine/engine/default/task/" + prepare + "/submit-form",
                HttpMethod.POST,
                new HttpEntity<>(outsider, com.csmflow.harness.WebappLogin.apiHeaders(rest, "tasklist", "csm", "csm")),
                String.class);
        for (ResponseEntity<String> refused : List.of(engineRest, tasklist)) {
            assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
            // Tasklist's path prefixes "Cannot submit task form <id>: "
            assertThat(json.readTree(refused.getBody()).path("message").asText())
                    .endsWith("cabMembers: 'cse' is not a member of the CAB (group cab)");
        }
        assertThat(taskId("csm", processInstanceId, TASK_PREPARE_CAB, null)).isEqualTo(prepare);
        assertThat(get("csm", change.path("reference").asText()).path("status").asText())
                .isEqualTo("CLASSIFIED");

        complete("csm", prepare, Map.of(CAB_AGENDA.name(), "Firewall", CAB_MEMBERS.name(), "cab"));
        assertThat(get("csm", change.path("reference").asText()).path("status").asText())
                .isEqualTo("IN_CAB");
        runtimeService.deleteProcessInstance(processInstanceId, "test done");
    }

    private Map<String, Object> body(ZonedDateTime window, String impact, String urgency) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientReference", "ALPENWERK");
        body.put("title", "Replace firewall cluster");
        body.put("description", "End-of-life hardware");
        body.put("requestedType", "normal");
        body.put("nonStandard", false);
        body.put("impactedServices", List.of("Networking", "Remote access"));
        body.put("windowStart", window.toInstant().toString());
        body.put("windowEnd", window.plusHours(2).toInstant().toString());
        body.put("urgency", urgency);
        body.put("impact", impact);
        body.put("billable", true);
        body.put("requesterEmail", "it@alpenwerk.example");
        return body;
    }

    private ResponseEntity<String> post(String user, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user)
                .postForEntity("/api/changes", new HttpEntity<>(body, headers), String.class);
    }

    private JsonNode get(String user, String reference) throws Exception {
        ResponseEntity<String> response =
                rest.withBasicAuth(user, user).getForEntity("/api/changes/" + reference, String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    private void assertBadField(ResponseEntity<String> response, String field) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        List<String> fields = new ArrayList<>();
        json.readTree(response.getBody())
                .path("errors")
                .forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).as(response.getBody()).contains(field);
    }

    private String taskId(String user, String processInstanceId, String definitionKey, String assignee)
            throws Exception {
        String url = "/engine-rest/task?processInstanceId=" + processInstanceId + "&taskDefinitionKey=" + definitionKey
                + (assignee == null ? "" : "&assignee=" + assignee);
        JsonNode tasks = json.readTree(
                rest.withBasicAuth(user, user).getForEntity(url, String.class).getBody());
        assertThat(tasks).as("tasks %s visible to %s", definitionKey, user).hasSize(1);
        return tasks.get(0).path("id").asText();
    }

    private void complete(String user, String taskId, Map<String, Object> variables) {
        assertThat(completeStatus(user, taskId, variables)).isEqualTo(HttpStatus.NO_CONTENT);
    }

    private HttpStatus completeStatus(String user, String taskId, Map<String, Object> variables) {
        Map<String, Object> typed = new LinkedHashMap<>();
        variables.forEach((name, value) -> typed.put(name, Map.of("value", value)));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = rest.withBasicAuth(user, user)
                .exchange(
                        "/engine-rest/task/" + taskId + "/complete",
                        HttpMethod.POST,
                        new HttpEntity<>(Map.of("variables", typed), headers),
                        String.class);
        return HttpStatus.valueOf(response.getStatusCode().value());
    }

    /** Due jobs of the change and of its notification deliveries (same business key). */
    private void runJobs(String businessKey) {
        for (int round = 0; round < 50; round++) {
            List<Job> due = new ArrayList<>();
            for (ProcessInstance instance : runtimeService
                    .createProcessInstanceQuery()
                    .processInstanceBusinessKey(businessKey)
                    .list()) {
                due.addAll(managementService
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .executable()
                        .list());
            }
            due.addAll(DeliveryJobs.of(managementService, businessKey));
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> managementService.executeJob(job.getId()));
        }
        throw new IllegalStateException("Jobs keep coming for " + businessKey);
    }

    /**
     * The notices of this change: its reference is unique, so no "mails since" index is needed (GreenMail
     * lists messages per mailbox, not in arrival order, so such an index breaks once other tests mailed
     * the same contacts).
     */
    private List<MimeMessage> noticeMails(String reference) throws Exception {
        List<MimeMessage> notices = new ArrayList<>();
        for (MimeMessage mail : TestServers.mail().getReceivedMessages()) {
            if (mail.getSubject().contains(reference) && mail.getSubject().startsWith("Geplante Wartung")) {
                notices.add(mail);
            }
        }
        return notices;
    }

    private static List<String> steps(JsonNode change) {
        List<String> steps = new ArrayList<>();
        change.path("currentSteps")
                .forEach(step -> steps.add(step.path("activityId").asText()));
        return steps;
    }

    private static JsonNode clock(JsonNode change, String name) {
        for (JsonNode clock : change.path("clocks")) {
            if (name.equals(clock.path("clockName").asText())) {
                return clock;
            }
        }
        throw new AssertionError("No clock " + name + " in " + change);
    }
}
