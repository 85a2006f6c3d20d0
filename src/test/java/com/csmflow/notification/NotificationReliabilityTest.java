package com.csmflow.notification;

import static com.csmflow.notification.NotificationFixtures.mailsTo;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Nothing is sent twice for one decision, nothing is sent for a decision that rolled back, failures
 * are retried with back-off and end as an incident, and resolving the incident sends exactly once.
 */
@CsmFlowTest
class NotificationReliabilityTest {

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

    @Value("${csmflow.test.webhook-base-url}")
    String webhookBase;

    NotificationFixtures fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new NotificationFixtures(runtime, repository, management, identity, clients, outbox);
        fx.reset(NOW);
    }

    @AfterEach
    void tearDown() {
        fx.cleanUp();
    }

    @Test
    void smtpOutageIsRetriedWithBackOffThenAnIncidentAndResolvingItSendsExactlyOnce() throws Exception {
        String process = fx.deployNotifyProcess(
                Map.of(
                        NotifyDelegate.TEMPLATE,
                        "notify-probe",
                        NotifyDelegate.TO,
                        "ops@client.example",
                        NotifyDelegate.URGENT,
                        "true"),
                null);
        ProcessInstance instance = fx.start(process, Map.of("summary", "outage"));
        TestServers.stopMail();

        fx.runNotifyStep(instance); // writes the outbox, creates the delivery job
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceId(instance.getId())
                        .count())
                .as("the notifying process moved on; delivery is not its problem")
                .isZero();
        // attempt 1, the delivery job: it cannot send and hands the batch to a delivery instance
        String delivery = fx.handOverFailedDelivery(instance.getBusinessKey());
        assertThat(fx.outboxOf(instance).get(0).getAttempts()).isEqualTo(1);

        Job job = management.createJobQuery().processInstanceId(delivery).singleResult();
        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("Could not deliver 1");
        Job retried = management.createJobQuery().jobId(job.getId()).singleResult();
        assertThat(retried.getRetries())
                .as("five retries left after the first attempt")
                .isEqualTo(5);
        assertThat(retried.getDuedate())
                .as("back-off: first retry after one minute")
                .isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(1))));
        OutboxEntry failed = fx.outboxOf(instance).get(0);
        assertThat(failed.getStatus()).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.getAttempts())
                .as("the job's attempt and the instance's first")
                .isEqualTo(2);
        assertThat(failed.getLastError()).containsIgnoringCase("connect");

        assertThatThrownBy(() -> management.executeJob(job.getId()));
        assertThat(management.createJobQuery().jobId(job.getId()).singleResult().getDuedate())
                .as("back-off: the second retry waits five minutes")
                .isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(5))));
        int attempts = 2;
        while (management.createJobQuery().jobId(job.getId()).singleResult().getRetries() > 0) {
            assertThatThrownBy(() -> management.executeJob(job.getId()));
            attempts++;
            assertThat(attempts).as("retries are bounded").isLessThanOrEqualTo(10);
        }
        assertThat(attempts).isEqualTo(6);
        Incident incident =
                runtime.createIncidentQuery().processInstanceId(delivery).singleResult();
        assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        assertThat(incident.getActivityId()).isEqualTo(NotificationDeliveryProcess.TASK_DELIVER);
        assertThat(incident.getIncidentMessage()).contains("Could not deliver");
        assertThat(fx.outboxOf(instance).get(0).getAttempts()).isEqualTo(7);
        assertThat(mailsTo("ops@client.example")).isEmpty();

        // The mail server is back; an operator resolves the incident in Cockpit ("retry" = set retries).
        TestServers.startMail();
        management.setJobRetries(job.getId(), 1);
        management.executeJob(job.getId());

        assertThat(mailsTo("ops@client.example")).hasSize(1);
        assertThat(runtime.createIncidentQuery().processInstanceId(delivery).count())
                .isZero();
        OutboxEntry sent = fx.outboxOf(instance).get(0);
        assertThat(sent.getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.getAttempts()).isEqualTo(8);
        assertThat(sent.getLastError()).isNull();
        assertThat(fx.jobs(instance.getBusinessKey())).isEmpty();
        assertThat(TestServers.mail().getReceivedMessages()).hasSize(1);
    }

    @Test
    void aFailureAfterTheOutboxWriteRollsItBackAndTheRetrySendsOneMail() throws Exception {
        // "Send notification" and a step that fails run in the same transaction (one job).
        String process = fx.deployNotifyProcess(
                Map.of(NotifyDelegate.TEMPLATE, "notify-probe", NotifyDelegate.TO, "once@client.example"),
                task -> task.serviceTask("Task_Fails")
                        .name("Fails while failNow")
                        .camundaExpression("${failNow ? noSuchBean.explode() : null}")
                        .endEvent());
        ProcessInstance instance = fx.start(process, Map.of("summary", "retry", "failNow", true));

        Job job =
                management.createJobQuery().processInstanceId(instance.getId()).singleResult();
        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("noSuchBean");
        assertThat(fx.outboxOf(instance))
                .as("the outbox row rolled back with the failed step")
                .isEmpty();
        assertThat(fx.deliveryInstances(instance.getBusinessKey()))
                .as("and so did its delivery")
                .isEmpty();
        assertThat(TestServers.mail().getReceivedMessages())
                .as("nothing left the building")
                .isEmpty();

        runtime.setVariable(instance.getId(), "failNow", false);
        management.executeJob(job.getId()); // the engine's retry
        fx.runDueJobs(instance.getBusinessKey());

        assertThat(fx.outboxOf(instance)).hasSize(1);
        assertThat(fx.outboxOf(instance).get(0).getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(mailsTo("once@client.example")).hasSize(1);
    }

    @Test
    void aNotificationKeyMakesALoopNotifyOnce() throws Exception {
        // start -> count -> notify(key "welcome") -> loop back while count < 3 -> end
        String key = "notify-loop-" + Long.toHexString(System.nanoTime());
        var model = org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(key)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_Count")
                .camundaExpression("${execution.setVariable('visits', visits + 1)}")
                .serviceTask("Task_Notify")
                .camundaAsyncBefore()
                .camundaDelegateExpression("${notify}")
                .camundaInputParameter(NotifyDelegate.TEMPLATE, "notify-probe")
                .camundaInputParameter(NotifyDelegate.TO, "loop@client.example")
                .camundaInputParameter(NotifyDelegate.NOTIFICATION_KEY, "welcome")
                .exclusiveGateway("Gateway_Again")
                .condition("again", "${visits < 3}")
                .connectTo("Task_Count")
                .moveToNode("Gateway_Again")
                .condition("done", "${visits >= 3}")
                .endEvent()
                .done();
        String deployment = repository
                .createDeployment()
                .addModelInstance(key + ".bpmn", model)
                .deploy()
                .getId();
        try {
            ProcessInstance instance = runtime.startProcessInstanceByKey(key, "NTF-LOOP-" + key, Map.of("visits", 0));
            fx.runDueJobs(instance.getBusinessKey());

            assertThat(runtime.createProcessInstanceQuery()
                            .processInstanceId(instance.getId())
                            .count())
                    .isZero();
            assertThat(fx.outboxOf(instance)).hasSize(1);
            assertThat(mailsTo("loop@client.example")).hasSize(1);
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }

    @Test
    void webhookPostsJsonThroughTheHttpConnectorAndRetriesOnErrors() throws Exception {
        TestServers.http()
                .stubFor(post(urlEqualTo("/hooks/chat"))
                        .inScenario("flaky")
                        .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                        .willReturn(aResponse().withStatus(503))
                        .willSetStateTo("up"));
        TestServers.http()
                .stubFor(post(urlEqualTo("/hooks/chat"))
                        .inScenario("flaky")
                        .whenScenarioStateIs("up")
                        .willReturn(aResponse().withStatus(200)));
        String process = fx.deployNotifyProcess(
                Map.of(
                        NotifyDelegate.TEMPLATE,
                        "notify-probe",
                        NotifyDelegate.CHANNEL,
                        "webhook",
                        NotifyDelegate.WEBHOOK_URL,
                        webhookBase + "/hooks/chat"),
                null);
        ProcessInstance instance = fx.start(process, Map.of("summary", "Disk <90%> full"));
        fx.runNotifyStep(instance);
        fx.handOverFailedDelivery(instance.getBusinessKey()); // HTTP 503
        assertThat(fx.outboxOf(instance).get(0).getStatus()).isEqualTo(NotificationStatus.FAILED);
        assertThat(fx.outboxOf(instance).get(0).getLastError()).contains("503");
        ClockUtil.setCurrentTime(Date.from(NOW.plus(Duration.ofMinutes(2))));
        fx.runDueJobs(instance.getBusinessKey());

        TestServers.http().verify(2, postRequestedFor(urlEqualTo("/hooks/chat")));
        TestServers.http()
                .verify(postRequestedFor(urlEqualTo("/hooks/chat"))
                        .withHeader(
                                "Content-Type",
                                com.github.tomakehurst.wiremock.client.WireMock.containing("application/json"))
                        .withRequestBody(matchingJsonPath("$.businessKey", equalTo(instance.getBusinessKey())))
                        .withRequestBody(matchingJsonPath("$.notification", equalTo("notify-probe")))
                        .withRequestBody(matchingJsonPath(
                                "$.subject", equalTo("Update on " + instance.getBusinessKey() + " for")))
                        .withRequestBody(matchingJsonPath(
                                "$.text",
                                com.github.tomakehurst.wiremock.client.WireMock.containing(
                                        "has news: Disk <90%> full"))));
        List<OutboxEntry> rows = fx.outboxOf(instance);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getChannel()).isEqualTo(Channel.WEBHOOK);
        assertThat(rows.get(0).getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(rows.get(0).getAttempts()).isEqualTo(2);
        assertThat(fx.jobs(instance.getBusinessKey())).isEmpty();
    }
}
