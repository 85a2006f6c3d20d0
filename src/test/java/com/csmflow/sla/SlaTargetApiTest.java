package com.csmflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
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

/** /api/sla-targets on PostgreSQL: seeded defaults, CRUD, validation naming the field, roles. */
@CsmFlowTest
class SlaTargetApiTest {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper json;

    private ResponseEntity<String> call(String user, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user).exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private JsonNode read(ResponseEntity<String> response) throws Exception {
        return json.readTree(response.getBody());
    }

    private int rowCount() {
        return jdbc.queryForObject("select count(*) from sla_target", Integer.class);
    }

    private static String body(String metric, String duration, String calendar, int warning) {
        return """
                {"tier":"STANDARD","priority":"P2","metric":"%s","duration":"%s","calendar":"%s","warningPercent":%d}""".formatted(metric, duration, calendar, warning);
    }

    private static String uniqueMetric() {
        return "test.metric-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void seededDefaultsFollowTheSources() throws Exception {
        ResponseEntity<String> response =
                call("csm", HttpMethod.GET, "/api/sla-targets?tier=ENHANCED&metric=service-review.held", null);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode rows = read(response);
        assertThat(rows).hasSize(4);
        rows.forEach(row -> {
            assertThat(row.get("duration").asText()).isEqualTo("P7D");
            assertThat(row.get("calendar").asText()).isEqualTo("TWENTY_FOUR_SEVEN");
        });
        // Standard tier: local business hours for every target but one: a P1 security event (a breach, a leak
        // of personal data) is handled round the clock whatever the client bought (docs/processes/infosec.md)
        assertThat(jdbc.queryForList(
                        "select metric || ' ' || priority from sla_target where tier = 'STANDARD' and calendar <> 'BUSINESS'",
                        String.class))
                .containsExactly("security-event.resolution P1");
        // Enhanced P1 runs round the clock
        JsonNode p1 = read(call(
                "csm",
                HttpMethod.GET,
                "/api/sla-targets?tier=ENHANCED&priority=P1&metric=escalation.acknowledge",
                null));
        assertThat(p1).hasSize(1);
        assertThat(p1.get(0).get("calendar").asText()).isEqualTo("TWENTY_FOUR_SEVEN");
        // every seeded metric for every tier and priority (counted per metric, so a workflow adding a metric
        // does not change this test)
        assertThat(jdbc.queryForObject(
                        "select count(*) from (select metric from sla_target where updated_by = 'flyway' "
                                + "group by metric having count(*) <> 8) incomplete",
                        Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(distinct metric) from sla_target where updated_by = 'flyway'", Integer.class))
                .isGreaterThanOrEqualTo(9);
    }

    @Test
    void serviceManagerCreatesReadsUpdatesAndDeletesATarget() throws Exception {
        String metric = uniqueMetric();
        ResponseEntity<String> created =
                call("service-manager", HttpMethod.POST, "/api/sla-targets", body(metric, "PT6H", "BUSINESS", 80));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long id = read(created).get("id").asLong();
        assertThat(created.getHeaders().getLocation()).hasToString("/api/sla-targets/" + id);
        assertThat(read(created).get("updatedBy").asText()).isEqualTo("service-manager");

        JsonNode fetched = read(call("cse", HttpMethod.GET, "/api/sla-targets/" + id, null));
        assertThat(fetched.get("duration").asText()).isEqualTo("PT6H");
        assertThat(fetched.get("warningPercent").asInt()).isEqualTo(80);

        ResponseEntity<String> updated = call(
                "service-manager",
                HttpMethod.PUT,
                "/api/sla-targets/" + id,
                body(metric, "P2D", "TWENTY_FOUR_SEVEN", 60));
        assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(read(updated).get("duration").asText()).isEqualTo("P2D");
        assertThat(read(updated).get("calendar").asText()).isEqualTo("TWENTY_FOUR_SEVEN");

        assertThat(call("service-manager", HttpMethod.DELETE, "/api/sla-targets/" + id, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(call("csm", HttpMethod.GET, "/api/sla-targets/" + id, null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void camundaAdminMayChangeTargetsToo() throws Exception {
        ResponseEntity<String> created =
                call("admin", HttpMethod.POST, "/api/sla-targets", body(uniqueMetric(), "PT2H", "BUSINESS", 75));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        call(
                "admin",
                HttpMethod.DELETE,
                "/api/sla-targets/" + read(created).get("id").asLong(),
                null);
    }

    @Test
    void otherRolesMayReadButNotChange() throws Exception {
        int before = rowCount();
        assertThat(call("csm", HttpMethod.POST, "/api/sla-targets", body(uniqueMetric(), "PT2H", "BUSINESS", 75))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        long seeded = read(call("csm", HttpMethod.GET, "/api/sla-targets?metric=cab.decision", null))
                .get(0)
                .get("id")
                .asLong();
        assertThat(call(
                                "dc-head",
                                HttpMethod.PUT,
                                "/api/sla-targets/" + seeded,
                                body("cab.decision", "PT1H", "BUSINESS", 75))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call("cab", HttpMethod.DELETE, "/api/sla-targets/" + seeded, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.getForEntity("/api/sla-targets", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rowCount()).isEqualTo(before);
    }

    @Test
    void invalidInputIsA400NamingTheFieldAndWritesNothing() throws Exception {
        int before = rowCount();
        assertInvalid(body(uniqueMetric(), "four hours", "BUSINESS", 75), "duration");
        assertInvalid(body(uniqueMetric(), "PT0S", "BUSINESS", 75), "duration");
        assertInvalid(body(uniqueMetric(), "-PT1H", "BUSINESS", 75), "duration");
        // a day of business time is ambiguous: hours please
        assertInvalid(body(uniqueMetric(), "P2D", "BUSINESS", 75), "duration");
        assertInvalid(body(uniqueMetric(), "PT4H", "BUSINESS", 0), "warningPercent");
        assertInvalid(body(uniqueMetric(), "PT4H", "BUSINESS", 100), "warningPercent");
        assertInvalid(body("Escalation Acknowledge", "PT4H", "BUSINESS", 75), "metric");
        assertInvalid(body("escalation", "PT4H", "BUSINESS", 75), "metric");
        assertInvalid(body(uniqueMetric(), "PT4H", "WEEKDAYS", 75), "calendar");
        assertInvalid(body(uniqueMetric(), "PT4H", "BUSINESS", 75).replace("\"P2\"", "\"P9\""), "priority");
        assertInvalid(body(uniqueMetric(), "PT4H", "BUSINESS", 75).replace("\"STANDARD\"", "\"GOLD\""), "tier");
        assertInvalid(
                "{\"tier\":\"STANDARD\",\"priority\":\"P1\",\"metric\":\"a.b\",\"calendar\":\"BUSINESS\","
                        + "\"warningPercent\":50}",
                "duration");
        assertThat(call("csm", HttpMethod.GET, "/api/sla-targets?tier=GOLD", null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rowCount()).isEqualTo(before);
    }

    @Test
    void duplicateIsAConflictAndUpdateKeepsTheRowOnBadInput() throws Exception {
        int before = rowCount();
        ResponseEntity<String> duplicate = call(
                "service-manager", HttpMethod.POST, "/api/sla-targets", body("cab.decision", "PT3H", "BUSINESS", 75));
        assertThat(duplicate.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(rowCount()).isEqualTo(before);

        JsonNode seeded = read(call(
                        "csm", HttpMethod.GET, "/api/sla-targets?tier=STANDARD&priority=P2&metric=cab.decision", null))
                .get(0);
        long id = seeded.get("id").asLong();
        ResponseEntity<String> bad = call(
                "service-manager",
                HttpMethod.PUT,
                "/api/sla-targets/" + id,
                body("cab.decision", "soon", "BUSINESS", 75));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        // moving a target onto another existing key is a conflict too
        ResponseEntity<String> clash = call(
                "service-manager",
                HttpMethod.PUT,
                "/api/sla-targets/" + id,
                body("rca.delivered", "PT3H", "BUSINESS", 75));
        assertThat(clash.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        JsonNode after = read(call("csm", HttpMethod.GET, "/api/sla-targets/" + id, null));
        assertThat(after.get("duration").asText())
                .isEqualTo(seeded.get("duration").asText());
        assertThat(after.get("version").asLong())
                .isEqualTo(seeded.get("version").asLong());
    }

    private void assertInvalid(String body, String field) throws Exception {
        ResponseEntity<String> response = call("service-manager", HttpMethod.POST, "/api/sla-targets", body);
        assertThat(response.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode errors = read(response).get("errors");
        assertThat(errors).as(response.getBody()).isNotNull();
        assertThat(errors.findValuesAsText("field")).as(body).contains(field);
    }
}
