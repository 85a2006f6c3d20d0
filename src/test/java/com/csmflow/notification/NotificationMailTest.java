package com.csmflow.notification;

import static com.csmflow.notification.NotificationFixtures.ALICE;
import static com.csmflow.notification.NotificationFixtures.BOB;
import static com.csmflow.notification.NotificationFixtures.contact;
import static com.csmflow.notification.NotificationFixtures.mailsTo;
import static com.csmflow.notification.NotificationFixtures.onlyMailTo;
import static com.csmflow.notification.NotificationFixtures.part;
import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.client.Client;
import com.csmflow.client.ClientRepository;
import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.TestServers;
import com.csmflow.servicedesk.ServiceDeskRequestProcess;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Who gets the mail and what it says, on a real SMTP server (GreenMail). */
@CsmFlowTest
class NotificationMailTest {

    /** A Wednesday, 10:00 in Berlin: business hours, so nothing is held. */
    static final Instant WEDNESDAY_MORNING = Instant.parse("2026-06-10T08:00:00Z");

    @Autowired
    org.camunda.bpm.engine.HistoryService history;

    @Autowired
    RuntimeService runtime;

    @Autowired
    RepositoryService repository;

    @Autowired
    ManagementService management;

    @Autowired
    IdentityService identity;

    @Autowired
    TaskService tasks;

    @Autowired
    ClientRepository clients;

    @Autowired
    OutboxRepository outbox;

    @Autowired
    TestRestTemplate rest;

    NotificationFixtures fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new NotificationFixtures(runtime, repository, management, identity, clients, outbox);
        fx.reset(WEDNESDAY_MORNING);
    }

    @AfterEach
    void tearDown() {
        fx.cleanUp();
    }

    @Test
    void groupMembersAndNoticeContactsGetTheRenderedMailInTheirLanguage() throws Exception {
        Client client = fx.client("de");
        String process = fx.deployNotifyProcess(
                Map.of(
                        NotifyDelegate.TEMPLATE,
                        "notify-probe",
                        NotifyDelegate.RECIPIENT_GROUPS,
                        NotificationFixtures.PROBE_GROUP,
                        NotifyDelegate.CLIENT_CONTACTS,
                        "true",
                        NotifyDelegate.CLIENT_REFERENCE,
                        client.getReference()),
                null);
        String summary = "<b>Printer</b> & \"toner\" ${7*7} ${summary}";
        ProcessInstance instance = fx.start(process, Map.of("summary", summary));

        fx.runDueJobs(instance.getBusinessKey());

        assertThat(TestServers.mail().getReceivedMessages()).hasSize(3);
        assertThat(mailsTo(contact(client, "bert")))
                .as("contact without service notices")
                .isEmpty();

        MimeMessage staff = onlyMailTo(ALICE);
        assertThat(staff.getSubject()).isEqualTo("Update on " + instance.getBusinessKey() + " for " + client.getName());
        assertThat(part(staff, "text/plain")).contains("has news: " + summary);
        assertThat(part(staff, "text/html"))
                .contains("<b>" + instance.getBusinessKey() + "</b>")
                .contains("&lt;b&gt;Printer&lt;/b&gt; &amp; &quot;toner&quot; ${7*7} ${summary}")
                .doesNotContain("<b>Printer</b>");
        assertThat(onlyMailTo(BOB).getSubject()).startsWith("Update on ");

        MimeMessage clientMail = onlyMailTo(contact(client, "anna"));
        assertThat(clientMail.getSubject())
                .isEqualTo("Neuigkeiten zu " + instance.getBusinessKey() + " für " + client.getName());
        assertThat(part(clientMail, "text/plain")).contains("gibt es Neuigkeiten: " + summary);

        List<OutboxEntry> rows = fx.outboxOf(instance);
        assertThat(rows)
                .extracting(OutboxEntry::getRecipient)
                .containsExactlyInAnyOrder(ALICE, BOB, contact(client, "anna"));
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.getStatus()).isEqualTo(NotificationStatus.SENT);
            assertThat(row.getAttempts()).isEqualTo(1);
            assertThat(row.getSentAt()).isEqualTo(WEDNESDAY_MORNING);
        });
        assertThat(rows)
                .filteredOn(row -> row.getAudience() == Audience.CLIENT)
                .extracting(OutboxEntry::getLanguage)
                .containsExactly("de");
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(instance.getBusinessKey())
                        .count())
                .as("notifying and delivery instances ended")
                .isZero();
    }

    @Test
    void assigneesAndExplicitAddressesAreMailedOnceEach() throws Exception {
        String process = fx.deployNotifyProcess(
                Map.of(
                        NotifyDelegate.TEMPLATE,
                        "notify-probe",
                        NotifyDelegate.RECIPIENT_USERS,
                        "${handledBy}",
                        NotifyDelegate.RECIPIENT_GROUPS,
                        NotificationFixtures.PROBE_GROUP,
                        NotifyDelegate.TO,
                        "Desk@Client.example, desk@client.example"),
                null);
        ProcessInstance instance = fx.start(process, Map.of("summary", "s", "handledBy", "np-bob"));

        fx.runDueJobs(instance.getBusinessKey());

        assertThat(mailsTo(BOB)).as("in the group and the assignee: one mail").hasSize(1);
        assertThat(mailsTo(ALICE)).hasSize(1);
        assertThat(mailsTo("desk@client.example")).hasSize(1);
        assertThat(TestServers.mail().getReceivedMessages()).hasSize(3);
    }

    @Test
    void aGermanClientReadsItsMailsInGermanAndEveryReaderSeesDatesInTheirZoneWithTheZoneNamed() throws Exception {
        Client german = fx.client("de");
        Client newYork = fx.client("en", java.time.ZoneId.of("America/New_York"));
        Map<String, Object> change = Map.of(
                "title", "Firewall firmware",
                "description", "Firmware 17.3",
                "impactedServices", List.of("Networking", "VPN"),
                // as the schedule form writes it, in another offset than any reader's
                "windowStart", "2026-12-07T23:30Z",
                "windowEnd", "2026-12-08T01:30Z");

        ProcessInstance escalation = fx.start(
                fx.deployNotifyProcess(
                        Map.of(
                                NotifyDelegate.TEMPLATE, "escalation-acknowledged",
                                NotifyDelegate.CLIENT_CONTACTS, "true",
                                NotifyDelegate.CLIENT_REFERENCE, german.getReference()),
                        null),
                Map.of("subject", "VPN down", "severity", "high"));
        ProcessInstance notice = fx.start(
                fx.deployNotifyProcess(
                        Map.of(
                                NotifyDelegate.TEMPLATE,
                                "change-maintenance-notice",
                                NotifyDelegate.CLIENT_CONTACTS,
                                "true",
                                NotifyDelegate.CLIENT_REFERENCE,
                                german.getReference(),
                                NotifyDelegate.RECIPIENT_GROUPS,
                                NotificationFixtures.PROBE_GROUP),
                        null),
                change);
        ProcessInstance usNotice = fx.start(
                fx.deployNotifyProcess(
                        Map.of(
                                NotifyDelegate.TEMPLATE, "change-maintenance-notice",
                                NotifyDelegate.CLIENT_CONTACTS, "true",
                                NotifyDelegate.CLIENT_REFERENCE, newYork.getReference(),
                                NotifyDelegate.URGENT, "true"),
                        null),
                change);
        fx.runDueJobs(escalation.getBusinessKey());
        fx.runDueJobs(notice.getBusinessKey());
        fx.runDueJobs(usNotice.getBusinessKey());

        List<MimeMessage> toGermanClient = mailsTo(contact(german, "anna"));
        assertThat(toGermanClient)
                .extracting(MimeMessage::getSubject)
                .containsExactlyInAnyOrder(
                        "Ihre Eskalation " + escalation.getBusinessKey() + " wird bearbeitet",
                        "Geplante Wartung Di., 8. Dez. 2026, 00:30 MEZ: Firewall firmware (" + notice.getBusinessKey()
                                + ")");
        MimeMessage germanNotice = toGermanClient.stream()
                .filter(mail -> subject(mail).startsWith("Geplante Wartung"))
                .findFirst()
                .orElseThrow();
        assertThat(part(germanNotice, "text/plain"))
                .contains("Wartungsfenster: Di., 8. Dez. 2026, 00:30 MEZ bis Di., 8. Dez. 2026, 02:30 MEZ")
                .doesNotContain("2026-12-07T", "2026-12-08T");
        assertThat(part(
                        toGermanClient.stream()
                                .filter(mail -> subject(mail).startsWith("Ihre Eskalation"))
                                .findFirst()
                                .orElseThrow(),
                        "text/plain"))
                .contains("wir haben Ihre Eskalation „VPN down“");

        // staff read English, in the platform's zone (csmflow.notification.staff-time-zone, Europe/Berlin)
        assertThat(part(onlyMailTo(ALICE), "text/plain"))
                .contains("Maintenance window: Tue 8 Dec 2026, 00:30 CET to Tue 8 Dec 2026, 02:30 CET");
        // a client in New York reads the same window in its own zone
        MimeMessage usMail = onlyMailTo(contact(newYork, "anna"));
        assertThat(usMail.getSubject()).startsWith("Scheduled maintenance Mon 7 Dec 2026, 18:30 EST: ");
        assertThat(part(usMail, "text/plain"))
                .contains("Maintenance window: Mon 7 Dec 2026, 18:30 EST to Mon 7 Dec 2026, 20:30 EST");
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void missingLanguageFallsBackToEnglish() throws Exception {
        Client client = fx.client("fr");
        String process = fx.deployNotifyProcess(
                Map.of(
                        NotifyDelegate.TEMPLATE,
                        "notify-probe",
                        NotifyDelegate.CLIENT_CONTACTS,
                        "true",
                        NotifyDelegate.CLIENT_REFERENCE,
                        client.getReference()),
                null);
        ProcessInstance instance = fx.start(process, Map.of("summary", "ok"));

        fx.runDueJobs(instance.getBusinessKey());

        assertThat(onlyMailTo(contact(client, "anna")).getSubject()).startsWith("Update on ");
        assertThat(fx.outboxOf(instance)).extracting(OutboxEntry::getLanguage).containsExactly("en");
    }

    @Test
    void serviceDeskRequestTellsTheRequesterTheOutcome() throws Exception {
        ProcessInstance instance = runtime.startProcessInstanceByKey(
                ServiceDeskRequestProcess.KEY,
                "SDR-NTF-1",
                Map.of(
                        "clientReference",
                        "ALPENWERK",
                        ServiceDeskRequestProcess.CATEGORY.name(),
                        "other",
                        "priority",
                        "P3",
                        ServiceDeskRequestProcess.SUBJECT.name(),
                        "VPN <down>",
                        ServiceDeskRequestProcess.REQUESTER_EMAIL.name(),
                        "Requester@Client.example",
                        ServiceDeskRequestProcess.DESCRIPTION.name(),
                        "d"));
        Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        tasks.complete(
                task.getId(),
                Map.of(
                        ServiceDeskRequestProcess.RESOLUTION.name(),
                        "Token renewed & tested",
                        ServiceDeskRequestProcess.OUTCOME.name(),
                        "resolved"));

        fx.runDueJobs("SDR-NTF-1");

        // the acknowledgement with the reference, then the outcome; ALPENWERK reads German
        // (started with a business key of its own: the register still issues the SDR reference the mails name)
        String reference = (String) history.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .variableName(ServiceDeskRequestProcess.REQUEST_REFERENCE.name())
                .singleResult()
                .getValue();
        assertThat(reference).matches("SDR-\\d{4}-\\d{4,}");
        List<MimeMessage> mails = mailsTo("requester@client.example");
        assertThat(mails)
                .extracting(MimeMessage::getSubject)
                .containsExactlyInAnyOrder(
                        reference + ": Ihre Anfrage \"VPN <down>\" ist eingegangen",
                        reference + ": Ihre Anfrage \"VPN <down>\": resolved");
        MimeMessage mail = mails.stream()
                .filter(m -> {
                    try {
                        return m.getSubject().endsWith("resolved");
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst()
                .orElseThrow();
        assertThat(part(mail, "text/plain")).contains("Token renewed & tested").contains(reference);
        assertThat(part(mail, "text/html")).contains("VPN &lt;down&gt;").contains("Token renewed &amp; tested");
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceId(instance.getId())
                        .count())
                .isZero();
    }

    @Test
    void outboxIsReadableByManagersAndCsmButNotByOthers() {
        String process = fx.deployNotifyProcess(
                Map.of(NotifyDelegate.TEMPLATE, "notify-probe", NotifyDelegate.TO, "someone@client.example"), null);
        ProcessInstance instance = fx.start(process, Map.of("summary", "x"));
        fx.runDueJobs(instance.getBusinessKey());

        ResponseEntity<List> asCsm = rest.withBasicAuth("csm", "csm")
                .getForEntity(
                        "/api/notifications?businessKey=" + instance.getBusinessKey() + "&status=SENT", List.class);
        assertThat(asCsm.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(asCsm.getBody()).hasSize(1);
        Map<?, ?> row = (Map<?, ?>) asCsm.getBody().get(0);
        assertThat(row.get("recipients")).isEqualTo(List.of("someone@client.example"));
        assertThat(row.get("status")).isEqualTo("SENT");
        assertThat(row.get("channel")).isEqualTo("MAIL");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(row.get("createdAt")).isNotNull();
        assertThat(row.get("sentAt")).isNotNull();

        assertThat(rest.withBasicAuth("dc-head", "dc-head")
                        .getForEntity(
                                "/api/notifications?businessKey=" + instance.getBusinessKey() + "&status=FAILED",
                                List.class)
                        .getBody())
                .isEmpty();
        assertThat(rest.withBasicAuth("cse", "cse")
                        .getForEntity("/api/notifications", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<Map> invalid =
                rest.withBasicAuth("csm", "csm").getForEntity("/api/notifications?status=LOST", Map.class);
        assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(invalid.getBody().toString()).contains("field=status");
    }
}
