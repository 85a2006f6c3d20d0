package com.csmflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.WebappSession;
import com.csmflow.sla.SlaClocks;
import com.csmflow.sla.SlaPriority;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
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
 * Issue 16, items 4 and 5: the case beside a task or an instance ({@code /api/cases}), read with the caller's
 * engine rights (also through the webapps' session, as the Tasklist and Cockpit plugins call it), and the
 * managers' SLA board ({@code /api/sla/board}, {@code /api/sla/compliance}) on clocks made for it.
 */
@CsmFlowTest
class CaseApiTest {

    /** A Wednesday in a month no other test uses, so this month's compliance counts only these clocks. */
    private static final Instant T = Instant.parse("2031-05-14T10:00:00Z");

    private static final String BOARD_CLIENT = "BOARD-TEST";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    ManagementService managementService;

    @Autowired
    SlaClocks clocks;

    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theCaseShowsRegisterRowClocksMailsAndAuditToWhoeverMayReadItsTasksAndToNobodyElse() throws Exception {
        at(Instant.parse("2026-03-03T15:00:00Z"));
        String reference = raiseEscalation("ALPENWERK", "Case tab: reports arrive late");
        String instance = runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(reference)
                .singleResult()
                .getId();
        runAsync(instance);

        ResponseEntity<String> asCsm = get("csm", "/api/cases/" + reference);
        assertThat(asCsm.getStatusCode()).as(asCsm.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode view = json.readTree(asCsm.getBody());
        assertThat(view.path("reference").asText()).isEqualTo(reference);
        assertThat(view.path("clientReference").asText()).isEqualTo("ALPENWERK");
        assertThat(view.path("clientTimeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(view.path("record").path("register").asText()).isEqualTo("escalation");
        assertThat(view.path("record").path("fields").path("contactEmail").asText())
                .isEqualTo("ops@alpenwerk.example");
        assertThat(view.path("instances").get(0).path("id").asText()).isEqualTo(instance);
        List<String> clockNames = new ArrayList<>();
        view.path("clocks").forEach(clock -> {
            clockNames.add(clock.path("clockName").asText());
            assertThat(clock.path("light").asText()).isEqualTo("RUNNING");
            assertThat(Duration.parse(clock.path("remaining").asText())).isPositive();
        });
        assertThat(clockNames).contains("escalationAcknowledge");
        assertThat(view.path("notifications").toString())
                .contains("escalation-raised")
                .contains("csm@demo.csmflow.example");
        assertThat(view.path("audit").get(0).path("action").asText()).isEqualTo("CREATE");
        assertThat(view.path("personalDataShown").asBoolean()).isTrue();

        ResponseEntity<String> byInstance = get("csm", "/api/cases/of-instance/" + instance);
        assertThat(byInstance.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(byInstance.getBody()).path("reference").asText())
                .isEqualTo(reference);
        assertThat(get("service-manager", "/api/cases/" + reference).getStatusCode())
                .as("managers read every instance")
                .isEqualTo(HttpStatus.OK);

        // a CAB member and an engineer have no task of this case and may not read its instance
        for (String outsider : List.of("cab", "cse")) {
            assertThat(get(outsider, "/api/cases/" + reference).getStatusCode())
                    .as(outsider)
                    .isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(get(outsider, "/api/cases/of-instance/" + instance).getStatusCode())
                    .as(outsider)
                    .isEqualTo(HttpStatus.NOT_FOUND);
        }
        assertThat(get("csm", "/api/cases/ESC-1999-0001").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        // the Tasklist plugin's way in: the webapp session of csm, no Basic credentials
        WebappSession tasklist = WebappSession.open(rest, "tasklist", "csm", "csm");
        ResponseEntity<String> fromTasklist = tasklist.call(HttpMethod.GET, "/api/cases/of-instance/" + instance, null);
        assertThat(fromTasklist.getStatusCode()).as(fromTasklist.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(fromTasklist.getBody()).contains(reference);
        assertThat(String.valueOf(fromTasklist.getHeaders().get(HttpHeaders.SET_COOKIE)))
                .as("the webapp session keeps its id (Tasklist's own calls at the same time stay signed in)")
                .doesNotContain("JSESSIONID");
        assertThat(tasklist.call(HttpMethod.GET, "/camunda/api/engine/engine/default/task/count", null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        WebappSession cab = WebappSession.open(rest, "tasklist", "cab", "cab");
        assertThat(cab.call(HttpMethod.GET, "/api/cases/" + reference, null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        // the session only reads: a POST with the cookie is not signed in
        assertThat(tasklist.call(HttpMethod.POST, "/api/escalations", "{}").getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        runtimeService.deleteProcessInstance(instance, "test done");
    }

    @Test
    void theBoardListsBreachedClocksFirstThenWarnedThenByDueAndCountsThisMonthsCompliance() throws Exception {
        at(T);
        ensureBoardClient();
        // P1 escalation.acknowledge for an ENHANCED client: 15 minutes, 24x7, warning at 75 %
        start("BRD-X", "x");
        at(T.plus(Duration.ofMinutes(5)));
        start("BRD-W", "w");
        at(T.plus(Duration.ofMinutes(17)));
        start("BRD-Y", "y");
        at(T.plus(Duration.ofMinutes(25)));
        start("BRD-Z", "z");
        // recorded clocks of the month: two met, one breached
        start("BRD-M1", "m1");
        clocks.stop(null, "BRD-M1", "m1");
        start("BRD-M2", "m2");
        start("BRD-B1", "b1");
        at(T.plus(Duration.ofMinutes(29)));
        clocks.stop(null, "BRD-M2", "m2");
        at(T.plus(Duration.ofMinutes(41)));
        clocks.stop(null, "BRD-B1", "b1");
        at(T.plus(Duration.ofMinutes(29)));
        // now: X (due 10:15) and W (due 10:20) breached, Y (warning 10:28:15) warned, Z running

        ResponseEntity<String> board =
                get("service-manager", "/api/sla/board?clientReference=" + BOARD_CLIENT + "&size=200");
        assertThat(board.getStatusCode()).as(board.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(board.getHeaders().getFirst("X-Total-Count")).isEqualTo("4");
        List<String> order = new ArrayList<>();
        List<String> lights = new ArrayList<>();
        json.readTree(board.getBody()).forEach(row -> {
            order.add(row.path("businessKey").asText());
            lights.add(row.path("light").asText());
        });
        assertThat(order).containsExactly("BRD-X", "BRD-W", "BRD-Y", "BRD-Z");
        assertThat(lights).containsExactly("BREACHED", "BREACHED", "WARNED", "RUNNING");
        JsonNode first = json.readTree(board.getBody()).get(0);
        assertThat(Duration.parse(first.path("remaining").asText())).isEqualTo(Duration.ofMinutes(-14));

        ResponseEntity<String> paged =
                get("delivery-manager", "/api/sla/board?clientReference=" + BOARD_CLIENT + "&size=1&page=1");
        assertThat(paged.getBody()).contains("BRD-W").doesNotContain("BRD-X");
        assertThat(paged.getHeaders().getFirst("Link")).contains("page=2");
        assertThat(get("dc-head", "/api/sla/board?clientReference=" + BOARD_CLIENT + "&metric=escalation.update")
                        .getBody())
                .isEqualTo("[]");
        assertThat(get("dc-head", "/api/sla/board?clientReference=" + BOARD_CLIENT + "&group=csm")
                        .getBody())
                .as("process-less clocks have no group's task")
                .isEqualTo("[]");
        assertThat(get("csm", "/api/sla/board").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<String> compliance =
                get("service-manager", "/api/sla/compliance?clientReference=" + BOARD_CLIENT);
        assertThat(compliance.getStatusCode()).as(compliance.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode rows = json.readTree(compliance.getBody());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("month").asText()).isEqualTo("2031-05");
        assertThat(rows.get(0).path("metric").asText()).isEqualTo("escalation.acknowledge");
        assertThat(rows.get(0).path("priority").asText()).isEqualTo("P1");
        assertThat(rows.get(0).path("met").asLong()).isEqualTo(2);
        assertThat(rows.get(0).path("breached").asLong()).isEqualTo(1);
        assertThat(rows.get(0).path("percentMet").asDouble()).isEqualTo(66.7);
        assertThat(get("service-manager", "/api/sla/compliance?clientReference=" + BOARD_CLIENT + "&month=2031-04")
                        .getBody())
                .isEqualTo("[]");
        ResponseEntity<String> badMonth = get("service-manager", "/api/sla/compliance?month=May");
        assertThat(badMonth.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badMonth.getBody()).contains("month");
    }

    @Test
    void theBoardFiltersByTheGroupWhoseTaskIsOpen() throws Exception {
        at(T.plus(Duration.ofDays(1)));
        String reference = raiseEscalation("ALPENWERK", "Board: group filter");
        String instance = runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(reference)
                .singleResult()
                .getId();
        runAsync(instance);
        String forCsm = get("service-manager", "/api/sla/board?group=csm&clientReference=ALPENWERK&size=200")
                .getBody();
        assertThat(forCsm).contains(reference).doesNotContain("BRD-");
        assertThat(get("service-manager", "/api/sla/board?group=cab&size=200").getBody())
                .doesNotContain(reference);
        runtimeService.deleteProcessInstance(instance, "test done");
    }

    private void start(String businessKey, String clockName) {
        clocks.start(businessKey, null, clockName, BOARD_CLIENT, "escalation.acknowledge", SlaPriority.P1);
    }

    private void ensureBoardClient() {
        if (get("service-manager", "/api/clients/" + BOARD_CLIENT).getStatusCode() == HttpStatus.OK) {
            return;
        }
        String body = "{\"reference\":\"" + BOARD_CLIENT + "\",\"name\":\"Board Test GmbH\",\"tier\":\"ENHANCED\","
                + "\"language\":\"de\",\"timeZone\":\"Europe/Berlin\",\"businessDayStart\":\"08:00\","
                + "\"businessDayEnd\":\"18:00\",\"businessDays\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\","
                + "\"THURSDAY\",\"FRIDAY\"],\"holidayRegion\":\"DE-BY\",\"contacts\":[{\"name\":\"Ops\","
                + "\"email\":\"ops@board-test.example\",\"role\":\"operations\"}]}";
        ResponseEntity<String> created = send("service-manager", HttpMethod.POST, "/api/clients", body);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    private String raiseEscalation(String client, String subject) throws Exception {
        ResponseEntity<String> created = send(
                "csm",
                HttpMethod.POST,
                "/api/escalations",
                "{\"clientReference\":\"" + client + "\",\"subject\":\"" + subject
                        + "\",\"description\":\"reported by phone\",\"reportedImpact\":\"medium\","
                        + "\"contactName\":\"Ops\",\"contactEmail\":\"ops@alpenwerk.example\"}");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        return json.readTree(created.getBody()).path("reference").asText();
    }

    private void runAsync(String processInstanceId) {
        for (int round = 0; round < 20; round++) {
            List<Job> jobs = managementService
                    .createJobQuery()
                    .processInstanceId(processInstanceId)
                    .messages()
                    .list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> managementService.executeJob(job.getId()));
        }
    }

    private ResponseEntity<String> get(String user, String path) {
        return send(user, HttpMethod.GET, path, null);
    }

    private ResponseEntity<String> send(String user, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user).exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private static void at(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }
}
