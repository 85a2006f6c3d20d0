package com.csmflow.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one place that arranges for a batch of outbox rows to be sent after the current engine
 * transaction commits. Two ways, chosen per batch:
 * <ul>
 * <li>a <b>delivery job</b> ({@link NotificationDeliveryJob}): one engine job, no process instance. The
 *     usual case: a batch that may go at once, and whose first attempt succeeds;</li>
 * <li>a <b>{@code notification-delivery} instance</b> with the case's business key: for a batch held
 *     until the client's business hours (a timer Cockpit shows), and for a batch whose delivery job
 *     failed. Its "Deliver notification" step retries on {@code csmflow.notification.retry-cycle} and
 *     becomes an incident in Cockpit when retries run out, as every failed delivery always did.</li>
 * </ul>
 * {@code csmflow.notification.delivery=process} sends every batch through an instance (what the
 * platform did before issue 22's lever; docs/performance.md, tuning 23).
 *
 * <p>Engine internals: a job without a process instance can only be created through the engine's job
 * manager ({@code MessageEntity}); the public API starts processes, not jobs.
 */
@Component
class NotificationDeliveries {

    /** The engine keeps a job's configuration in a column of 4,000 characters; bigger batches take an instance. */
    static final int MAX_JOB_CONFIGURATION = 3_900;

    private final boolean jobs;

    NotificationDeliveries(@Value("${csmflow.notification.delivery:job}") String way) {
        this.jobs = switch (way.strip().toLowerCase(Locale.ROOT)) {
            case "job" -> true;
            case "process" -> false;
            default ->
                throw new IllegalArgumentException(
                        "csmflow.notification.delivery must be 'job' or 'process', not '" + way + "'");
        };
    }

    /** Sends {@code ids} after this transaction commits, not before {@code notBefore} (null: at once). */
    void schedule(String businessKey, List<Long> ids, Instant notBefore) {
        CommandContext command = Context.getCommandContext();
        if (jobs && notBefore == null) {
            String configuration = new NotificationDeliveryJob.Batch(businessKey, ids).toCanonicalString();
            if (configuration.length() <= MAX_JOB_CONFIGURATION) {
                MessageEntity job = new MessageEntity();
                job.setJobHandlerType(NotificationDeliveryJob.TYPE);
                job.setJobHandlerConfigurationRaw(configuration);
                command.getJobManager().send(job);
                return;
            }
        }
        startInstance(command, businessKey, ids, notBefore);
    }

    /** A {@code notification-delivery} instance for the batch: held by its timer, retried, an incident at the end. */
    void startInstance(CommandContext command, String businessKey, List<Long> ids, Instant notBefore) {
        command.getProcessEngineConfiguration()
                .getRuntimeService()
                .createProcessInstanceByKey(NotificationDeliveryProcess.KEY)
                .businessKey(businessKey)
                .setVariables(Variables.createVariables()
                        // an ArrayList: the engine's type allow-list (ObjectVariableTypes) refuses immutable lists
                        .putValue(
                                NotificationDeliveryProcess.OUTBOX_IDS.name(),
                                ids.stream().map(String::valueOf).collect(Collectors.toCollection(ArrayList::new)))
                        .putValue(
                                NotificationDeliveryProcess.NOT_BEFORE.name(),
                                notBefore == null ? null : Date.from(notBefore)))
                .execute();
    }
}
