package com.csmflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 15, item 6: every {@code /api} list pages in its database query. More rows than one page are
 * written straight into the register tables (the lists only read them); the answers must be the
 * filtered rows, page by page, with the filtered total in {@code X-Total-Count}.
 */
@CsmFlowTest
class ListPagingTest {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper json;

    @Test
    void sipActionsArePagedWithTheFiltersInTheQuery() throws Exception {
        String client = "PG-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String other = client + "-X";
        Set<String> openOfClient = new HashSet<>();
        for (int i = 0; i < 70; i++) {
            openOfClient.add(insertSipAction(client, "OPEN"));
        }
        for (int i = 0; i < 10; i++) {
            insertSipAction(client, "DONE");
        }
        for (int i = 0; i < 5; i++) {
            insertSipAction(other, "OPEN");
        }

        ResponseEntity<String> first = get("/api/sip-actions?clientReference=" + client + "&status=OPEN");
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(200);
        assertThat(first.getHeaders().getFirst("X-Total-Count")).isEqualTo("70");
        assertThat(first.getHeaders().getFirst("Link"))
                .contains("page=1", "size=50", "rel=\"next\"", "clientReference=" + client, "status=OPEN");
        List<JsonNode> page0 = rows(first);
        assertThat(page0).hasSize(50);

        ResponseEntity<String> second = get("/api/sip-actions?clientReference=" + client + "&status=OPEN&page=1");
        assertThat(second.getHeaders().getFirst("X-Total-Count")).isEqualTo("70");
        assertThat(second.getHeaders().getFirst("Link"))
                .as("no page after the last")
                .isNull();
        List<JsonNode> page1 = rows(second);
        assertThat(page1).hasSize(20);

        Set<String> listed = new HashSet<>();
        for (JsonNode row : concat(page0, page1)) {
            assertThat(row.get("clientReference").asText()).isEqualTo(client);
            assertThat(row.get("status").asText()).isEqualTo("OPEN");
            listed.add(row.get("reference").asText());
        }
        assertThat(listed).as("two pages, no row twice, none missing").isEqualTo(openOfClient);

        ResponseEntity<String> small = get("/api/sip-actions?clientReference=" + client + "&size=200");
        assertThat(rows(small)).hasSize(80);
        assertThat(small.getHeaders().getFirst("X-Total-Count")).isEqualTo("80");
    }

    @Test
    void escalationsAreFilteredAndPagedInTheDatabaseNewestFirst() throws Exception {
        String client = "PGE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String status = i % 4 == 0 ? "CLOSED" : "ACKNOWLEDGED";
            String reference = insertEscalation(client, status, start.plusSeconds(60L * i));
            if (!status.equals("CLOSED")) {
                acknowledged.add(0, reference); // newest first
            }
        }

        ResponseEntity<String> first =
                get("/api/escalations?clientReference=" + client + "&status=ACKNOWLEDGED&size=20");
        assertThat(first.getHeaders().getFirst("X-Total-Count")).isEqualTo("45");
        ResponseEntity<String> third =
                get("/api/escalations?clientReference=" + client + "&status=ACKNOWLEDGED&size=20&page=2");
        assertThat(third.getHeaders().getFirst("Link")).isNull();
        List<String> listed = new ArrayList<>();
        concat(
                        rows(first),
                        rows(get("/api/escalations?clientReference=" + client + "&status=ACKNOWLEDGED&size=20&page=1")),
                        rows(third))
                .forEach(row -> listed.add(row.get("reference").asText()));
        assertThat(listed).as("in order, newest first, across pages").isEqualTo(acknowledged);
    }

    @Test
    void pagingOutOfRangeIsA400NamingTheField() throws Exception {
        for (String path : List.of(
                "/api/escalations",
                "/api/sip-actions",
                "/api/problems",
                "/api/risks",
                "/api/changes",
                "/api/sla-targets",
                "/api/sla-clocks",
                "/api/notifications",
                "/api/registers/billing-record",
                "/api/audit?register=client",
                "/api/incidents?clientReference=X",
                "/api/clients")) {
            String separator = path.contains("?") ? "&" : "?";
            assertRefused(path + separator + "size=201", "size");
            assertRefused(path + separator + "size=0", "size");
            assertRefused(path + separator + "page=-1", "page");
            assertRefused(path + separator + "page=2147483647&size=2", "page");
            assertThat(get(path + separator + "page=0&size=200").getStatusCode().value())
                    .as(path)
                    .isEqualTo(200);
        }
    }

    @Test
    void theOpenApiDescriptionNamesThePagingHeadersAndLimits() throws Exception {
        JsonNode list = json.readTree(get("/api/openapi").getBody())
                .path("paths")
                .path("/api/sip-actions")
                .path("get");
        assertThat(list.path("responses").path("200").path("headers").has("X-Total-Count"))
                .as(list.toString())
                .isTrue();
        assertThat(list.path("responses").path("200").path("headers").has("Link"))
                .isTrue();
        JsonNode size = null;
        for (JsonNode parameter : list.path("parameters")) {
            if (parameter.path("name").asText().equals("size")) {
                size = parameter;
            }
        }
        assertThat(size).isNotNull();
        assertThat(size.path("schema").path("maximum").asInt()).isEqualTo(200);
        assertThat(size.path("schema").path("default").asText()).isEqualTo("50");
    }

    private void assertRefused(String path, String field) throws Exception {
        ResponseEntity<String> answer = get(path);
        assertThat(answer.getStatusCode().value())
                .as(path + ": " + answer.getBody())
                .isEqualTo(400);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(json.readTree(answer.getBody()).toString()).as(path).contains("\"" + field + "\"");
    }

    private ResponseEntity<String> get(String path) {
        return rest.withBasicAuth("service-manager", "service-manager").getForEntity(path, String.class);
    }

    private List<JsonNode> rows(ResponseEntity<String> answer) throws Exception {
        JsonNode body = json.readTree(answer.getBody());
        assertThat(body.isArray()).as(answer.getBody()).isTrue();
        List<JsonNode> rows = new ArrayList<>();
        body.forEach(rows::add);
        return rows;
    }

    @SafeVarargs
    private static List<JsonNode> concat(List<JsonNode>... pages) {
        List<JsonNode> all = new ArrayList<>();
        for (List<JsonNode> page : pages) {
            all.addAll(page);
        }
        return all;
    }

    private String insertSipAction(String client, String status) {
        String reference = "SIP-" + UUID.randomUUID().toString().substring(0, 12);
        jdbc.update(
                "INSERT INTO sip_action (reference, client_reference, source_type, description, target_date,"
                        + " status, created_at, updated_at) VALUES (?, ?, 'csm', 'paging probe', ?, ?, ?, ?)",
                reference,
                client,
                java.sql.Date.valueOf(LocalDate.of(2027, 1, 1)),
                status,
                Timestamp.from(Instant.parse("2026-12-01T09:00:00Z")),
                Timestamp.from(Instant.parse("2026-12-01T09:00:00Z")));
        return reference;
    }

    private String insertEscalation(String client, String status, Instant raisedAt) {
        String reference = "ESC-" + UUID.randomUUID().toString().substring(0, 12);
        jdbc.update(
                "INSERT INTO escalation (reference, client_reference, source, subject, reported_impact,"
                        + " level_reached, status, raised_at, updated_at, reopen_count) VALUES (?, ?, 'client', 'paging probe',"
                        + " 'high', 'CSM', ?, ?, ?, 0)",
                reference,
                client,
                status,
                Timestamp.from(raisedAt),
                Timestamp.from(raisedAt));
        return reference;
    }
}
