package com.csmflow.infosec;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.TestServers;
import com.csmflow.notification.DeliveryJobs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Security events through the domain API on embedded PostgreSQL: a SIEM's report is recorded, classified
 * and handled, isec and the client get their mails (GreenMail); the register is read by isec and IT, by
 * the SM and DM of the event's service only, and by no csm or cse.
 */
@CsmFlowTest
class SecurityEventApiTest {

    static final Instant TUESDAY_MORNING = Instant.parse("2026-12-01T09:00:00Z");

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    ManagementService managementService;

    private static int services;

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(TUESDAY_MORNING));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aSiemReportIsRecordedClassifiedMailedAndReadOnlyByThoseWhoMay() throws Exception {
        String own = service("ALPENWERK", "service-manager");
        ResponseEntity<String> created = rest.withBasicAuth("it", "it")
                .postForEntity("/api/security-events", report(own, "data-leak", "high", true), String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode receipt = json.readTree(created.getBody());
        String reference = receipt.path("reference").asText();
        assertThat(reference).matches("SEC-2026-\\d{4,}");
        assertThat(created.getHeaders().getLocation()).hasToString("/api/security-events/" + reference);
        assertThat(receipt.has("description"))
                .as("the receipt tells nothing of the register")
                .isFalse();

        // isec reads the classified event
        JsonNode event = get("isec", "/api/security-events/" + reference);
        assertThat(event.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(event.path("priority").asText()).isEqualTo("P1");
        assertThat(event.path("escalated").asBoolean()).isTrue();
        assertThat(event.path("serviceReference").asText()).isEqualTo(own);
        assertThat(event.path("reportedBy").asText()).isEqualTo("it");
        assertThat(event.path("source").asText()).isEqualTo("siem");

        // mails: isec and IT at once, the client's contacts in their language, each naming the reference
        deliverEverything(reference);
        assertThat(mailsTo("isec@demo.csmflow.example", reference)).isNotEmpty();
        List<String> clientRecipients = jdbc.queryForList(
                "SELECT recipient FROM notification_outbox WHERE business_key = ? AND template_id = ?",
                String.class,
                reference,
                "security-event-reported");
        assertThat(clientRecipients).isNotEmpty();
        for (String recipient : clientRecipients) {
            assertThat(mailsTo(recipient, reference))
                    .isNotEmpty()
                    .allSatisfy(mail -> assertThat(mail.getSubject()).contains("Sicherheitsereignis"));
        }

        // the SM of the service reads it; of another service's event the same SM learns nothing
        assertThat(get("service-manager", "/api/security-events/" + reference)
                        .path("reference")
                        .asText())
                .isEqualTo(reference);
        String foreign = service("ALPENWERK", "sm-elsewhere");
        String other = json.readTree(rest.withBasicAuth("csm", "csm")
                        .postForEntity("/api/security-events", report(foreign, "phishing", "low", false), String.class)
                        .getBody())
                .path("reference")
                .asText();
        assertThat(rest.withBasicAuth("service-manager", "service-manager")
                        .getForEntity("/api/security-events/" + other, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        JsonNode smList = json.readTree(rest.withBasicAuth("service-manager", "service-manager")
                .getForEntity("/api/security-events?clientReference=ALPENWERK&size=200", String.class)
                .getBody());
        assertThat(smList.findValuesAsText("reference")).contains(reference).doesNotContain(other);
        assertThat(smList.findValuesAsText("serviceReference")).doesNotContain(foreign, "null");
        JsonNode isecList = json.readTree(rest.withBasicAuth("isec", "isec")
                .getForEntity("/api/security-events?clientReference=ALPENWERK&size=200", String.class)
                .getBody());
        assertThat(isecList.findValuesAsText("reference")).contains(reference, other);

        // a csm or cse reports but reads nothing
        for (String user : List.of("csm", "cse")) {
            assertThat(rest.withBasicAuth(user, user)
                            .getForEntity("/api/security-events/" + reference, String.class)
                            .getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(rest.withBasicAuth(user, user)
                            .getForEntity("/api/security-events", String.class)
                            .getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(rest.withBasicAuth(user, user)
                            .getForEntity("/api/infosec-plans", String.class)
                            .getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
    }

    @Test
    void aReportIsRefusedNamingTheField() throws Exception {
        assertField(report(null, "alien-invasion", "low", false), "eventType");
        assertField(report(null, "malware", "extreme", false), "assetCriticality");
        Map<String, Object> noClient = report(null, "malware", "low", false);
        noClient.put("clientReference", "NO-SUCH-CLIENT");
        assertField(noClient, "clientReference");
        String hudsons = service("HUDSON-MUTUAL", "service-manager");
        assertField(report(hudsons, "malware", "low", false), "serviceReference");
        Map<String, Object> noFlag = report(null, "malware", "low", false);
        noFlag.remove("personalData");
        assertField(noFlag, "personalData");
    }

    @Test
    void infosecPlansAreListedForIsecAndNotFoundWhenUnknown() throws Exception {
        assertThat(rest.withBasicAuth("it", "it")
                        .getForEntity("/api/infosec-plans", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(rest.withBasicAuth("isec", "isec")
                        .getForEntity("/api/infosec-plans/ISP-1999-0001", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.withBasicAuth("isec", "isec")
                        .getForEntity("/api/infosec-plans?status=BOGUS", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private void assertField(Map<String, Object> body, String field) throws Exception {
        ResponseEntity<String> refused =
                rest.withBasicAuth("isec", "isec").postForEntity("/api/security-events", body, String.class);
        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody()).contains(field);
    }

    private Map<String, Object> report(String service, String type, String criticality, boolean personalData) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientReference", "ALPENWERK");
        if (service != null) {
            body.put("serviceReference", service);
        }
        body.put("eventType", type);
        body.put("asset", "HR file share");
        body.put("assetCriticality", criticality);
        body.put("personalData", personalData);
        body.put("description", "DLP alert: salary list copied to a USB stick");
        body.put("source", "siem");
        return body;
    }

    private JsonNode get(String user, String path) throws Exception {
        ResponseEntity<String> response = rest.withBasicAuth(user, user).getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    /** Runs the jobs of every instance with the business key (the event, its mail deliveries) until none is due. */
    private void deliverEverything(String businessKey) {
        for (int round = 0; round < 50; round++) {
            Date now = ClockUtil.getCurrentTime();
            List<Job> due = java.util.stream.Stream.concat(
                            DeliveryJobs.of(managementService, businessKey).stream(),
                            runtimeService
                                    .createProcessInstanceQuery()
                                    .processInstanceBusinessKey(businessKey)
                                    .list()
                                    .stream()
                                    .map(ProcessInstance::getId)
                                    .flatMap(id ->
                                            managementService
                                                    .createJobQuery()
                                                    .processInstanceId(id)
                                                    .active()
                                                    .list()
                                                    .stream())
                                    .filter(job -> job.getRetries() > 0)
                                    .filter(job -> job.getDuedate() == null
                                            || !job.getDuedate().after(now)))
                    .toList();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> managementService.executeJob(job.getId()));
        }
    }

    private static List<MimeMessage> mailsTo(String address, String about) throws Exception {
        List<MimeMessage> found = new java.util.ArrayList<>();
        for (MimeMessage mail : TestServers.mail().getReceivedMessages()) {
            Address[] recipients = mail.getAllRecipients();
            if (recipients != null
                    && Arrays.stream(recipients).anyMatch(r -> r.toString().equalsIgnoreCase(address))
                    && mail.getSubject().contains(about)) {
                found.add(mail);
            }
        }
        return found;
    }

    private String service(String client, String serviceManager) {
        String reference = "SVC-API-" + (++services) + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Timestamp now = Timestamp.from(TUESDAY_MORNING);
        jdbc.update(
                "INSERT INTO managed_service (reference, client_reference, request_reference, service_name,"
                        + " service_manager, delivery_manager, price_model, scope, starts_on, term_end,"
                        + " staffing_follow_up_cycle, governance_cycle, team_assessment_cycle,"
                        + " individual_assessment_cycle, status, created_at, updated_at)"
                        + " VALUES (?, ?, ?, 'API test service', ?, 'delivery-manager', 'fixed-price', 'Test scope',"
                        + " DATE '2026-01-01', DATE '2027-12-31', 'P1M', 'P1M', 'P3M', 'P6M', 'ENDED', ?, ?)",
                reference,
                client,
                "SR-" + reference,
                serviceManager,
                now,
                now);
        return reference;
    }
}
