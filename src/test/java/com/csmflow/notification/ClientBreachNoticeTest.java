package com.csmflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.client.Client;
import com.csmflow.client.ClientRepository;
import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.TestServers;
import com.csmflow.sla.SlaBreachWatch;
import com.csmflow.sla.SlaClockBreached;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The client hears of an SLA violation (004 SLM): when a clock of a client-facing target passes its due, the
 * SLA kernel's breach watch announces it once, and the client's notice contacts get a mail in the client's
 * language saying which target was missed and what is being done (the case's open step and who has it);
 * delivered through SMTP (GreenMail). A client whose contract turns breach notices off hears nothing.
 */
@CsmFlowTest
class ClientBreachNoticeTest {

    /** Wednesday 3 March 2027, 09:00 in Berlin. */
    static final Instant T0 = Instant.parse("2027-03-03T08:00:00Z");

    @Autowired
    RuntimeService runtime;

    @Autowired
    RepositoryService repository;

    @Autowired
    ManagementService management;

    @Autowired
    IdentityService identity;

    @Autowired
    ClientRepository clients;

    @Autowired
    OutboxRepository outbox;

    @Autowired
    SlaBreachWatch watch;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    NotificationFixtures fx;
    String complaint;

    @BeforeEach
    void setUp() throws Exception {
        fx = new NotificationFixtures(runtime, repository, management, identity, clients, outbox);
        fx.reset(T0);
    }

    @AfterEach
    void tearDown() {
        runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(complaint)
                .list()
                .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test done"));
        // the fixture's client goes: so do the rows that name it (the SLA board reads every clock's client)
        jdbc.update("DELETE FROM sla_clock WHERE business_key = ?", complaint);
        jdbc.update("DELETE FROM complaint WHERE reference = ?", complaint);
        fx.cleanUp();
    }

    @Test
    void aBreachOfAClientFacingTargetIsMailedToAGermanClientsContactsInGermanWithWhatIsBeingDone() throws Exception {
        Client client = fx.client("de");
        complaint = raiseComplaint(client);
        Instant due = due(complaint);

        // just before the due nothing is announced; just after, once
        ClockUtil.setCurrentTime(Date.from(due.minusSeconds(60)));
        assertThat(watch.announceDueBreaches())
                .extracting(SlaClockBreached::businessKey)
                .doesNotContain(complaint);
        ClockUtil.setCurrentTime(Date.from(due.plusSeconds(60)));
        List<SlaClockBreached> announced = watch.announceDueBreaches();
        assertThat(announced)
                .filteredOn(breach -> breach.businessKey().equals(complaint))
                .singleElement()
                .satisfies(breach -> assertThat(breach.metric()).isEqualTo("complaint.acknowledge"));
        assertThat(watch.announceDueBreaches())
                .extracting(SlaClockBreached::businessKey)
                .doesNotContain(complaint);
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey(ClientBreachNotices.PROCESS_KEY)
                        .processInstanceBusinessKey(complaint)
                        .count())
                .isOne();

        // the notice is written at once and delivered in the client's business hours (Berlin, Mon-Fri 09-17):
        // move on an hour at a time until it is out
        String anna = NotificationFixtures.contact(client, "anna");
        for (int hour = 0; hour <= 24 && breachMails(anna).isEmpty(); hour++) {
            ClockUtil.setCurrentTime(Date.from(due.plusSeconds(60).plus(Duration.ofHours(hour))));
            fx.runDueJobs(complaint);
        }
        List<MimeMessage> breachMails = breachMails(anna);
        assertThat(breachMails).hasSize(1);
        Timestamp sentAt = jdbc.queryForObject(
                "SELECT sent_at FROM notification_outbox WHERE business_key = ? AND template_id = 'sla-breach-client'"
                        + " AND recipient = ?",
                Timestamp.class,
                complaint,
                anna);
        ZonedDateTime sentInBerlin = sentAt.toInstant().atZone(ZoneId.of("Europe/Berlin"));
        assertThat(sentInBerlin.getDayOfWeek()).isBetween(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThat(sentInBerlin.toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(17, 0));
        MimeMessage mail = breachMails.get(0);
        assertThat(mail.getSubject()).isEqualTo(complaint + ": ein Service-Level-Ziel wurde verfehlt");
        String text = plainText(mail);
        assertThat(text)
                .contains("complaint.acknowledge")
                .contains("Was jetzt geschieht")
                .contains("Acknowledge the complaint to the client")
                .contains("Client Service Manager");
        assertThat(mailsTo(NotificationFixtures.contact(client, "bert")))
                .as("a contact without service notices")
                .isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT language FROM notification_outbox WHERE business_key = ? AND template_id = 'sla-breach-client'"
                                + " AND recipient = ?",
                        String.class,
                        complaint,
                        NotificationFixtures.contact(client, "anna")))
                .isEqualTo("de");
    }

    @Test
    void aClientWhoseContractSaysNoHearsNothing() {
        Client client = fx.client("de");
        client.setNotifyClientOfBreaches(false);
        clients.save(client);
        complaint = raiseComplaint(client);
        ClockUtil.setCurrentTime(Date.from(due(complaint).plusSeconds(60)));
        assertThat(watch.announceDueBreaches())
                .extracting(SlaClockBreached::businessKey)
                .contains(complaint);
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey(ClientBreachNotices.PROCESS_KEY)
                        .processInstanceBusinessKey(complaint)
                        .count())
                .isZero();
    }

    private String raiseComplaint(Client client) {
        ResponseEntity<String> created = rest.withBasicAuth("csm", "csm")
                .postForEntity(
                        "/api/complaints",
                        Map.of(
                                "clientReference", client.getReference(),
                                "contact", NotificationFixtures.contact(client, "anna"),
                                "category", "service",
                                "priority", "P3",
                                "description", "Nobody answers the hotline"),
                        String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        try {
            return json.readTree(created.getBody()).path("reference").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Instant due(String businessKey) {
        return jdbc.queryForObject(
                        "SELECT due_at FROM sla_clock WHERE business_key = ? AND metric = 'complaint.acknowledge'",
                        Timestamp.class,
                        businessKey)
                .toInstant();
    }

    private static List<MimeMessage> breachMails(String address) {
        return mailsTo(address).stream()
                .filter(mail -> subject(mail).contains("Service-Level-Ziel"))
                .toList();
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(TestServers.mail().getReceivedMessages())
                .filter(mail -> {
                    try {
                        return Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
                                .anyMatch(to -> to.toString().contains(address));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String plainText(MimeMessage mail) throws Exception {
        Object content = mail.getContent();
        if (content instanceof String text) {
            return text;
        }
        return plainText((Multipart) content);
    }

    private static String plainText(Multipart multipart) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof Multipart nested) {
                String found = plainText(nested);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
