package com.csmflow.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.csmflow.api.InvalidInputException;
import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.TestServers;
import com.csmflow.notification.DeliveryJobs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The hours ledger (issue 18 part 3, seed 001 §2.2, §5) through the API on PostgreSQL, mails read from
 * GreenMail: warnings at 80 % and 100 % once each, overage at the contract's rate with a supplemental
 * package ordered by change request, months in the client's time zone without roll-over, refusals naming
 * the field, and time booked from a completed task's {@code timeSpentMinutes}.
 */
@CsmFlowTest
class HoursLedgerTest {

    /** Thursday 10 December 2026, 10:00 in New York. */
    static final Instant DECEMBER = Instant.parse("2026-12-10T15:00:00Z");

    @Autowired
    ProcessEngine engine;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(DECEMBER));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theCsmAndTheAccountManagerAreWarnedAtEightyAndAtAHundredPercentOnceEach() throws Exception {
        String client = newClient("America/New_York", 10, "150.00");
        book(client, "2026-12-01", 7 * 60);
        JsonNode ledger = ledger(client, "2026-12");
        assertThat(ledger.path("percentUsed").asInt()).isEqualTo(70);
        assertThat(ledger.path("warnings")).isEmpty();
        assertThat(warningInstances(client)).isEmpty();

        book(client, "2026-12-02", 60);
        ledger = ledger(client, "2026-12");
        assertThat(ledger.path("percentUsed").asInt()).isEqualTo(80);
        assertThat(thresholds(ledger)).containsExactly(80);
        book(client, "2026-12-03", 60);
        assertThat(thresholds(ledger(client, "2026-12"))).containsExactly(80);
        assertThat(warningInstances(client)).hasSize(1);

        book(client, "2026-12-04", 60);
        book(client, "2026-12-05", 120);
        book(client, "2026-12-06", 30);
        ledger = ledger(client, "2026-12");
        assertThat(thresholds(ledger)).containsExactly(80, 100);
        assertThat(ledger.path("usedHours").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(ledger.path("remainingHours").decimalValue()).isEqualByComparingTo("0");
        assertThat(ledger.path("overageHours").decimalValue()).isEqualByComparingTo("2.50");
        // 2.5 h over at the contract's 150 an hour
        assertThat(ledger.path("overageAmount").decimalValue()).isEqualByComparingTo("375.00");
        assertThat(warningInstances(client)).hasSize(2);

        deliverWarnings(client);
        String name = "Hours ledger client " + client;
        for (String address : List.of("csm@demo.csmflow.example", "account-manager@demo.csmflow.example")) {
            assertThat(mailsTo(address, "Hours of " + name + ": 80 % of 2026-12 used"))
                    .as("80 %% warning to %s", address)
                    .hasSize(1);
            List<MimeMessage> full = mailsTo(address, "Hours of " + name + ": 100 % of 2026-12 used");
            assertThat(full).as("100 %% warning to %s", address).hasSize(1);
            assertThat(full.get(0).getContent().toString()).contains("150.00");
        }
        // the csm group is not mailed when the client has a designated CSM
        assertThat(mailsTo("csm-backup@demo.csmflow.example", "Hours of " + name + ": 80 % of 2026-12 used"))
                .isEmpty();

        // a later entry in the same month warns nobody again
        book(client, "2026-12-07", 60);
        assertThat(warningInstances(client)).hasSize(2);
    }

    @Test
    void overageIsPricedAtTheContractRateAndSupplementsCountFromTheirFirstMonthUntilTheTermEnds() throws Exception {
        String client = newClient("Europe/Berlin", 20, "180.00");
        String change = newChange(client);
        String path = "/api/clients/" + client + "/contracts/" + client + "-C1/supplements";

        assertBadField(post("csm", path, supplement("CSE_NETWORK", 15, "2026-11", change)), "hoursPerMonth");
        assertBadField(post("csm", path, supplement("CSE_NETWORK", 10, "2028-01", change)), "firstMonth");
        assertBadField(post("csm", path, supplement("GOLD", 10, "2026-11", change)), "kind");
        assertBadField(
                post("csm", path, supplement("CSE_NETWORK", 10, "2026-11", "CHG-2026-99999")), "changeReference");
        assertBadField(post("csm", path, supplement("CSE_NETWORK", 10, "2026-11", null)), "changeReference");
        assertThat(post("cse", path, supplement("CSE_NETWORK", 10, "2026-11", change))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<String> added = post("csm", path, supplement("CSE_NETWORK", 10, "2026-11", change));
        assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode supplement = json.readTree(added.getBody());
        assertThat(supplement.path("reference").asText()).startsWith("SUP-");
        assertThat(supplement.path("endsOn").asText()).as("co-termed").isEqualTo("2027-12-31");
        assertThat(supplement.path("changeReference").asText()).isEqualTo(change);

        for (String day : List.of("2026-11-03", "2026-11-04", "2026-11-05")) {
            book(client, day, 11 * 60);
        }
        JsonNode november = ledger(client, "2026-11");
        assertThat(november.path("baseHours").asInt()).isEqualTo(20);
        assertThat(november.path("supplementalHours").asInt()).isEqualTo(10);
        assertThat(november.path("availableHours").asInt()).isEqualTo(30);
        assertThat(november.path("overageHours").decimalValue()).isEqualByComparingTo("3.00");
        assertThat(november.path("overageHourlyRate").decimalValue()).isEqualByComparingTo("180.00");
        assertThat(november.path("overageAmount").decimalValue()).isEqualByComparingTo("540.00");
        // before its first month the supplement does not count
        assertThat(ledger(client, "2026-10").path("availableHours").asInt()).isEqualTo(20);

        JsonNode contract = json.readTree(rest.withBasicAuth("cse", "cse")
                        .getForEntity("/api/clients/" + client, String.class)
                        .getBody())
                .path("contracts")
                .get(0);
        assertThat(contract.path("overageHourlyRate").decimalValue()).isEqualByComparingTo("180.00");
        assertThat(contract.path("supplements")).hasSize(1);
    }

    @Test
    void aMonthIsTheClientsCalendarMonthAndUnusedHoursDoNotRollOver() throws Exception {
        String newYork = newClient("America/New_York", 10, null);
        // 23:30 on 30 November in New York is already 1 December in UTC: November's
        book(newYork, Map.of("workedAt", "2026-12-01T04:30:00Z", "minutes", 120));
        assertThat(ledger(newYork, "2026-11").path("usedHours").decimalValue()).isEqualByComparingTo("2.00");
        assertThat(ledger(newYork, "2026-12").path("usedHours").decimalValue()).isEqualByComparingTo("0");
        ResponseEntity<String> listed = rest.withBasicAuth("cse", "cse")
                .getForEntity("/api/time-entries?clientReference=" + newYork + "&month=2026-11", String.class);
        assertThat(listed.getHeaders().getFirst("X-Total-Count")).isEqualTo("1");
        assertThat(json.readTree(listed.getBody()).get(0).path("date").asText()).isEqualTo("2026-11-30");
        assertThat(rest.withBasicAuth("cse", "cse")
                        .getForEntity("/api/time-entries?clientReference=" + newYork + "&month=2026-12", String.class)
                        .getHeaders()
                        .getFirst("X-Total-Count"))
                .isEqualTo("0");

        // 8 hours unused in November: December still has its 10, not 18
        JsonNode december = ledger(newYork, "2026-12");
        assertThat(december.path("availableHours").asInt()).isEqualTo(10);
        assertThat(december.path("remainingHours").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(december.path("overageHourlyRate").decimalValue())
                .as("no rate given: the standard rate")
                .isEqualByComparingTo("175.00");

        String berlin = newClient("Europe/Berlin", 10, null);
        // 23:30 on 30 November in UTC is 00:30 on 1 December in Berlin: December's
        book(berlin, Map.of("workedAt", "2026-11-30T23:30:00Z", "hours", 1.5));
        assertThat(ledger(berlin, "2026-11").path("usedHours").decimalValue()).isEqualByComparingTo("0");
        assertThat(ledger(berlin, "2026-12").path("usedHours").decimalValue()).isEqualByComparingTo("1.50");
        // without a month, the client's current month
        assertThat(json.readTree(rest.withBasicAuth("cse", "cse")
                                .getForEntity("/api/clients/" + berlin + "/hours-ledger", String.class)
                                .getBody())
                        .path("month")
                        .asText())
                .isEqualTo("2026-12");
    }

    @Test
    void refusalsNameTheField() throws Exception {
        String client = newClient("Europe/Berlin", 10, null);
        assertBadField(
                post("cse", "/api/time-entries", Map.of("clientReference", client, "date", "2026-12-01")), "minutes");
        assertBadField(post("cse", "/api/time-entries", Map.of("clientReference", client, "minutes", 30)), "date");
        assertBadField(
                post(
                        "cse",
                        "/api/time-entries",
                        Map.of("clientReference", client, "date", "2026-12-01", "minutes", 30, "hours", 1)),
                "hours");
        assertBadField(
                post("cse", "/api/time-entries", Map.of("clientReference", client, "date", "2026-12-01", "minutes", 0)),
                "minutes");
        assertBadField(
                post("cse", "/api/time-entries", Map.of("clientReference", client, "date", "2026-12-24", "minutes", 5)),
                "date");
        assertBadField(
                post(
                        "cse",
                        "/api/time-entries",
                        Map.of("clientReference", "NOBODY-HERE", "date", "2026-12-01", "minutes", 5)),
                "clientReference");
        assertBadField(
                post(
                        "cse",
                        "/api/time-entries",
                        Map.of(
                                "clientReference",
                                client,
                                "date",
                                "2026-12-01",
                                "minutes",
                                5,
                                "userId",
                                "nobody-at-all")),
                "userId");
        assertBadField(
                post(
                        "cse",
                        "/api/time-entries",
                        Map.of(
                                "clientReference",
                                client,
                                "date",
                                "2026-12-01",
                                "minutes",
                                5,
                                "caseReference",
                                "CHG-2026-99999")),
                "caseReference");
        assertBadField(
                rest.withBasicAuth("cse", "cse").getForEntity("/api/time-entries?month=2026-13", String.class),
                "month");
        assertBadField(
                rest.withBasicAuth("cse", "cse")
                        .getForEntity("/api/clients/" + client + "/hours-ledger?month=dec", String.class),
                "month");
        assertThat(rest.withBasicAuth("cse", "cse")
                        .getForEntity("/api/clients/NOBODY-HERE/hours-ledger", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post(
                                "hr",
                                "/api/time-entries",
                                Map.of("clientReference", client, "date", "2026-12-01", "minutes", 5))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(ledger(client, "2026-12").path("usedMinutes").asLong())
                .as("nothing booked")
                .isZero();
    }

    @Test
    void aTaskCompletedWithTimeSpentBooksItForItsAssigneeOnTheCaseAndTheAgreedTierIsOnTheContract() throws Exception {
        String client = newClient("Europe/London", 10, null);
        ResponseEntity<String> started = post(
                "csm",
                "/api/clients/" + client + "/onboarding",
                Map.of("monthlySpend", 30_000, "technologyGroups", 1, "deviceCount", 100));
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.CREATED);
        String onboarding = json.readTree(started.getBody()).path("reference").asText();

        // a value the ledger cannot take is refused naming the field and the task stays open (the engine wraps
        // a task listener's exception; the engine REST answers 400 from the cause, EngineRestExceptionMapper)
        Throwable refused = catchThrowable(() -> complete(onboarding, "Task_KickOff", Map.of("timeSpentMinutes", -5)));
        assertThat(refused).hasRootCauseInstanceOf(InvalidInputException.class);
        assertThat(((InvalidInputException) rootCause(refused)).field()).isEqualTo("timeSpentMinutes");
        String kickOff = engine.getTaskService()
                .createTaskQuery()
                .processInstanceBusinessKey(onboarding)
                .taskDefinitionKey("Task_KickOff")
                .singleResult()
                .getId();
        ResponseEntity<String> overADay = post(
                "csm",
                "/engine-rest/task/" + kickOff + "/complete",
                Map.of("variables", Map.of("timeSpentMinutes", Map.of("value", 2000, "type", "Integer"))));
        assertThat(overADay.getStatusCode()).as(overADay.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(overADay.getBody()).contains("timeSpentMinutes");

        complete(onboarding, "Task_KickOff", Map.of("currentState", "fine", "timeSpentMinutes", 45L));
        JsonNode entries = json.readTree(rest.withBasicAuth("csm", "csm")
                .getForEntity("/api/time-entries?caseReference=" + onboarding, String.class)
                .getBody());
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).path("minutes").asInt()).isEqualTo(45);
        assertThat(entries.get(0).path("userId").asText()).isEqualTo("csm");
        assertThat(entries.get(0).path("clientReference").asText()).isEqualTo(client);
        assertThat(entries.get(0).path("source").asText()).isEqualTo("TASK");
        assertThat(entries.get(0).path("date").asText()).isEqualTo("2026-12-10");

        // the next tasks without the field book nothing: the value does not linger in the case
        complete(
                onboarding,
                "Task_SetUpCmdb",
                Map.of("ciName", "erp", "ciType", "APPLICATION", "ciTechnologyGroup", "apps"),
                "cse");
        complete(onboarding, "Task_ConfirmTier", Map.of("tierConfirmed", true));
        assertThat(json.readTree(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/api/time-entries?clientReference=" + client, String.class)
                        .getBody()))
                .hasSize(1);
        assertThat(ledger(client, "2026-12").path("usedMinutes").asLong()).isEqualTo(45);

        // 24,000-31,999 a month: the 30-hour tier, now the contract's base hours
        JsonNode contract = json.readTree(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/api/clients/" + client, String.class)
                        .getBody())
                .path("contracts")
                .get(0);
        assertThat(contract.path("hourPackage").asText()).isEqualTo("tier-30");
        assertThat(contract.path("contractedHoursPerMonth").asInt()).isEqualTo(30);
        assertThat(ledger(client, "2026-12").path("availableHours").asInt()).isEqualTo(30);
        ProcessInstance instance = engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(onboarding)
                .singleResult();
        engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test done");
    }

    // --- helpers

    private static Throwable rootCause(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private String newClient(String zone, int hours, String rate) {
        String reference = "HRS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<String, Object> contract = new LinkedHashMap<>();
        contract.put("reference", reference + "-C1");
        contract.put("services", List.of("Networking"));
        contract.put("contractedHoursPerMonth", hours);
        contract.put("termStart", "2026-01-01");
        contract.put("termEnd", "2027-12-31");
        if (rate != null) {
            contract.put("overageHourlyRate", rate);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", reference);
        body.put("name", "Hours ledger client " + reference);
        body.put("tier", "STANDARD");
        body.put("language", "en");
        body.put("timeZone", zone);
        body.put("businessDayStart", "08:00");
        body.put("businessDayEnd", "18:00");
        body.put("businessDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"));
        body.put("holidayRegion", "GB");
        body.put("designatedCsm", "csm");
        body.put("contracts", List.of(contract));
        ResponseEntity<String> created = post("csm", "/api/clients", body);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        return reference;
    }

    private String newChange(String client) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientReference", client);
        body.put("title", "Ten more hours a month of network engineering");
        body.put("description", "Supplemental package");
        body.put("requestedType", "normal");
        body.put("nonStandard", false);
        body.put("impactedServices", List.of("Networking"));
        body.put("windowStart", "2027-01-18T09:00:00Z");
        body.put("windowEnd", "2027-01-18T10:00:00Z");
        body.put("urgency", "low");
        body.put("impact", "low");
        body.put("billable", true);
        body.put("requesterEmail", "it@client.example");
        ResponseEntity<String> created = post("csm", "/api/changes", body);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode change = json.readTree(created.getBody());
        engine.getRuntimeService()
                .deleteProcessInstance(change.path("processInstanceId").asText(), "test done");
        return change.path("reference").asText();
    }

    private static Map<String, Object> supplement(String kind, int hours, String firstMonth, String change) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("hoursPerMonth", hours);
        body.put("firstMonth", firstMonth);
        body.put("changeReference", change);
        return body;
    }

    private void book(String client, String date, int minutes) {
        book(client, Map.of("date", date, "minutes", minutes));
    }

    private void book(String client, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("clientReference", client);
        body.put("note", "work for " + client);
        ResponseEntity<String> created = post("cse", "/api/time-entries", body);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    private JsonNode ledger(String client, String month) throws IOException {
        ResponseEntity<String> answer = rest.withBasicAuth("csm", "csm")
                .getForEntity("/api/clients/" + client + "/hours-ledger?month=" + month, String.class);
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(answer.getBody());
    }

    private static List<Integer> thresholds(JsonNode ledger) {
        return java.util.stream.StreamSupport.stream(ledger.path("warnings").spliterator(), false)
                .map(warning -> warning.path("thresholdPercent").asInt())
                .toList();
    }

    private List<String> warningInstances(String client) {
        return engine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processDefinitionKey(HoursProcess.WARNING_KEY)
                .variableValueEquals("clientReference", client)
                .list()
                .stream()
                .map(instance -> instance.getId())
                .toList();
    }

    /** Runs each warning's mail step, then the deliveries it started. */
    private void deliverWarnings(String client) {
        for (String instance : warningInstances(client)) {
            runJobs(instance);
            String businessKey = engine.getHistoryService()
                    .createHistoricProcessInstanceQuery()
                    .processInstanceId(instance)
                    .singleResult()
                    .getBusinessKey();
            DeliveryJobs.run(engine.getManagementService(), businessKey);
            for (ProcessInstance delivery : engine.getRuntimeService()
                    .createProcessInstanceQuery()
                    .processDefinitionKey("notification-delivery")
                    .processInstanceBusinessKey(businessKey)
                    .list()) {
                runJobs(delivery.getId());
            }
        }
    }

    private void runJobs(String processInstanceId) {
        for (int round = 0; round < 10; round++) {
            List<Job> jobs = engine.getManagementService()
                    .createJobQuery()
                    .processInstanceId(processInstanceId)
                    .executable()
                    .list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
    }

    private void complete(String onboarding, String taskKey, Map<String, Object> variables) {
        complete(onboarding, taskKey, variables, "csm");
    }

    private void complete(String onboarding, String taskKey, Map<String, Object> variables, String user) {
        Task task = engine.getTaskService()
                .createTaskQuery()
                .processInstanceBusinessKey(onboarding)
                .taskDefinitionKey(taskKey)
                .singleResult();
        assertThat(task).as("open %s of %s", taskKey, onboarding).isNotNull();
        engine.getIdentityService().setAuthentication(user, List.of(user));
        try {
            engine.getTaskService().complete(task.getId(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private ResponseEntity<String> post(String user, String path, Object body) {
        return rest.withBasicAuth(user, user).postForEntity(path, body, String.class);
    }

    private void assertBadField(ResponseEntity<String> answer, String field) throws IOException {
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode problem = json.readTree(answer.getBody());
        assertThat(java.util.stream.StreamSupport.stream(problem.path("errors").spliterator(), false)
                        .map(error -> error.path("field").asText())
                        .toList())
                .as(answer.getBody())
                .contains(field);
    }

    private static List<MimeMessage> mailsTo(String address, String subject) {
        return Arrays.stream(TestServers.mail().getReceivedMessages())
                .filter(mail -> {
                    try {
                        return Arrays.stream(mail.getAllRecipients())
                                        .anyMatch(to -> to.toString().equals(address))
                                && subject.equals(mail.getSubject());
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }
}
