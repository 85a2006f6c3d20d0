package com.csmflow.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** A fresh client and configuration item bodies for the CMDB tests. */
public final class CmdbFixtures {

    private CmdbFixtures() {}

    /** A new active client, registered by the CSM; its reference. */
    public static String newClient(TestRestTemplate rest) {
        Map<String, Object> body = new LinkedHashMap<>();
        String reference =
                "CMDB-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        body.put("reference", reference);
        body.put("name", "CMDB test client " + reference);
        body.put("tier", "STANDARD");
        body.put("language", "en");
        body.put("timeZone", "Europe/London");
        body.put("businessDayStart", "09:00");
        body.put("businessDayEnd", "17:00");
        body.put("businessDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"));
        body.put("holidayRegion", "GB");
        body.put("designatedCsm", "csm");
        body.put("cseTeam", List.of("cse"));
        ResponseEntity<String> created =
                rest.withBasicAuth("csm", "csm").postForEntity("/api/clients", body, String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        return reference;
    }

    /** The fields a 400 problem detail names ({@code errors: [{field, message}]}), with their messages. */
    public static java.util.Map<String, String> errorMessages(com.fasterxml.jackson.databind.JsonNode problem) {
        java.util.Map<String, String> fields = new LinkedHashMap<>();
        problem.path("errors")
                .forEach(error -> fields.put(
                        error.path("field").asText(), error.path("message").asText()));
        return fields;
    }

    public static java.util.Set<String> errorFields(com.fasterxml.jackson.databind.JsonNode problem) {
        return errorMessages(problem).keySet();
    }

    /** The refusal naming a field that a task listener's wrapped exception carries (the engine wraps it). */
    public static com.csmflow.api.InvalidInputException refusal(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof com.csmflow.api.InvalidInputException invalid) {
                return invalid;
            }
        }
        throw new AssertionError("no refusal naming a field in " + thrown, thrown);
    }

    /** An active item of the client. */
    public static Map<String, Object> item(String client, String name, String type, String technologyGroup) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientReference", client);
        body.put("name", name);
        body.put("type", type);
        body.put("technologyGroup", technologyGroup);
        body.put("location", "DC1");
        body.put("owner", "client IT");
        body.put("status", "ACTIVE");
        return body;
    }

    /** Registers an item through {@code POST /api/cis} as the CSE; its CI reference. */
    public static String register(TestRestTemplate rest, String client, String name, String type, String status) {
        Map<String, Object> body = item(client, name, type, "network security");
        body.put("status", status);
        ResponseEntity<String> created = rest.withBasicAuth("cse", "cse").postForEntity("/api/cis", body, String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        String answer = created.getBody();
        int at = answer.indexOf("\"reference\":\"") + "\"reference\":\"".length();
        return answer.substring(at, answer.indexOf('"', at));
    }
}
