package com.csmflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.client.Client;
import com.csmflow.client.ClientContact;
import com.csmflow.client.ClientRepository;
import com.csmflow.client.CsmTier;
import com.csmflow.harness.TestServers;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.builder.ServiceTaskBuilder;

/**
 * Shared moves of the notification tests: a one-step process around the notify delegate, a probe
 * group with members, clients with notice contacts, running the jobs of a business key, reading mails.
 * Plain object built by each test class from its autowired services (no extra Spring beans, so all
 * notification tests share the one @CsmFlowTest context).
 */
final class NotificationFixtures {

    static final String PROBE_GROUP = "notify-probe";
    static final String ALICE = "np-alice@staff.example";
    static final String BOB = "np-bob@staff.example";

    final RuntimeService runtime;
    final RepositoryService repository;
    final ManagementService management;
    final IdentityService identity;
    final ClientRepository clients;
    final OutboxRepository outbox;
    private final List<String> deployments = new ArrayList<>();
    private final List<Client> createdClients = new ArrayList<>();

    NotificationFixtures(
            RuntimeService runtime,
            RepositoryService repository,
            ManagementService management,
            IdentityService identity,
            ClientRepository clients,
            OutboxRepository outbox) {
        this.runtime = runtime;
        this.repository = repository;
        this.management = management;
        this.identity = identity;
        this.clients = clients;
        this.outbox = outbox;
    }

    /** Clean SMTP mailbox and webhook journal, probe group present, engine clock at {@code now}. */
    void reset(Instant now) throws Exception {
        ClockUtil.setCurrentTime(Date.from(now));
        TestServers.startMail();
        TestServers.mail().purgeEmailFromAllMailboxes();
        TestServers.http().resetAll();
        ensureProbeGroup();
    }

    /** Removes what the test added; the clock goes back to real time. */
    void cleanUp() {
        ClockUtil.reset();
        TestServers.startMail();
        deployments.forEach(id -> repository.deleteDeployment(id, true));
        deployments.clear();
        createdClients.forEach(client -> clients.deleteById(client.getId()));
        createdClients.clear();
    }

    private void ensureProbeGroup() {
        if (identity.createGroupQuery().groupId(PROBE_GROUP).count() == 0) {
            var group = identity.newGroup(PROBE_GROUP);
            group.setName("Notification probe");
            group.setType("WORKFLOW");
            identity.saveGroup(group);
            user("np-alice", ALICE);
            user("np-bob", BOB);
            user("np-carol", null); // no email: skipped, not a failure
        }
    }

    private void user(String id, String email) {
        User user = identity.newUser(id);
        user.setFirstName("Probe");
        user.setLastName(id);
        user.setEmail(email);
        user.setPassword(UUID.randomUUID().toString());
        identity.saveUser(user);
        identity.createMembership(id, PROBE_GROUP);
    }

    /** A client in Berlin, Mon-Fri 09:00-17:00, Bavarian holidays, with one contact on and one off notices. */
    Client client(String language) {
        return client(language, ZoneId.of("Europe/Berlin"));
    }

    /** The same client, working its hours in {@code zone}. */
    Client client(String language, ZoneId zone) {
        String reference = "NT" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Client client = new Client(
                reference,
                "Probe Client " + reference,
                CsmTier.STANDARD,
                language,
                zone,
                LocalTime.of(9, 0),
                LocalTime.of(17, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                "DE-BY");
        client.addContact(
                new ClientContact("Anna Notice", "anna@" + reference.toLowerCase() + ".example", "IT lead", true));
        client.addContact(
                new ClientContact("Bert Quiet", "bert@" + reference.toLowerCase() + ".example", "Buyer", false));
        Client saved = clients.save(client);
        createdClients.add(saved);
        return saved;
    }

    static String contact(Client client, String name) {
        return name + "@" + client.getReference().toLowerCase() + ".example";
    }

    /**
     * Deploys "start -> Send notification (async, notify with these inputs) -> [more] -> end" and returns
     * its key. {@code more} may add steps after the notification in the same transaction.
     */
    String deployNotifyProcess(Map<String, String> inputs, Consumer<ServiceTaskBuilder> more) {
        String key = "notify-probe-" + UUID.randomUUID().toString().substring(0, 8);
        ServiceTaskBuilder task = Bpmn.createExecutableProcess(key)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_Notify")
                .name("Send notification")
                .camundaAsyncBefore()
                .camundaFailedJobRetryTimeCycle("R3/PT1M")
                .camundaDelegateExpression("${notify}");
        inputs.forEach(task::camundaInputParameter);
        if (more != null) {
            more.accept(task);
        } else {
            task.endEvent().done();
        }
        deployments.add(repository
                .createDeployment()
                .name(key)
                .addModelInstance(key + ".bpmn", task.done())
                .deploy()
                .getId());
        return key;
    }

    ProcessInstance start(String processKey, Map<String, Object> variables) {
        String businessKey = "NTF-" + UUID.randomUUID().toString().substring(0, 8);
        return runtime.startProcessInstanceByKey(processKey, businessKey, variables);
    }

    /** Executes only the "Send notification" job of this instance (not the delivery it starts). */
    void runNotifyStep(ProcessInstance instance) {
        management.executeJob(management
                .createJobQuery()
                .processInstanceId(instance.getId())
                .singleResult()
                .getId());
    }

    /** Executes every due job of the instances carrying this business key, until none is left. */
    void runDueJobs(String businessKey) {
        for (int round = 0; round < 20; round++) {
            List<Job> due = dueJobs(businessKey);
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
        throw new AssertionError("Jobs of " + businessKey + " keep coming");
    }

    List<Job> dueJobs(String businessKey) {
        return jobs(businessKey).stream()
                .filter(job -> job.getRetries() > 0
                        && (job.getDuedate() == null || !job.getDuedate().after(ClockUtil.getCurrentTime())))
                .toList();
    }

    List<Job> jobs(String businessKey) {
        List<Job> jobs = new ArrayList<>();
        runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(businessKey)
                .list()
                .forEach(instance -> jobs.addAll(management
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .list()));
        jobs.addAll(DeliveryJobs.of(management, businessKey));
        return jobs;
    }

    /**
     * Runs the case's one delivery job while its batch cannot be sent (tuning 23): the job hands the batch
     * to a notification-delivery instance, whose id is returned.
     */
    String handOverFailedDelivery(String businessKey) {
        List<Job> deliveryJobs = DeliveryJobs.of(management, businessKey);
        assertThat(deliveryJobs).as("one delivery job").hasSize(1);
        management.executeJob(deliveryJobs.get(0).getId()); // fails to send, does not fail: hands over
        assertThat(DeliveryJobs.of(management, businessKey))
                .as("the delivery job is done")
                .isEmpty();
        List<String> instances = deliveryInstances(businessKey);
        assertThat(instances)
                .as("the batch was handed to one delivery instance")
                .hasSize(1);
        return instances.get(0);
    }

    List<String> deliveryInstances(String businessKey) {
        return runtime
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(businessKey)
                .processDefinitionKey(NotificationDeliveryProcess.KEY)
                .list()
                .stream()
                .map(ProcessInstance::getId)
                .toList();
    }

    List<OutboxEntry> outboxOf(ProcessInstance instance) {
        return outbox.findByProcessInstanceIdOrderById(instance.getId());
    }

    static List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage message : TestServers.mail().getReceivedMessages()) {
            if (Arrays.stream(message.getAllRecipients())
                    .anyMatch(r -> r.toString().equalsIgnoreCase(address))) {
                mails.add(message);
            }
        }
        return mails;
    }

    static MimeMessage onlyMailTo(String address) throws Exception {
        List<MimeMessage> mails = mailsTo(address);
        assertThat(mails).as("mails to " + address).hasSize(1);
        return mails.get(0);
    }

    /** The decoded text of the first part of this MIME type ("text/plain", "text/html"). */
    static String part(Part part, String mimeType) throws Exception {
        if (part.isMimeType(mimeType)) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = part(child, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
