package com.csmflow.servicerequest;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The registers of issue 17 that have a life of their own, through {@code /api} as the demo users and
 * a service of their own: training records per person (personal data: the person, CM, HR, HRDC, the
 * SM and DM of the person's services) and the action register (individual actions personal like the
 * individual assessment they come from). The process side is in {@link ServiceRequestProcessTest}.
 */
@CsmFlowTest
class ServiceRegistersApiTest {

    /** The SM of the test's service: manages nothing else, so what it sees comes from this service only. */
    private static final String SM = "reg-test-sm";
    /** In the test's service only. */
    private static final String MEMBER = "reg-test-member";

    private static final String SERVICE = "SVC-REG-TEST";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    IdentityService identityService;

    @Autowired
    ManagedServiceRepository services;

    @Autowired
    TeamMemberRepository members;

    @Autowired
    ServiceActionRepository actions;

    @Autowired
    WorkRecordRepository workRecords;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void fixtures() {
        createUser(SM, "service-manager");
        createUser(MEMBER, "cse");
        Instant now = Instant.parse("2026-06-01T07:00:00Z");
        if (services.findByReference(SERVICE).isEmpty()) {
            services.save(new ManagedService(
                    SERVICE,
                    "ALPENWERK",
                    "SRQ-REG-TEST",
                    "Register test service",
                    SM,
                    "delivery-manager",
                    "fixed-price",
                    "Registers",
                    null,
                    null,
                    LocalDate.of(2026, 6, 1),
                    LocalDate.of(2027, 5, 31),
                    Map.of(
                            ServiceRequestProcess.STAFFING_FOLLOW_UP_CYCLE.name(), "P1M",
                            ServiceRequestProcess.GOVERNANCE_CYCLE.name(), "P1M",
                            ServiceRequestProcess.TEAM_ASSESSMENT_CYCLE.name(), "P3M",
                            ServiceRequestProcess.INDIVIDUAL_ASSESSMENT_CYCLE.name(), "P6M"),
                    now,
                    null));
            members.save(new TeamMember(SERVICE, MEMBER, "engineer", 50, now));
        }
    }

    @Test
    void trainingRecordsAreRecordedByTheKeepersAndReadOnlyByThoseWhoMay() throws Exception {
        Map<String, Object> awareness = training(MEMBER, "Security awareness 2026", "INFOSEC_AWARENESS");
        awareness.put("validUntil", "2027-03-31");
        awareness.put("evidence", "LMS certificate 4711");
        awareness.put("serviceReference", SERVICE);
        // a CSM records nobody's trainings; the SM of another person's service neither (row check)
        assertThat(post("csm", "/api/training-records", awareness).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("service-manager", "/api/training-records", awareness).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> created = post("hrdc", "/api/training-records", awareness);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode record = json.readTree(created.getBody());
        assertThat(record.path("reference").asText()).startsWith("TRN-");
        assertThat(record.path("recordedBy").asText()).isEqualTo("hrdc");
        String one = "/api/training-records/" + record.path("reference").asText();
        assertThat(created.getHeaders().getLocation()).hasToString(one);
        assertThat(get(MEMBER, one).get(0).path("evidence").asText()).isEqualTo("LMS certificate 4711");
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity(one, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        // the SM of the member's service records for the team
        Map<String, Object> skill = training(MEMBER, "Kubernetes operations", "SKILL");
        skill.put("validUntil", "2026-09-30");
        assertThat(post(SM, "/api/training-records", skill).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        String mine = "/api/training-records?userId=" + MEMBER;
        // the person, their SM, CM, HR and HRDC read them; a CSM and an SM of other services do not
        for (String reader : List.of(MEMBER, SM, "competence-manager", "hr", "hrdc")) {
            assertThat(get(reader, mine)).as(reader).hasSize(2);
        }
        for (String outsider : List.of("csm", "service-manager", "it", "dc-head")) {
            assertThat(get(outsider, mine)).as(outsider).isEmpty();
        }
        // filters: kind, service, expiring before; paging with the total
        assertThat(get("hr", mine + "&kind=SKILL"))
                .singleElement()
                .satisfies(r -> assertThat(r.path("course").asText()).isEqualTo("Kubernetes operations"));
        assertThat(get("hr", mine + "&serviceReference=" + SERVICE)).hasSize(1);
        assertThat(get("hr", mine + "&expiringBefore=2026-12-31"))
                .singleElement()
                .satisfies(r -> assertThat(r.path("validUntil").asText()).isEqualTo("2026-09-30"));
        ResponseEntity<String> page = rest.withBasicAuth("hr", "hr").getForEntity(mine + "&size=1", String.class);
        assertThat(page.getHeaders().getFirst("X-Total-Count")).isEqualTo("2");
        assertThat(json.readTree(page.getBody())).hasSize(1);
    }

    @Test
    void badTrainingRecordsAreA400NamingTheField() throws Exception {
        Map<String, Object> body = training(MEMBER, "Course", "SKILL");
        body.remove("course");
        assertBadField(post("hr", "/api/training-records", body), "course");
        body = training("no-such-person", "Course", "SKILL");
        assertBadField(post("hr", "/api/training-records", body), "userId");
        body = training(MEMBER, "Course", "JUGGLING");
        assertBadField(post("hr", "/api/training-records", body), "kind");
        body = training(MEMBER, "Course", "SKILL");
        body.put("validUntil", "2020-01-01");
        assertBadField(post("hr", "/api/training-records", body), "validUntil");
        body = training(MEMBER, "Course", "SKILL");
        body.put("completedOn", "2999-01-01");
        assertBadField(post("hr", "/api/training-records", body), "completedOn");
        body = training(MEMBER, "Course", "SKILL");
        body.put("serviceReference", "SVC-NONE");
        assertBadField(post("hr", "/api/training-records", body), "serviceReference");
        assertBadField(
                rest.withBasicAuth("hr", "hr").getForEntity("/api/training-records?expiringBefore=soon", String.class),
                "expiringBefore");
    }

    @Test
    void aCsmCannotReadAnIndividualAssessmentNorAnIndividualAction() throws Exception {
        String task = "reg-test-task-" + System.nanoTime();
        workRecords.save(new WorkRecord(
                SERVICE,
                WorkKind.INDIVIDUAL_ASSESSMENT,
                MEMBER,
                "Misses the review deadlines",
                null,
                "Time management course",
                "competence-manager",
                Instant.parse("2026-06-01T07:00:00Z"),
                task,
                null));
        ServiceAction personal = actions.save(action(ActionPlan.INDIVIDUAL, MEMBER, "Time management course", task, 0));
        ServiceAction team = actions.save(action(ActionPlan.TEAM, null, "Weekly demo", task, 1));

        // the assessment: refused when asked for by kind, left out of the service's records
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/api/services/" + SERVICE + "/records?kind=INDIVIDUAL_ASSESSMENT", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("csm", "/api/services/" + SERVICE + "/records"))
                .noneMatch(r -> r.path("content").asText().contains("review deadlines"));
        // the individual action: refused by reference, left out of lists; the team's action is for all staff
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/api/service-actions/" + personal.getReference(), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("csm", "/api/service-actions?service=" + SERVICE))
                .extracting(a -> a.path("reference").asText())
                .containsExactly(team.getReference());
        assertThat(get("service-manager", "/api/service-actions?service=" + SERVICE + "&plan=INDIVIDUAL"))
                .as("an SM of other services")
                .isEmpty();
        // the service's SM and the competence manager read both
        for (String reader : List.of(SM, "competence-manager")) {
            assertThat(get(reader, "/api/service-actions/" + personal.getReference())
                            .get(0)
                            .path("description")
                            .asText())
                    .isEqualTo("Time management course");
            assertThat(get(reader, "/api/services/" + SERVICE + "/records?kind=INDIVIDUAL_ASSESSMENT"))
                    .anyMatch(r -> r.path("content").asText().contains("review deadlines"));
        }
    }

    @Test
    void anActionIsFollowedUpByItsOwnerOrTheServiceManagersUntilDone() throws Exception {
        String task = "reg-test-follow-" + System.nanoTime();
        ServiceAction action = actions.save(action(ActionPlan.GOVERNANCE, null, "Monthly client report", task, 0));
        String path = "/api/service-actions/" + action.getReference() + "/follow-ups";
        assertThat(post("csm", path, Map.of("report", "not mine", "done", true)).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertBadField(post(SM, path, Map.of("done", true)), "report");
        ResponseEntity<String> followed = post(MEMBER, path, Map.of("report", "Draft sent", "done", false));
        assertThat(followed.getStatusCode()).as(followed.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(followed.getBody()).path("status").asText()).isEqualTo("OPEN");
        assertThat(get("csm", "/api/service-actions?service=" + SERVICE + "&status=OPEN&plan=GOVERNANCE"))
                .anyMatch(a -> a.path("reference").asText().equals(action.getReference()));
        JsonNode done = json.readTree(post(SM, path, Map.of("report", "Report accepted", "done", true))
                .getBody());
        assertThat(done.path("status").asText()).isEqualTo("DONE");
        assertThat(done.path("followUp").asText()).contains("Draft sent").contains("Report accepted");
        assertThat(post(SM, path, Map.of("report", "again", "done", true)).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertBadField(
                rest.withBasicAuth("csm", "csm").getForEntity("/api/service-actions?status=LATE", String.class),
                "status");
    }

    private ServiceAction action(ActionPlan plan, String subject, String description, String task, int line) {
        return new ServiceAction(
                "ACT-T-" + Long.toHexString(System.nanoTime()),
                SERVICE,
                plan,
                subject,
                description,
                MEMBER,
                LocalDate.of(2026, 7, 1),
                Instant.parse("2026-06-01T07:00:00Z"),
                task,
                line,
                null);
    }

    private static Map<String, Object> training(String user, String course, String kind) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", user);
        body.put("course", course);
        body.put("kind", kind);
        body.put("completedOn", "2026-03-01");
        return body;
    }

    private ResponseEntity<String> post(String user, String path, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user).postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }

    private List<JsonNode> get(String user, String path) throws Exception {
        ResponseEntity<String> response = rest.withBasicAuth(user, user).getForEntity(path, String.class);
        assertThat(response.getStatusCode())
                .as(user + " " + path + ": " + response.getBody())
                .isEqualTo(HttpStatus.OK);
        List<JsonNode> rows = new ArrayList<>();
        JsonNode body = json.readTree(response.getBody());
        if (body.isArray()) {
            body.forEach(rows::add);
        } else {
            rows.add(body);
        }
        return rows;
    }

    private void assertBadField(ResponseEntity<String> response, String field) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        List<String> fields = new ArrayList<>();
        json.readTree(response.getBody())
                .path("errors")
                .forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).as(response.getBody()).contains(field);
    }

    private void createUser(String id, String... groups) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setFirstName("Test");
            user.setLastName(id);
            user.setEmail(id + "@test.csmflow.example");
            user.setPassword(id);
            ((IdentityServiceImpl) identityService).saveUser(user, true);
        }
        for (String group : groups) {
            if (identityService
                            .createUserQuery()
                            .userId(id)
                            .memberOfGroup(group)
                            .count()
                    == 0) {
                identityService.createMembership(id, group);
            }
        }
    }
}
