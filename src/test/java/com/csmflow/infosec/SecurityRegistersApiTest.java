package com.csmflow.infosec;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 19, F11 and F15 through the API on embedded PostgreSQL: isec records controls and assets with
 * their risk assessment, IT records assets; every bad field is a 400 naming it with nothing written; the
 * lists page; the SM of a service reads its rows and no other service's, a csm reads none; a security
 * event names an asset of the inventory, which gives it its name and criticality.
 */
@CsmFlowTest
class SecurityRegistersApiTest {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void controlsAreRecordedReadPerServiceAndPaged() throws Exception {
        String own = service("service-manager");
        String foreign = service("sm-elsewhere");
        JsonNode backup = created("isec", "/api/security-controls", control(own, "Backup policy", "2027-03-01"));
        assertThat(backup.path("reference").asText()).matches("CTL-\\d{4}-\\d{4,}");
        assertThat(backup.path("status").asText()).isEqualTo("EFFECTIVE");
        assertThat(backup.path("nextReviewOn").asText()).isEqualTo("2027-03-01");
        assertThat(backup.path("reviewCycle").asText()).isEqualTo("P3M");
        String other = created("isec", "/api/security-controls", control(foreign, "Clean desk", "2027-03-02"))
                .path("reference")
                .asText();
        created("isec", "/api/security-controls", control(own, "MFA for administrators", "2027-02-01"));

        // the SM of the service reads its controls, due first, paged; not the other service's
        JsonNode page = list("service-manager", "/api/security-controls?serviceReference=" + own + "&size=1");
        assertThat(page.findValuesAsText("name")).containsExactly("MFA for administrators");
        ResponseEntity<String> paged = rest.withBasicAuth("service-manager", "service-manager")
                .getForEntity("/api/security-controls?serviceReference=" + own + "&size=1", String.class);
        assertThat(paged.getHeaders().getFirst("X-Total-Count")).isEqualTo("2");
        assertThat(list("service-manager", "/api/security-controls?dueBy=2027-02-15&size=200")
                        .findValuesAsText("name"))
                .contains("MFA for administrators")
                .doesNotContain("Backup policy", "Clean desk");
        assertThat(status("service-manager", "/api/security-controls/" + other)).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(status(
                        "service-manager",
                        "/api/security-controls/" + backup.path("reference").asText()))
                .isEqualTo(HttpStatus.OK);
        assertThat(list("isec", "/api/security-controls?size=200").findValuesAsText("reference"))
                .contains(other, backup.path("reference").asText());
        assertThat(status("csm", "/api/security-controls")).isEqualTo(HttpStatus.FORBIDDEN);
        // only isec records controls
        assertThat(rest.withBasicAuth("service-manager", "service-manager")
                        .postForEntity("/api/security-controls", control(own, "X", null), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        // bad input: a 400 naming the field, nothing written
        int before = count("security_control");
        assertField("/api/security-controls", with(control(own, "Y", null), "category", "magic"), "category");
        assertField("/api/security-controls", with(control(own, "Y", null), "reviewCycle", "P2D"), "reviewCycle");
        assertField("/api/security-controls", with(control(own, "Y", null), "owner", "nobody-at-all"), "owner");
        assertField("/api/security-controls", with(control(own, "Y", null), "name", " "), "name");
        assertField(
                "/api/security-controls", with(control(own, "Y", null), "clientReference", "NOPE"), "clientReference");
        assertField(
                "/api/security-controls",
                with(control(own, "Y", null), "clientReference", "HUDSON-MUTUAL"),
                "serviceReference");
        assertField(
                "/api/security-controls",
                with(control(own, "Y", null), "firstReviewOn", "2040-01-01"),
                "firstReviewOn");
        assertField("/api/security-controls", with(control(own, "Y", null), "firstReviewOn", "soon"), "firstReviewOn");
        assertThat(status("isec", "/api/security-controls?dueBy=tomorrow")).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(count("security_control")).isEqualTo(before);
    }

    @Test
    void assetsCarryTheirRiskAndASecurityEventNamesOne() throws Exception {
        String own = service("service-manager");
        JsonNode share = created("it", "/api/security-assets", asset(own, "HR file share", 4, 4));
        String reference = share.path("reference").asText();
        assertThat(reference).matches("AST-\\d{4}-\\d{4,}");
        assertThat(share.path("riskScore").asInt()).isEqualTo(16);
        assertThat(share.path("riskLevel").asText()).isEqualTo("CRITICAL");
        assertThat(share.path("assessedBy").asText()).isEqualTo("it");
        JsonNode printer = created("isec", "/api/security-assets", asset(own, "Floor printer", 2, 2));
        assertThat(printer.path("riskLevel").asText()).isEqualTo("LOW");
        assertThat(created("isec", "/api/security-assets", asset(own, "CRM", 2, 3))
                        .path("riskLevel")
                        .asText())
                .isEqualTo("MEDIUM");
        assertThat(created("isec", "/api/security-assets", asset(own, "VPN", 2, 5))
                        .path("riskLevel")
                        .asText())
                .isEqualTo("HIGH");
        // highest risk first; the SM of the service reads them, a csm does not
        assertThat(list("service-manager", "/api/security-assets?serviceReference=" + own)
                        .findValuesAsText("name"))
                .containsExactly("HR file share", "VPN", "CRM", "Floor printer");
        assertThat(list("delivery-manager", "/api/security-assets?riskLevel=critical&serviceReference=" + own)
                        .findValuesAsText("name"))
                .containsExactly("HR file share");
        assertThat(status("csm", "/api/security-assets/" + reference)).isEqualTo(HttpStatus.FORBIDDEN);

        int before = count("security_asset");
        assertField("/api/security-assets", with(asset(own, "Z", 4, 4), "likelihood", 6), "likelihood");
        assertField("/api/security-assets", with(asset(own, "Z", 4, 4), "impact", 0), "impact");
        assertField("/api/security-assets", with(asset(own, "Z", 4, 4), "assetType", "cloud"), "assetType");
        assertField("/api/security-assets", with(asset(own, "Z", 4, 4), "criticality", "huge"), "criticality");
        assertField("/api/security-assets", with(asset(own, "Z", 4, 4), "personalData", null), "personalData");
        assertField("/api/security-assets", with(asset(own, "Z", 4, 4), "treatment", ""), "treatment");
        assertThat(count("security_asset")).isEqualTo(before);

        // the start form's asset picker offers it to those who may read the inventory, not to a csm
        String path = "/engine-rest/process-definition/key/security-event/deployed-start-form";
        ResponseEntity<String> isecForm = rest.withBasicAuth("isec", "isec").getForEntity(path, String.class);
        assertThat(isecForm.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(isecForm.getBody()).contains(reference, "HR file share (" + reference);
        ResponseEntity<String> csmForm = rest.withBasicAuth("csm", "csm").getForEntity(path, String.class);
        assertThat(csmForm.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csmForm.getBody()).contains("assetReference").doesNotContain(reference);

        // a security event names the asset: its name and criticality come from the inventory
        Map<String, Object> report = new HashMap<>();
        report.put("clientReference", "ALPENWERK");
        report.put("eventType", "data-leak");
        report.put("assetReference", reference);
        report.put("personalData", true);
        report.put("description", "DLP alert on the HR share");
        report.put("source", "siem");
        String event =
                created("it", "/api/security-events", report).path("reference").asText();
        JsonNode read = list("isec", "/api/security-events/" + event);
        assertThat(read.path("asset").asText()).isEqualTo("HR file share");
        assertThat(read.path("assetReference").asText()).isEqualTo(reference);
        assertThat(read.path("assetCriticality").asText()).isEqualTo("HIGH");
        assertThat(read.path("serviceReference").asText()).isEqualTo(own);
        report.put("assetReference", "AST-0000-0000");
        assertField("/api/security-events", report, "assetReference");
        report.put("assetReference", reference);
        report.put("clientReference", "HUDSON-MUTUAL");
        assertField("/api/security-events", report, "assetReference");
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Object> control(String service, String name, String firstReview) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientReference", "ALPENWERK");
        body.put("serviceReference", service);
        body.put("name", name);
        body.put("description", name + ": what it requires and how it is checked");
        body.put("category", "technological");
        body.put("owner", "isec");
        body.put("reviewCycle", "p3m");
        body.put("firstReviewOn", firstReview);
        return body;
    }

    private static Map<String, Object> asset(String service, String name, int likelihood, int impact) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientReference", "ALPENWERK");
        body.put("serviceReference", service);
        body.put("name", name);
        body.put("assetType", "information");
        body.put("owner", "it");
        body.put("criticality", "high");
        body.put("personalData", true);
        body.put("threats", "Insider copying; ransomware");
        body.put("vulnerabilities", "Broad share permissions");
        body.put("likelihood", likelihood);
        body.put("impact", impact);
        body.put("treatment", "Reduce: least-privilege groups, DLP on the share");
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private JsonNode created(String user, String path, Map<String, Object> body) throws Exception {
        ResponseEntity<String> response = rest.withBasicAuth(user, user).postForEntity(path, body, String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode node = json.readTree(response.getBody());
        assertThat(response.getHeaders().getLocation())
                .hasToString(path + "/" + node.path("reference").asText());
        return node;
    }

    private void assertField(String path, Map<String, Object> body, String field) {
        ResponseEntity<String> refused = rest.withBasicAuth("isec", "isec").postForEntity(path, body, String.class);
        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody()).contains(field);
    }

    private JsonNode list(String user, String path) throws Exception {
        ResponseEntity<String> response = rest.withBasicAuth(user, user).getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(path + " " + response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    private HttpStatus status(String user, String path) {
        return HttpStatus.valueOf(rest.withBasicAuth(user, user)
                .getForEntity(path, String.class)
                .getStatusCode()
                .value());
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }

    private String service(String serviceManager) {
        String reference = "SVC-REG-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        Timestamp now = Timestamp.from(Instant.parse("2026-12-01T09:00:00Z"));
        jdbc.update(
                "INSERT INTO managed_service (reference, client_reference, request_reference, service_name,"
                        + " service_manager, delivery_manager, price_model, scope, starts_on, term_end,"
                        + " staffing_follow_up_cycle, governance_cycle, team_assessment_cycle,"
                        + " individual_assessment_cycle, status, created_at, updated_at)"
                        + " VALUES (?, 'ALPENWERK', ?, 'Registers test service', ?, 'delivery-manager',"
                        + " 'fixed-price', 'Test scope', DATE '2026-01-01', DATE '2027-12-31', 'P1M', 'P1M', 'P3M',"
                        + " 'P6M', 'ENDED', ?, ?)",
                reference,
                "SR-" + reference,
                serviceManager,
                now,
                now);
        return reference;
    }
}
