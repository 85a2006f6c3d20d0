package com.csmflow.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Issue 18's evidence as one story, through the REST API only (the domain API under {@code /api} and the
 * engine REST API Tasklist uses), on embedded PostgreSQL: a client with a signed contract is onboarded and
 * its tasks are worked through; the CSE registers the client's configuration items while setting up the
 * CMDB and their device count decides the hour tier now on the contract; a change names one of the items
 * and its CMDB step updates it; staff book time on the tasks and through {@code /api/time-entries}; the
 * month's hours ledger shows what was used against the tier's hours, the warnings and the overage.
 * The engine's clock is moved (same JVM) so that the change's notice and window timers come due.
 */
@CsmFlowTest
class ClientOnboardingStoryApiTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Monday 1 June 2026, 09:00 in London. */
    private static final Instant MONDAY =
            ZonedDateTime.of(2026, 6, 1, 9, 0, 0, 0, LONDON).toInstant();

    private static final DateTimeFormatter ENGINE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(MONDAY));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void contractOnboardingCmdbChangeTimeAndTheMonthsLedger() throws Exception {
        // --- the contract: a client with its signed contract, 10 h a month for now, overage at 150 an hour
        String client = newClient();
        JsonNode contract = contractOf(client);
        assertThat(contract.path("contractedHoursPerMonth").asInt()).isEqualTo(10);

        // --- onboarding started: 12,000 a month, one technology group, 300 devices as the sales team counted
        ResponseEntity<String> started = post(
                "csm",
                "/api/clients/" + client + "/onboarding",
                Map.of("monthlySpend", 12_000, "technologyGroups", 1, "deviceCount", 300));
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.CREATED);
        String onboarding = read(started).path("reference").asText();
        assertThat(onboarding).matches("ONB-2026-\\d{4,}");

        // kick-off by the client's CSM, an hour booked on the task
        JsonNode kickOff = task("csm", onboarding, "Task_KickOff");
        assertThat(kickOff.path("name").asText()).contains(onboarding).contains(client);
        assertThat(kickOff.path("assignee").asText()).isEqualTo("csm");
        complete(
                "csm",
                kickOff,
                Map.of(
                        "currentState", "two sites, no monitoring baseline",
                        "painPoints", "slow incident response",
                        "gaps", "no runbooks",
                        "successCriteria", "P1 response under 30 min",
                        "cadence", "weekly call, monthly report",
                        "timeSpentMinutes", 60));

        // --- configuration items registered while the CSE sets up the CMDB
        JsonNode setUp = task("cse", onboarding, "Task_SetUpCmdb");
        String firewall = registerCi(client, "fw-edge-01", "FIREWALL", "network security");
        String coreSwitch = registerCi(client, "core-sw-01", "NETWORK_DEVICE", "network");
        registerCi(client, "erp", "APPLICATION", "business apps");
        JsonNode listed = read(rest.withBasicAuth("csm", "csm")
                .getForEntity("/api/cis?clientReference=" + client + "&type=FIREWALL", String.class));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("reference").asText()).isEqualTo(firewall);
        complete("cse", setUp, Map.of("timeSpentMinutes", 90));

        // the tier is decided from the CMDB: two active devices, not the 300 entered, so the entry package
        String instance = kickOff.path("processInstanceId").asText();
        assertThat(variable(instance, "deviceCountSource").asText()).isEqualTo("CMDB");
        assertThat(variable(instance, "deviceCount").asLong()).isEqualTo(2);
        assertThat(variable(instance, "recommendedPackage").asText()).isEqualTo("entry");
        assertThat(variable(instance, "recommendedHours").asLong()).isEqualTo(20);
        complete("csm", task("csm", onboarding, "Task_ConfirmTier"), Map.of("tierConfirmed", true));
        contract = contractOf(client);
        assertThat(contract.path("hourPackage").asText()).isEqualTo("entry");
        assertThat(contract.path("contractedHoursPerMonth").asInt()).isEqualTo(20);

        complete(
                "csm",
                task("csm", onboarding, "Task_ValidateContract"),
                Map.of("contractValid", true, "contractNotes", "entry package, 20 h a month"));
        complete(
                "csm",
                task("csm", onboarding, "Task_ActivateService"),
                Map.of("activationNotes", "portal shown to the IT lead"));
        complete(
                "csm",
                task("csm", onboarding, "Task_ScheduleTraining"),
                Map.of("trainingPlan", "8 June portal training"));
        for (String kind : List.of(
                "OPERATIONS_GUIDE", "SLA", "TOPOLOGY_DIAGRAM", "CONTACTS_LIST", "BUSINESS_OBJECTIVES_AND_RISKS")) {
            ResponseEntity<String> document = post("csm", "/api/clients/" + client + "/documents", document(kind));
            assertThat(document.getStatusCode()).as(document.getBody()).isEqualTo(HttpStatus.CREATED);
        }
        complete(
                "cse",
                task("cse", onboarding, "Task_CustomerPlaybook"),
                Map.of("technicalBaselines", "firmware baseline 9.0 on the firewall"));
        complete(
                "csm",
                task("csm", onboarding, "Task_ExecutiveSummary"),
                Map.of("documentationNotes", "onboarded, monitoring live"));
        assertThat(read(get("admin", "/engine-rest/process-instance?businessKey=" + onboarding)))
                .as("the onboarding closed")
                .isEmpty();
        JsonNode cadence = read(get("csm", "/api/clients/" + client + "/cadence"));
        assertThat(cadence.path("status").asText()).isEqualTo("ACTIVE");

        // --- a change naming the firewall, high impact: a major change that updates the CMDB
        ZonedDateTime window = ZonedDateTime.of(2026, 6, 13, 2, 0, 0, 0, LONDON);
        Map<String, Object> changeBody = new LinkedHashMap<>();
        changeBody.put("clientReference", client);
        changeBody.put("title", "Firmware 9.1 on the edge firewall");
        changeBody.put("description", "Vendor security fix");
        changeBody.put("requestedType", "normal");
        changeBody.put("nonStandard", false);
        changeBody.put("impactedServices", List.of("Networking"));
        changeBody.put("configurationItems", List.of(firewall));
        changeBody.put("windowStart", window.toInstant().toString());
        changeBody.put("windowEnd", window.plusHours(2).toInstant().toString());
        changeBody.put("urgency", "low");
        changeBody.put("impact", "high");
        changeBody.put("billable", false);
        changeBody.put("requesterEmail", "it@client.example");
        ResponseEntity<String> changed = post("csm", "/api/changes", changeBody);
        assertThat(changed.getStatusCode()).as(changed.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode change = read(changed);
        String changeReference = change.path("reference").asText();
        String changeInstance = change.path("processInstanceId").asText();
        assertThat(change.path("configurationItems").get(0).asText()).isEqualTo(firewall);
        assertThat(change.path("majorChange").asBoolean()).isTrue();

        complete(
                "csm",
                task("csm", changeReference, "Task_PrepareCab"),
                Map.of(
                        "cabAgenda", "1. Scope 2. Risk 3. Rollback",
                        "cabMembers", "cab",
                        "cabMeetingAt", "2026-06-02T14:00+01:00"));
        runJobs(changeInstance);
        complete(
                "cab",
                task("cab", changeReference, "Task_CabVote"),
                Map.of("vote", "approve", "veto", false, "voteComment", "fix is overdue"));
        complete(
                "csm",
                task("csm", changeReference, "Task_PrepareAdvisoryBoard"),
                Map.of(
                        "advisoryBoardAgenda", "1. Impact 2. Window 3. Rollback",
                        "advisoryBoardAt", "2026-06-03T10:00+01:00"));
        runJobs(changeInstance);
        ResponseEntity<String> clientApproval = post(
                "csm",
                "/api/changes/" + changeReference + "/client-approval",
                Map.of("approved", true, "representative", "Ms Ortiz (IT lead)", "comment", "go ahead"));
        assertThat(clientApproval.getStatusCode().is2xxSuccessful())
                .as(clientApproval.getBody())
                .isTrue();
        runJobs(changeInstance);
        complete("csm", task("csm", changeReference, "Task_ScheduleChange"), Map.of("scheduleNotes", "agreed"));
        moveClockTo(dateVariable(changeInstance, "noticeAt"));
        runJobs(changeInstance);
        moveClockTo(dateVariable(changeInstance, "windowStartAt"));
        runJobs(changeInstance);
        complete(
                "cse",
                task("cse", changeReference, "Task_ImplementChange"),
                Map.of(
                        "implementationResult", "success",
                        "implementationNotes", "firmware 9.1 installed",
                        "timeSpentMinutes", 30));
        complete("cse", task("cse", changeReference, "Task_TechnicalReview"), Map.of("reviewNotes", "all tunnels up"));
        complete(
                "cse",
                task("cse", changeReference, "Task_UpdateConfiguration"),
                Map.of(
                        "configurationUpdates", "firmware 9.1, operations guide section 4.2",
                        "configurationItemStatus", "ACTIVE",
                        "configurationItemVersion", "9.1",
                        "operationsGuideVersion", "1.1",
                        "timeSpentMinutes", 45));

        // the CI the change named now carries the change
        JsonNode item = read(get("csm", "/api/cis/" + firewall));
        assertThat(item.path("version").asText()).isEqualTo("9.1");
        assertThat(item.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(item.path("changes")).hasSize(1);
        assertThat(item.path("changes").get(0).path("changeReference").asText()).isEqualTo(changeReference);
        assertThat(read(get("csm", "/api/cis/" + coreSwitch)).path("changes"))
                .as("an item the change did not name")
                .isEmpty();
        // and the client's operations guide got its new version in the document register
        JsonNode documents = read(get("csm", "/api/clients/" + client + "/documents"));
        assertThat(documents.get(0).path("kind").asText()).isEqualTo("OPERATIONS_GUIDE");
        assertThat(documents.get(0).path("version").asText()).isEqualTo("1.1");
        assertThat(documents.get(0).path("recordedBy").asText()).isEqualTo("cse");

        // --- time booked through the API by the CSE on two June days
        bookTime(client, "2026-06-02", 600, changeReference);
        bookTime(client, "2026-06-03", 675, null);
        // and, once July has begun in London, one in July, which the June ledger does not see
        moveClockTo(ZonedDateTime.of(2026, 7, 1, 9, 0, 0, 0, LONDON).toInstant());
        bookTime(client, "2026-07-01", 120, null);

        JsonNode onOnboarding = read(get("csm", "/api/time-entries?caseReference=" + onboarding));
        assertThat(onOnboarding).hasSize(2);
        assertThat(minutes(onOnboarding)).containsExactlyInAnyOrder(60, 90);
        JsonNode onChange = read(get("csm", "/api/time-entries?caseReference=" + changeReference));
        assertThat(minutes(onChange)).containsExactlyInAnyOrder(30, 45, 600);

        // --- June's ledger: 60 + 90 + 30 + 45 + 600 + 675 minutes = 25 h against the entry package's 20 h
        JsonNode june = read(get("csm", "/api/clients/" + client + "/hours-ledger?month=2026-06"));
        assertThat(june.path("month").asText()).isEqualTo("2026-06");
        assertThat(june.path("timeZone").asText()).isEqualTo("Europe/London");
        assertThat(june.path("baseHours").asInt()).isEqualTo(20);
        assertThat(june.path("supplementalHours").asInt()).isZero();
        assertThat(june.path("availableHours").asInt()).isEqualTo(20);
        assertThat(june.path("usedMinutes").asLong()).isEqualTo(1500);
        assertThat(june.path("usedHours").decimalValue()).isEqualByComparingTo("25");
        assertThat(june.path("remainingHours").decimalValue()).isEqualByComparingTo("0");
        assertThat(june.path("overageHours").decimalValue()).isEqualByComparingTo("5");
        assertThat(june.path("overageHourlyRate").decimalValue()).isEqualByComparingTo("150");
        assertThat(june.path("overageAmount").decimalValue()).isEqualByComparingTo("750.00");
        assertThat(june.path("percentUsed").asInt()).isEqualTo(125);
        List<Integer> thresholds = new ArrayList<>();
        june.path("warnings")
                .forEach(warning ->
                        thresholds.add(warning.path("thresholdPercent").asInt()));
        assertThat(thresholds).containsExactly(80, 100);

        // July starts again from the base: nothing carried over
        JsonNode july = read(get("csm", "/api/clients/" + client + "/hours-ledger?month=2026-07"));
        assertThat(july.path("usedMinutes").asLong()).isEqualTo(120);
        assertThat(july.path("availableHours").asInt()).isEqualTo(20);
        assertThat(july.path("remainingHours").decimalValue()).isEqualByComparingTo("18");
        assertThat(july.path("overageHours").decimalValue()).isEqualByComparingTo("0");
    }

    // ---------------------------------------------------------------- helpers

    private String newClient() {
        String reference =
                "STORY-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<String, Object> contract = new LinkedHashMap<>();
        contract.put("reference", reference + "-C1");
        contract.put("services", List.of("Networking"));
        contract.put("contractedHoursPerMonth", 10);
        contract.put("termStart", "2026-01-01");
        contract.put("termEnd", "2027-12-31");
        contract.put("overageHourlyRate", "150.00");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", reference);
        body.put("name", "Story client " + reference);
        body.put("tier", "STANDARD");
        body.put("language", "en");
        body.put("timeZone", "Europe/London");
        body.put("businessDayStart", "08:00");
        body.put("businessDayEnd", "18:00");
        body.put("businessDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"));
        body.put("holidayRegion", "GB");
        body.put("designatedCsm", "csm");
        body.put("cseTeam", List.of("cse"));
        body.put("contracts", List.of(contract));
        ResponseEntity<String> created = post("csm", "/api/clients", body);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        return reference;
    }

    private JsonNode contractOf(String client) throws IOException {
        return read(get("csm", "/api/clients/" + client)).path("contracts").get(0);
    }

    private String registerCi(String client, String name, String type, String technologyGroup) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientReference", client);
        body.put("name", name);
        body.put("type", type);
        body.put("technologyGroup", technologyGroup);
        body.put("location", "DC1");
        body.put("owner", "client IT");
        body.put("status", "ACTIVE");
        body.put("version", "9.0");
        ResponseEntity<String> created = post("cse", "/api/cis", body);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        return read(created).path("reference").asText();
    }

    private static Map<String, Object> document(String kind) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("title", kind.toLowerCase() + " of the client");
        body.put("version", "1.0");
        body.put("owner", "csm");
        body.put("location", "https://dms.example/" + kind.toLowerCase());
        body.put("nextReviewDate", "2027-06-01");
        return body;
    }

    private void bookTime(String client, String date, int minutes, String caseReference) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientReference", client);
        body.put("date", date);
        body.put("minutes", minutes);
        if (caseReference != null) {
            body.put("caseReference", caseReference);
        }
        body.put("note", "work for the client");
        ResponseEntity<String> created = post("cse", "/api/time-entries", body);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    private static List<Integer> minutes(JsonNode entries) {
        List<Integer> minutes = new ArrayList<>();
        entries.forEach(entry -> minutes.add(entry.path("minutes").asInt()));
        return minutes;
    }

    /** The one open task of the case with this definition key, as the user's Tasklist reads it. */
    private JsonNode task(String user, String businessKey, String definitionKey) throws IOException {
        JsonNode tasks = read(get(
                user,
                "/engine-rest/task?processInstanceBusinessKey=" + businessKey + "&taskDefinitionKey=" + definitionKey));
        assertThat(tasks)
                .as("open %s of %s for %s", definitionKey, businessKey, user)
                .hasSize(1);
        return tasks.get(0);
    }

    /** Completes the task through the engine REST API as Tasklist does, the form's values as variables. */
    private void complete(String user, JsonNode task, Map<String, Object> values) {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        ResponseEntity<String> answer = post(
                user, "/engine-rest/task/" + task.path("id").asText() + "/complete", Map.of("variables", variables));
        assertThat(answer.getStatusCode())
                .as("%s completing %s: %s", user, task.path("taskDefinitionKey").asText(), answer.getBody())
                .isEqualTo(HttpStatus.NO_CONTENT);
    }

    private JsonNode variable(String processInstanceId, String name) throws IOException {
        return read(get("admin", "/engine-rest/process-instance/" + processInstanceId + "/variables/" + name))
                .path("value");
    }

    private Instant dateVariable(String processInstanceId, String name) throws IOException {
        return OffsetDateTime.parse(variable(processInstanceId, name).asText(), ENGINE_DATE)
                .toInstant();
    }

    private static void moveClockTo(Instant instant) {
        if (ClockUtil.getCurrentTime().toInstant().isBefore(instant)) {
            ClockUtil.setCurrentTime(Date.from(instant));
        }
    }

    /** Executes the instance's jobs due now (async steps, timers) through the engine REST API. */
    private void runJobs(String processInstanceId) throws IOException {
        for (int round = 0; round < 20; round++) {
            JsonNode jobs =
                    read(get("admin", "/engine-rest/job?executable=true&processInstanceId=" + processInstanceId));
            if (jobs.isEmpty()) {
                return;
            }
            for (JsonNode job : jobs) {
                ResponseEntity<String> executed =
                        post("admin", "/engine-rest/job/" + job.path("id").asText() + "/execute", null);
                assertThat(executed.getStatusCode()).as(executed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
            }
        }
        throw new IllegalStateException("jobs keep coming for " + processInstanceId);
    }

    private ResponseEntity<String> get(String user, String path) {
        return rest.withBasicAuth(user, user).getForEntity(path, String.class);
    }

    private ResponseEntity<String> post(String user, String path, Object body) {
        return rest.withBasicAuth(user, user).postForEntity(path, body, String.class);
    }

    private JsonNode read(ResponseEntity<String> answer) throws IOException {
        assertThat(answer.getStatusCode().is2xxSuccessful())
                .as(answer.getBody())
                .isTrue();
        return json.readTree(answer.getBody());
    }
}
