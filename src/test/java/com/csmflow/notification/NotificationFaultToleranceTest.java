package com.csmflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.csmflow.client.ClientRepository;
import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.TestServers;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the two-node fault test (ops/fault-test.sh) relies on: the delivery retry cycle comes from
 * {@code csmflow.notification.retry-cycle}, a row that another node is sending is not sent a second
 * time, and every attempt of one row carries the same Message-ID.
 */
@CsmFlowTest
class NotificationFaultToleranceTest {

    static final Instant NOW = Instant.parse("2026-06-10T08:00:00Z");

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
    OutboxDelivery delivery;

    @Autowired
    NotificationRetry retry;

    @Autowired
    MailChannel mailChannel;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JdbcTemplate jdbc;

    NotificationFixtures fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new NotificationFixtures(runtime, repository, management, identity, clients, outbox);
        fx.reset(NOW);
    }

    @AfterEach
    void tearDown() {
        retry.use(NotificationRetry.DEFAULT_CYCLE);
        fx.cleanUp();
    }

    @Test
    void theDeliveryJobRetriesOnTheConfiguredCycleThenRaisesAnIncident() throws Exception {
        assertThat(retry.getCycle())
                .as("the default when the property is not set")
                .isEqualTo(NotificationRetry.DEFAULT_CYCLE);
        retry.use("PT2S, PT3S");
        ProcessInstance instance = startUrgentProbe("cycle@client.example", "short cycle");
        TestServers.stopMail();
        fx.runNotifyStep(instance);
        String deliveryInstance = fx.handOverFailedDelivery(instance.getBusinessKey()); // attempt 1
        Job job =
                management.createJobQuery().processInstanceId(deliveryInstance).singleResult();

        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("Could not deliver 1");
        Job first = management.createJobQuery().jobId(job.getId()).singleResult();
        assertThat(first.getRetries()).as("two intervals: two retries left").isEqualTo(2);
        assertThat(first.getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofSeconds(2))));

        assertThatThrownBy(() -> management.executeJob(job.getId()));
        Job second = management.createJobQuery().jobId(job.getId()).singleResult();
        assertThat(second.getRetries()).isEqualTo(1);
        assertThat(second.getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofSeconds(3))));

        assertThatThrownBy(() -> management.executeJob(job.getId()));
        assertThat(management.createJobQuery().jobId(job.getId()).singleResult().getRetries())
                .isZero();
        Incident incident = runtime.createIncidentQuery()
                .processInstanceId(deliveryInstance)
                .singleResult();
        assertThat(incident).as("three attempts, then an incident").isNotNull();
        assertThat(incident.getActivityId()).isEqualTo(NotificationDeliveryProcess.TASK_DELIVER);
        assertThat(fx.outboxOf(instance).get(0).getAttempts())
                .as("the delivery job's attempt and the instance's three")
                .isEqualTo(4);

        TestServers.startMail();
        management.setJobRetries(job.getId(), 1);
        management.executeJob(job.getId());
        assertThat(NotificationFixtures.mailsTo("cycle@client.example")).hasSize(1);
        assertThat(runtime.createIncidentQuery()
                        .processInstanceId(deliveryInstance)
                        .count())
                .isZero();
    }

    @Test
    void aBadCycleIsRefused() {
        assertThatThrownBy(() -> retry.use("every minute")).hasMessageContaining("retry-cycle");
        assertThatThrownBy(() -> retry.use("PT1M,")).hasMessageContaining("retry-cycle");
        assertThatThrownBy(() -> retry.use("R3/soon")).hasMessageContaining("retry-cycle");
        assertThat(NotificationRetry.validate(" R5/PT5M ")).isEqualTo("R5/PT5M");
        assertThat(retry.getCycle()).isEqualTo(NotificationRetry.DEFAULT_CYCLE);
    }

    /**
     * Node A is sending a row (it holds the row's lock) when node B runs the same delivery, e.g. after
     * A's job lock expired. B waits for A, then finds the row SENT and sends nothing. Before the fix B
     * read the row as open and sent it a second time.
     */
    @Test
    void aRowThatAnotherNodeIsSendingIsNotSentAgain() throws Exception {
        ProcessInstance instance = startUrgentProbe("race@client.example", "race");
        fx.runNotifyStep(instance);
        long id = fx.outboxOf(instance).get(0).getId();

        TransactionTemplate nodeA = new TransactionTemplate(transactionManager);
        nodeA.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        CompletableFuture<Void>[] nodeB = new CompletableFuture[1];
        nodeA.executeWithoutResult(status -> {
            jdbc.queryForObject("SELECT status FROM notification_outbox WHERE id = ? FOR UPDATE", String.class, id);
            nodeB[0] = CompletableFuture.runAsync(() -> delivery.deliver(List.of(id)));
            sleep(700);
            assertThat(nodeB[0]).as("node B waits while node A sends").isNotDone();
            // node A's send succeeded; it records SENT and commits
            jdbc.update(
                    "UPDATE notification_outbox SET status = 'SENT', attempts = attempts + 1, sent_at = now() WHERE id = ?",
                    id);
        });
        nodeB[0].get(30, TimeUnit.SECONDS);

        assertThat(NotificationFixtures.mailsTo("race@client.example"))
                .as("node B sent nothing")
                .isEmpty();
        OutboxEntry row = outbox.findById(id).orElseThrow();
        assertThat(row.getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(row.getAttempts()).isEqualTo(1);
    }

    @Test
    void everyAttemptOfARowCarriesTheSameMessageId() throws Exception {
        ProcessInstance instance = startUrgentProbe("msgid@client.example", "message id");
        fx.runNotifyStep(instance);
        OutboxEntry row = fx.outboxOf(instance).get(0);
        fx.runDueJobs(instance.getBusinessKey());

        MimeMessage mail = NotificationFixtures.onlyMailTo("msgid@client.example");
        String expected = mailChannel.messageId(row);
        assertThat(expected).matches("<notification\\." + row.getId() + "\\.\\d+@csmflow\\.example>");
        assertThat(mail.getMessageID()).isEqualTo(expected);
        assertThat(mail.getHeader("X-CSMFlow-Notification-Id")[0]).isEqualTo(String.valueOf(row.getId()));
        assertThat(MailChannel.domainOf("CSM Flow <noreply@csmflow.example>")).isEqualTo("csmflow.example");
        assertThat(MailChannel.domainOf("ops@mail.example.org")).isEqualTo("mail.example.org");
    }

    /** The mail is with the server when send returns; the connection (QUIT) is closed only afterwards. */
    @Test
    void theSmtpConnectionIsClosedOnlyAfterTheSendWasRecorded() throws Exception {
        ProcessInstance instance = startUrgentProbe("quit@client.example", "quit later");
        fx.runNotifyStep(instance);
        OutboxEntry row = fx.outboxOf(instance).get(0);

        List<AutoCloseable> afterCommit = new ArrayList<>();
        assertThat(mailChannel.send(row, afterCommit)).isNull();
        assertThat(NotificationFixtures.mailsTo("quit@client.example"))
                .as("accepted by the server")
                .hasSize(1);
        assertThat(afterCommit)
                .singleElement()
                .isInstanceOfSatisfying(
                        jakarta.mail.Transport.class,
                        transport -> assertThat(transport.isConnected())
                                .as("QUIT not sent yet")
                                .isTrue());
        jakarta.mail.Transport transport = (jakarta.mail.Transport) afterCommit.get(0);
        MailChannel.closeQuietly(afterCommit);
        assertThat(transport.isConnected()).isFalse();
        assertThat(afterCommit).isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An instance of a one-step process that notifies {@code to} with the urgent probe template. */
    private ProcessInstance startUrgentProbe(String to, String summary) {
        String process = fx.deployNotifyProcess(
                Map.of(NotifyDelegate.TEMPLATE, "notify-probe", NotifyDelegate.TO, to, NotifyDelegate.URGENT, "true"),
                null);
        return fx.start(process, Map.of("summary", summary));
    }
}
