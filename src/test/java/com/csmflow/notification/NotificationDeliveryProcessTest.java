package com.csmflow.notification;

import static com.csmflow.notification.NotificationFixtures.ALICE;
import static com.csmflow.notification.NotificationFixtures.contact;
import static com.csmflow.notification.NotificationFixtures.mailsTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.csmflow.client.Client;
import com.csmflow.client.ClientRepository;
import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The notification-delivery process on both paths (its process test coverage is measured): non-urgent
 * client notices wait on the timer for the client's business hours; urgent ones and staff mail go at once.
 */
@CsmFlowTest
class NotificationDeliveryProcessTest {

    /** Saturday 13 June 2026, 14:00 in Berlin: the client (Mon-Fri 09:00-17:00) is closed. */
    static final Instant SATURDAY = Instant.parse("2026-06-13T12:00:00Z");
    /** Monday 15 June 2026, 09:00 in Berlin (CEST). */
    static final Instant MONDAY_OPENING = Instant.parse("2026-06-15T07:00:00Z");

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
    org.camunda.bpm.engine.HistoryService history;

    @Autowired
    OutboxRepository outbox;

    @Autowired
    org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl engineConfiguration;

    NotificationFixtures fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new NotificationFixtures(runtime, repository, management, identity, clients, outbox);
        fx.reset(SATURDAY);
    }

    @AfterEach
    void tearDown() {
        fx.cleanUp();
    }

    @Test
    void nonUrgentClientNoticeIsHeldUntilTheNextBusinessHourWhileStaffGetItAtOnce() throws Exception {
        Client client = fx.client("en");
        String process = fx.deployNotifyProcess(
                Map.of(
                        NotifyDelegate.TEMPLATE,
                        "notify-probe",
                        NotifyDelegate.CLIENT_CONTACTS,
                        "true",
                        NotifyDelegate.CLIENT_REFERENCE,
                        client.getReference(),
                        NotifyDelegate.RECIPIENT_GROUPS,
                        NotificationFixtures.PROBE_GROUP),
                null);
        ProcessInstance instance = fx.start(process, Map.of("summary", "maintenance window"));

        fx.runDueJobs(instance.getBusinessKey());

        assertThat(mailsTo(ALICE)).as("staff are told at once").hasSize(1);
        assertThat(mailsTo(contact(client, "anna")))
                .as("the client is not disturbed on a Saturday")
                .isEmpty();
        OutboxEntry held = fx.outboxOf(instance).stream()
                .filter(row -> row.getAudience() == Audience.CLIENT)
                .findFirst()
                .orElseThrow();
        assertThat(held.getStatus()).isEqualTo(NotificationStatus.PENDING);
        assertThat(held.getNotBefore()).isEqualTo(MONDAY_OPENING);
        Job timer = fx.jobs(instance.getBusinessKey()).stream().findFirst().orElseThrow();
        assertThat(timer.getDuedate()).isEqualTo(Date.from(MONDAY_OPENING));

        ClockUtil.setCurrentTime(Date.from(MONDAY_OPENING.minusSeconds(60)));
        fx.runDueJobs(instance.getBusinessKey());
        assertThat(mailsTo(contact(client, "anna"))).as("still Monday 08:59").isEmpty();

        ClockUtil.setCurrentTime(Date.from(MONDAY_OPENING));
        fx.runDueJobs(instance.getBusinessKey());
        assertThat(mailsTo(contact(client, "anna"))).hasSize(1);
        assertThat(outbox.findById(held.getId()).orElseThrow().getSentAt()).isEqualTo(MONDAY_OPENING);
        assertThat(mailsTo(ALICE)).as("staff mail was not sent again").hasSize(1);
        assertThat(fx.jobs(instance.getBusinessKey())).isEmpty();
    }

    @Test
    void aClientNoticeIsNeverHeldPastTheEventItIsAbout() throws Exception {
        Client client = fx.client("en");
        String process = fx.deployNotifyProcess(
                Map.of(
                        NotifyDelegate.TEMPLATE,
                        "notify-probe",
                        NotifyDelegate.CLIENT_CONTACTS,
                        "true",
                        NotifyDelegate.CLIENT_REFERENCE,
                        client.getReference(),
                        NotifyDelegate.EVENT_AT,
                        "${eventAt}"),
                null);
        // the window opens Sunday 02:00 Berlin, before the client's Monday opening: no holding
        Instant sundayNight = Instant.parse("2026-06-14T00:00:00Z");
        ProcessInstance early = fx.start(process, Map.of("summary", "window", "eventAt", Date.from(sundayNight)));
        // the window opens Monday 12:00: holding until Monday 09:00 still tells the client in time
        Instant mondayNoon = Instant.parse("2026-06-15T10:00:00Z");
        ProcessInstance later = fx.start(process, Map.of("summary", "window", "eventAt", "2026-06-15T12:00+02:00"));

        fx.runDueJobs(early.getBusinessKey());
        fx.runDueJobs(later.getBusinessKey());

        OutboxEntry atOnce = fx.outboxOf(early).get(0);
        assertThat(atOnce.getNotBefore()).isNull();
        assertThat(atOnce.getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(atOnce.getSentAt()).isEqualTo(SATURDAY).isBefore(sundayNight);
        assertThat(atOnce.getHoldNote())
                .isEqualTo(
                        "Sent at once, outside business hours: the client's business hours open at"
                                + " Mon 15 Jun 2026, 09:00 CEST, not before the event it is about (Sun 14 Jun 2026, 02:00 CEST)");
        OutboxEntry held = fx.outboxOf(later).get(0);
        assertThat(held.getNotBefore()).isEqualTo(MONDAY_OPENING).isBefore(mondayNoon);
        assertThat(held.getStatus()).isEqualTo(NotificationStatus.PENDING);
        assertThat(held.getHoldNote())
                .isEqualTo("Held until the client's business hours open (Mon 15 Jun 2026, 09:00 CEST)");
        assertThat(mailsTo(contact(client, "anna"))).hasSize(1);
    }

    /**
     * Tuning 19 (docs/performance.md): a delivery instance keeps its process instance, job log and
     * outbox record in the history, not its activity instances and variables; the process that asked
     * for the mail keeps all of its history.
     */
    @Test
    void aDeliveryKeepsItsInstanceAndJobLogButNotItsActivitiesAndVariablesInTheHistory() throws Exception {
        Client client = fx.client("en");
        String process = fx.deployNotifyProcess(
                Map.of(
                        NotifyDelegate.TEMPLATE,
                        "notify-probe",
                        NotifyDelegate.CLIENT_CONTACTS,
                        "true",
                        NotifyDelegate.CLIENT_REFERENCE,
                        client.getReference()),
                null);
        ProcessInstance instance = fx.start(process, Map.of("summary", "outage"));
        fx.runDueJobs(instance.getBusinessKey()); // held until Monday: a delivery instance waits on its timer
        ClockUtil.setCurrentTime(Date.from(MONDAY_OPENING));
        fx.runDueJobs(instance.getBusinessKey());

        assertThat(mailsTo(contact(client, "anna"))).hasSize(1);
        List<org.camunda.bpm.engine.history.HistoricProcessInstance> deliveries =
                history.createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(instance.getBusinessKey())
                        .processDefinitionKey(NotificationDeliveryProcess.KEY)
                        .finished()
                        .list();
        assertThat(deliveries).hasSize(1);
        String delivery = deliveries.get(0).getId();
        assertThat(history.createHistoricJobLogQuery()
                        .processInstanceId(delivery)
                        .successLog()
                        .count())
                .as("the timer and the delivery step")
                .isEqualTo(2);
        assertThat(history.createHistoricActivityInstanceQuery()
                        .processInstanceId(delivery)
                        .count())
                .isZero();
        assertThat(history.createHistoricVariableInstanceQuery()
                        .processInstanceId(delivery)
                        .count())
                .isZero();
        assertThat(history.createHistoricDetailQuery()
                        .processInstanceId(delivery)
                        .count())
                .isZero();
        assertThat(fx.outboxOf(instance).get(0).getSentAt()).isEqualTo(MONDAY_OPENING);
        // the business process's own history is whole
        assertThat(history.createHistoricActivityInstanceQuery()
                        .processInstanceId(instance.getId())
                        .count())
                .isPositive();
        assertThat(history.createHistoricVariableInstanceQuery()
                        .processInstanceId(instance.getId())
                        .variableName("summary")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void urgentClientNoticeGoesAtOnce() throws Exception {
        Client client = fx.client("en");
        String process = fx.deployNotifyProcess(
                Map.of(
                        NotifyDelegate.TEMPLATE,
                        "notify-probe",
                        NotifyDelegate.CLIENT_CONTACTS,
                        "true",
                        NotifyDelegate.CLIENT_REFERENCE,
                        client.getReference(),
                        NotifyDelegate.URGENT,
                        "true"),
                null);
        ProcessInstance instance = fx.start(process, Map.of("summary", "outage"));

        fx.runDueJobs(instance.getBusinessKey());

        assertThat(mailsTo(contact(client, "anna"))).hasSize(1);
        assertThat(fx.outboxOf(instance).get(0).getNotBefore()).isNull();
        assertThat(fx.outboxOf(instance).get(0).getSentAt()).isEqualTo(SATURDAY);
    }

    @Test
    void theBatchTravelsAsAListAndABatchDecidedAsCommaSeparatedTextIsStillDelivered() throws Exception {
        Client client = fx.client("en");
        String process = fx.deployNotifyProcess(
                Map.of(
                        NotifyDelegate.TEMPLATE,
                        "notify-probe",
                        NotifyDelegate.CLIENT_CONTACTS,
                        "true",
                        NotifyDelegate.CLIENT_REFERENCE,
                        client.getReference()),
                null); // held until Monday: an instance carries the batch
        ProcessInstance instance = fx.start(process, Map.of("summary", "outage"));
        fx.runNotifyStep(instance);

        List<String> deliveries = fx.deliveryInstances(instance.getBusinessKey());
        assertThat(deliveries).hasSize(1);
        Object ids = runtime.getVariable(deliveries.get(0), NotificationDeliveryProcess.OUTBOX_IDS.name());
        String id = String.valueOf(fx.outboxOf(instance).get(0).getId());
        assertThat(ids).isInstanceOf(List.class).isEqualTo(List.of(id));
        // what the notify step wrote before lists: a delivery held until business hours may still carry it
        runtime.setVariable(deliveries.get(0), NotificationDeliveryProcess.OUTBOX_IDS.name(), id + ",");

        ClockUtil.setCurrentTime(Date.from(MONDAY_OPENING));
        fx.runDueJobs(instance.getBusinessKey());

        assertThat(mailsTo(contact(client, "anna"))).hasSize(1);
        assertThat(fx.outboxOf(instance).get(0).getSentAt()).isEqualTo(MONDAY_OPENING);
    }

    /**
     * Tuning 23 (docs/performance.md): a batch that may go at once is sent by one job, without a
     * process instance; its job log stays in the history and is dated for the history cleanup.
     */
    @Test
    void aBatchThatMayGoAtOnceIsSentByAJobWithoutAProcessInstance() throws Exception {
        ProcessInstance instance = notifiedUrgently("job@client.example");

        List<Job> jobs = DeliveryJobs.of(management, instance.getBusinessKey());
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).getProcessInstanceId()).isNull();
        assertThat(NotificationDeliveryJob.batchOf(jobs.get(0)).ids())
                .containsExactly(fx.outboxOf(instance).get(0).getId());
        management.executeJob(jobs.get(0).getId());

        assertThat(mailsTo("job@client.example")).hasSize(1);
        assertThat(fx.outboxOf(instance).get(0).getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(history.createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(instance.getBusinessKey())
                        .processDefinitionKey(NotificationDeliveryProcess.KEY)
                        .count())
                .as("no delivery instance")
                .isZero();
        List<org.camunda.bpm.engine.history.HistoricJobLog> log =
                history.createHistoricJobLogQuery().jobId(jobs.get(0).getId()).list();
        assertThat(log)
                .extracting(entry -> entry.isCreationLog() ? "created" : entry.isSuccessLog() ? "sent" : "other")
                .containsExactlyInAnyOrder("created", "sent");
        assertThat(log)
                .allSatisfy(entry -> assertThat(entry.getRemovalTime())
                        .as("dated for the history cleanup like a delivery instance")
                        .isEqualTo(Date.from(SATURDAY.plus(Duration.ofDays(30)))));
    }

    @Test
    void aBatchItsJobCannotSendIsHandedToAnInstanceThatSendsItAtOnceWhenTheServerIsBack() throws Exception {
        ProcessInstance instance = notifiedUrgently("later@client.example");
        TestServers.stopMail();

        String delivery = fx.handOverFailedDelivery(instance.getBusinessKey());
        TestServers.startMail();
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceId(delivery)
                        .singleResult()
                        .getBusinessKey())
                .as("the case's business key, as Cockpit shows it")
                .isEqualTo(instance.getBusinessKey());
        fx.runDueJobs(instance.getBusinessKey());

        assertThat(mailsTo("later@client.example")).hasSize(1);
        OutboxEntry row = fx.outboxOf(instance).get(0);
        assertThat(row.getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(row.getAttempts()).isEqualTo(2);
        assertThat(history.createHistoricProcessInstanceQuery()
                        .processInstanceId(delivery)
                        .singleResult()
                        .getEndActivityId())
                .isEqualTo("EndEvent_Delivered");
    }

    /** {@code csmflow.notification.delivery=process}: every batch through an instance, as before tuning 23. */
    @Test
    void theProcessWaySendsEveryBatchThroughAnInstance() throws Exception {
        ProcessInstance instance = notifiedUrgently("proc@client.example");
        Long id = fx.outboxOf(instance).get(0).getId();
        DeliveryJobs.of(management, instance.getBusinessKey()).forEach(job -> management.deleteJob(job.getId()));

        engineConfiguration.getCommandExecutorTxRequired().execute(command -> {
            new NotificationDeliveries("process").schedule(instance.getBusinessKey(), List.of(id), null);
            return null;
        });
        assertThat(DeliveryJobs.of(management, instance.getBusinessKey())).isEmpty();
        assertThat(fx.deliveryInstances(instance.getBusinessKey())).hasSize(1);
        fx.runDueJobs(instance.getBusinessKey());
        assertThat(mailsTo("proc@client.example")).hasSize(1);
        assertThatThrownBy(() -> new NotificationDeliveries("poller"))
                .hasMessageContaining("csmflow.notification.delivery");
    }

    /** A process whose "Send notification" step (mail to {@code address}, urgent: never held) has run. */
    private ProcessInstance notifiedUrgently(String address) {
        String process = fx.deployNotifyProcess(
                Map.of(
                        NotifyDelegate.TEMPLATE,
                        "notify-probe",
                        NotifyDelegate.TO,
                        address,
                        NotifyDelegate.URGENT,
                        "true"),
                null);
        ProcessInstance instance = fx.start(process, Map.of("summary", "outage"));
        fx.runNotifyStep(instance);
        return instance;
    }
}
