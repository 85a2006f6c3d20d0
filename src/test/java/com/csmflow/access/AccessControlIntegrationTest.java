package com.csmflow.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.TestServers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * End to end on embedded PostgreSQL through the API, mail in GreenMail: access rights are security data
 * (ISEC, IT, the service's SM and DM; a right without a service only ISEC, IT and the admin), a csm or cse
 * reads none of a client's rights or reviews, and the people concerned get their mails.
 */
@CsmFlowTest
class AccessControlIntegrationTest {

    static final Instant TUESDAY_MORNING = Instant.parse("2026-12-01T09:00:00Z");

    @Autowired
    ProcessEngine engine;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    AccessFixtures access;

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(TUESDAY_MORNING));
        access = new AccessFixtures(engine, jdbc, rest, json);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void accessRightsAreReadOnlyByIsecItAndTheServicesManagersAndTheGranteeIsMailed() throws Exception {
        String client = access.newClient();
        String service = access.newService(client);
        Map<String, Object> ofService = AccessFixtures.body(client, "cse", "SIEM console", "analyst");
        ofService.put("serviceReference", service);
        // a csm asks; the answer names the reference and status, nothing else
        ResponseEntity<String> created = access.call("csm", HttpMethod.POST, "/api/access-requests", ofService);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        JsonNode receipt = access.read(created);
        String serviceRight = receipt.path("reference").asText();
        assertThat(created.getHeaders().getLocation()).hasToString("/api/access-rights/" + serviceRight);
        assertThat(receipt.has("grantee")).isFalse();
        String plainRight = access.request("cse", AccessFixtures.body(client, "cse", "Mail gateway", "admin"));

        // a csm or cse cannot read access rights of a client
        for (String user : List.of("csm", "cse")) {
            assertThat(status(user, "/api/access-rights/" + serviceRight)).isEqualTo(403);
            assertThat(status(user, "/api/access-rights?clientReference=" + client))
                    .isEqualTo(403);
            assertThat(access.call(
                                    user,
                                    HttpMethod.POST,
                                    "/api/access-rights/" + serviceRight + "/revocation",
                                    Map.of("reason", "x"))
                            .getStatusCode()
                            .value())
                    .isEqualTo(403);
            assertThat(status(user, "/api/access-reviews?clientReference=" + client))
                    .isEqualTo(403);
        }
        // ISEC and IT read every right, the service's SM and DM the right of their service only
        for (String user : List.of("isec", "it", "admin")) {
            assertThat(status(user, "/api/access-rights/" + plainRight)).isEqualTo(200);
            assertThat(references(user, client)).containsExactlyInAnyOrder(serviceRight, plainRight);
        }
        for (String user : List.of("service-manager", "delivery-manager")) {
            assertThat(status(user, "/api/access-rights/" + serviceRight)).isEqualTo(200);
            assertThat(status(user, "/api/access-rights/" + plainRight)).isEqualTo(403);
            assertThat(references(user, client)).containsExactly(serviceRight);
        }
        JsonNode view =
                access.read(access.call("service-manager", HttpMethod.GET, "/api/access-rights/" + serviceRight, null));
        assertThat(view.path("serviceReference").asText()).isEqualTo(service);
        assertThat(view.path("requestedBy").asText()).isEqualTo("csm");
        assertThat(view.path("status").asText()).isEqualTo("REQUESTED");

        // refusals name the field
        Map<String, Object> unknownService = AccessFixtures.body(client, "cse", "SIEM console", "analyst");
        unknownService.put("serviceReference", "SVC-NOPE");
        ResponseEntity<String> refused = access.call("csm", HttpMethod.POST, "/api/access-requests", unknownService);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody()).contains("serviceReference");
        ResponseEntity<String> notStaff = access.call(
                "csm", HttpMethod.POST, "/api/access-requests", AccessFixtures.body(client, "nobody", "x", "y"));
        assertThat(notStaff.getStatusCode().value()).isEqualTo(400);
        assertThat(notStaff.getBody()).contains("grantee");
        assertThat(status("isec", "/api/access-rights/ACR-1999-0001")).isEqualTo(404);
        assertThat(status("isec", "/api/access-rights?status=GONE")).isEqualTo(400);

        // approved and provided: the grantee and the requester get the mail (GreenMail)
        access.approveAndProvide(serviceRight, "isec");
        access.runDueJobs(serviceRight);
        List<MimeMessage> mails = Arrays.stream(TestServers.mail().getReceivedMessages())
                .filter(mail -> subject(mail).startsWith(serviceRight + ": "))
                .toList();
        assertThat(mails)
                .as("outbox: %s", access.outbox(serviceRight, "access-right-active"))
                .hasSize(2);
        assertThat(mails)
                .flatExtracting(mail -> Arrays.stream(mail.getAllRecipients())
                        .map(Address::toString)
                        .toList())
                .containsExactlyInAnyOrder("cse@demo.csmflow.example", "csm@demo.csmflow.example");
        assertThat(subject(mails.get(0))).isEqualTo(serviceRight + ": the access right is active");

        // the service's DM may ask for the revocation of its right, not of another
        assertThat(access.call(
                                "delivery-manager",
                                HttpMethod.POST,
                                "/api/access-rights/" + plainRight + "/revocation",
                                Map.of("reason", "not mine"))
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        ResponseEntity<String> revocation = access.call(
                "delivery-manager",
                HttpMethod.POST,
                "/api/access-rights/" + serviceRight + "/revocation",
                Map.of("reason", "Service handed over"));
        assertThat(revocation.getStatusCode().value()).as(revocation.getBody()).isEqualTo(202);
        assertThat(access.call("isec", HttpMethod.POST, "/api/access-rights/" + serviceRight + "/revocation", Map.of())
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        access.complete(access.task(serviceRight, AccessRightProcess.TASK_REVOKE), "it", Map.of("removed", true));
        access.runDueJobs(serviceRight);
        assertThat(Arrays.stream(TestServers.mail().getReceivedMessages())
                        .filter(mail -> subject(mail).equals(serviceRight + ": the access right was revoked")))
                .hasSize(2);
        JsonNode revoked = access.read(access.call("isec", HttpMethod.GET, "/api/access-rights/" + serviceRight, null));
        assertThat(revoked.path("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.path("revocationRequestedBy").asText()).isEqualTo("delivery-manager");
        assertThat(revoked.path("revocationReason").asText()).isEqualTo("Service handed over");
        assertThat(revoked.path("revokedAutomatically").asBoolean()).isFalse();

        // reviews: opened by ISEC only, read by ISEC and IT
        assertThat(access.call(
                                "service-manager",
                                HttpMethod.POST,
                                "/api/access-reviews",
                                Map.of("clientReference", client))
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        ResponseEntity<String> review =
                access.call("isec", HttpMethod.POST, "/api/access-reviews", Map.of("clientReference", client));
        assertThat(review.getStatusCode().value()).as(review.getBody()).isEqualTo(201);
        String reviewReference = access.read(review).path("reference").asText();
        assertThat(status("it", "/api/access-reviews/" + reviewReference + "/evidence.csv"))
                .isEqualTo(200);
        assertThat(status("service-manager", "/api/access-reviews/" + reviewReference))
                .isEqualTo(403);
        assertThat(status("csm", "/api/access-reviews/" + reviewReference + "/evidence"))
                .isEqualTo(403);
        assertThat(access.read(access.call("it", HttpMethod.GET, "/api/access-reviews?clientReference=" + client, null))
                        .findValuesAsText("reference"))
                .containsExactly(reviewReference);
    }

    private int status(String user, String path) {
        return access.call(user, HttpMethod.GET, path, null).getStatusCode().value();
    }

    private List<String> references(String user, String client) {
        ResponseEntity<String> list =
                access.call(user, HttpMethod.GET, "/api/access-rights?clientReference=" + client, null);
        assertThat(list.getStatusCode().value()).as(list.getBody()).isEqualTo(200);
        return access.read(list).findValuesAsText("reference");
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
