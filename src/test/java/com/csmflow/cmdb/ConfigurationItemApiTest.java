package com.csmflow.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The CMDB through {@code /api/cis} on embedded PostgreSQL (issue 18 item 4): registering, validation naming the
 * field, the list's filters and paging, editing with PUT and PATCH, the audit trail and who may write.
 */
@CsmFlowTest
class ConfigurationItemApiTest {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper json;

    @Test
    void itemsAreRegisteredWithACiReferenceAndTheirFieldsAreCheckedNamingTheField() throws Exception {
        String client = CmdbFixtures.newClient(rest);
        ResponseEntity<String> created =
                post("cse", CmdbFixtures.item(client, "fw-edge-01", "firewall", "network security"));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode item = json.readTree(created.getBody());
        String reference = item.path("reference").asText();
        assertThat(reference).matches("CI-\\d{4}-\\d{4,}");
        assertThat(created.getHeaders().getLocation()).hasToString("/api/cis/" + reference);
        assertThat(item.path("clientReference").asText()).isEqualTo(client);
        assertThat(item.path("type").asText()).isEqualTo("FIREWALL");
        assertThat(item.path("device").asBoolean()).isTrue();
        assertThat(item.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(item.path("recordedBy").asText()).isEqualTo("cse");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM register_audit WHERE register = 'configuration_item' AND reference = ?"
                                + " AND action = 'CREATE'",
                        Long.class,
                        reference))
                .isEqualTo(1L);

        Map<String, Object> noName = CmdbFixtures.item(client, " ", "server", "compute");
        assertRefused(post("cse", noName), "name");
        assertRefused(post("cse", CmdbFixtures.item(client, "x", "toaster", "compute")), "type");
        assertRefused(post("cse", CmdbFixtures.item(client, "x", "server", null)), "technologyGroup");
        assertRefused(post("cse", CmdbFixtures.item("NO-SUCH-CLIENT", "x", "server", "compute")), "clientReference");
        Map<String, Object> badStatus = CmdbFixtures.item(client, "x", "server", "compute");
        badStatus.put("status", "BROKEN");
        assertRefused(post("cse", badStatus), "status");
        Map<String, Object> tooLong = CmdbFixtures.item(client, "x".repeat(201), "server", "compute");
        assertRefused(post("cse", tooLong), "name");
        // nothing of the refused ones was written
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM configuration_item WHERE client_reference = ?", Long.class, client))
                .isEqualTo(1L);

        // the roles that look after the CMDB write it, everyone reads it
        assertThat(post("dc-head", CmdbFixtures.item(client, "x", "server", "compute"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("dc-head", "dc-head")
                        .getForEntity("/api/cis/" + reference, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/api/cis/CI-1999-0001", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theListFiltersByClientTypeTechnologyGroupAndStatusAndPages() throws Exception {
        String client = CmdbFixtures.newClient(rest);
        String other = CmdbFixtures.newClient(rest);
        List<String> mine = new ArrayList<>();
        mine.add(create(client, "core-sw-01", "network_device", "network"));
        mine.add(create(client, "core-sw-02", "network device", "network"));
        mine.add(create(client, "erp", "application", "business apps"));
        Map<String, Object> planned = CmdbFixtures.item(client, "fw-dr-01", "FIREWALL", "network security");
        planned.put("status", "PLANNED");
        mine.add(reference(post("csm", planned)));
        create(other, "core-sw-01", "network_device", "network");

        assertThat(list("?clientReference=" + client.toLowerCase())).hasSize(4);
        assertThat(list("?clientReference=" + client + "&type=NETWORK_DEVICE"))
                .containsExactly(mine.get(0), mine.get(1));
        assertThat(list("?clientReference=" + client + "&technologyGroup=business apps"))
                .containsExactly(mine.get(2));
        assertThat(list("?clientReference=" + client + "&status=PLANNED")).containsExactly(mine.get(3));
        assertThat(list("?type=NETWORK_DEVICE&technologyGroup=network")).contains(mine.get(0), mine.get(1));

        ResponseEntity<String> firstPage = rest.withBasicAuth("cse", "cse")
                .getForEntity("/api/cis?clientReference=" + client + "&size=3", String.class);
        assertThat(firstPage.getHeaders().getFirst("X-Total-Count")).isEqualTo("4");
        assertThat(firstPage.getHeaders().getFirst("Link")).contains("page=1");
        assertThat(json.readTree(firstPage.getBody())).hasSize(3);
        assertThat(list("?clientReference=" + client + "&size=3&page=1")).hasSize(1);

        assertRefused(rest.withBasicAuth("cse", "cse").getForEntity("/api/cis?type=toaster", String.class), "type");
        assertRefused(rest.withBasicAuth("cse", "cse").getForEntity("/api/cis?status=gone", String.class), "status");
        assertRefused(rest.withBasicAuth("cse", "cse").getForEntity("/api/cis?size=500", String.class), "size");
    }

    @Test
    void putReplacesPatchChangesWhatItGivesTheClientNeverChangesAndARetiredItemStaysRetired() throws Exception {
        String client = CmdbFixtures.newClient(rest);
        String other = CmdbFixtures.newClient(rest);
        String reference = create(client, "sql-01", "database", "data");

        Map<String, Object> replaced = CmdbFixtures.item(client, "sql-01a", "server", "compute");
        replaced.put("location", "DC2 rack 4");
        replaced.put("owner", "Ms Ortiz");
        replaced.put("version", "2022 CU12");
        JsonNode put = json.readTree(
                exchange("cse", HttpMethod.PUT, reference, replaced).getBody());
        assertThat(put.path("name").asText()).isEqualTo("sql-01a");
        assertThat(put.path("type").asText()).isEqualTo("SERVER");
        assertThat(put.path("location").asText()).isEqualTo("DC2 rack 4");
        assertThat(put.path("version").asText()).isEqualTo("2022 CU12");

        // PUT needs every required field
        Map<String, Object> missing = new LinkedHashMap<>(replaced);
        missing.remove("technologyGroup");
        assertRefused(exchange("cse", HttpMethod.PUT, reference, missing), "technologyGroup");

        ResponseEntity<String> patched =
                exchange("csm", HttpMethod.PATCH, reference, Map.of("status", "maintenance", "owner", "Mr Lee"));
        assertThat(patched.getStatusCode()).as(patched.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode patch = json.readTree(patched.getBody());
        assertThat(patch.path("status").asText()).isEqualTo("MAINTENANCE");
        assertThat(patch.path("owner").asText()).isEqualTo("Mr Lee");
        assertThat(patch.path("name").asText()).as("untouched by PATCH").isEqualTo("sql-01a");
        assertThat(patch.path("location").asText()).isEqualTo("DC2 rack 4");

        assertRefused(
                exchange("csm", HttpMethod.PATCH, reference, Map.of("clientReference", other)), "clientReference");
        assertRefused(exchange("csm", HttpMethod.PATCH, reference, Map.of("type", "toaster")), "type");
        assertThat(exchange("dc-head", HttpMethod.PATCH, reference, Map.of("owner", "x"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(exchange("csm", HttpMethod.PATCH, reference, Map.of("status", "RETIRED"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(exchange("csm", HttpMethod.PATCH, reference, Map.of("status", "ACTIVE"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);

        // every edit is in the audit log with the values before and after
        assertThat(jdbc.queryForList(
                        "SELECT action FROM register_audit WHERE register = 'configuration_item' AND reference = ?"
                                + " ORDER BY id",
                        String.class,
                        reference))
                .containsExactly("CREATE", "UPDATE", "UPDATE", "UPDATE");
    }

    // ---------------------------------------------------------------- helpers

    private String create(String client, String name, String type, String group) throws Exception {
        return reference(post("cse", CmdbFixtures.item(client, name, type, group)));
    }

    private String reference(ResponseEntity<String> created) throws Exception {
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        return json.readTree(created.getBody()).path("reference").asText();
    }

    private List<String> list(String query) throws Exception {
        ResponseEntity<String> answer = rest.withBasicAuth("cse", "cse").getForEntity("/api/cis" + query, String.class);
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        List<String> references = new ArrayList<>();
        json.readTree(answer.getBody())
                .forEach(item -> references.add(item.path("reference").asText()));
        return references;
    }

    private ResponseEntity<String> post(String user, Object body) {
        return rest.withBasicAuth(user, user).postForEntity("/api/cis", body, String.class);
    }

    private ResponseEntity<String> exchange(String user, HttpMethod method, String reference, Object body) {
        return rest.withBasicAuth(user, user)
                .exchange("/api/cis/" + reference, method, new HttpEntity<>(body), String.class);
    }

    private void assertRefused(ResponseEntity<String> answer, String field) throws Exception {
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(CmdbFixtures.errorFields(json.readTree(answer.getBody())))
                .as("%s names %s", answer.getBody(), field)
                .contains(field);
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
