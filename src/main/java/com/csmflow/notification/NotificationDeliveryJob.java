package com.csmflow.notification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The delivery job: sends one batch of outbox rows without a process instance (issue 22, tuning 23).
 * A batch that cannot be sent completely is handed, in the same transaction, to a
 * {@code notification-delivery} instance with the case's business key, which retries it on the retry
 * cycle and becomes the incident an operator resolves in Cockpit. Rows already SENT are skipped there,
 * so the hand-over never sends a mail twice.
 *
 * <p>If even the hand-over fails (the database gone), the job itself fails and the engine tries it
 * again at once, three times, before an incident without a process ({@code GET /engine-rest/incident}).
 *
 * <p>Engine internals: a custom job type needs the engine's {@code JobHandler} interface and a plugin
 * that registers it (there is no public API for either).
 */
@Component
class NotificationDeliveryJob extends AbstractProcessEnginePlugin implements JobHandler<NotificationDeliveryJob.Batch> {

    static final String TYPE = "csmflow-notification-delivery";

    private static final Logger log = LoggerFactory.getLogger(NotificationDeliveryJob.class);

    private final OutboxDelivery delivery;
    private final NotificationDeliveries deliveries;

    NotificationDeliveryJob(OutboxDelivery delivery, NotificationDeliveries deliveries) {
        this.delivery = delivery;
        this.deliveries = deliveries;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<JobHandler> handlers = configuration.getCustomJobHandlers() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomJobHandlers());
        handlers.add(this);
        configuration.setCustomJobHandlers(handlers);
    }

    @Override
    public String getType() {
        return TYPE;
    }

    @Override
    public void execute(Batch batch, ExecutionEntity none, CommandContext command, String tenantId) {
        try {
            delivery.deliver(batch.ids());
        } catch (RuntimeException e) {
            log.info(
                    "Delivery of outbox rows {} ({}) failed, handed to a notification-delivery instance: {}",
                    batch.ids(),
                    batch.businessKey(),
                    e.getMessage());
            deliveries.startInstance(command, batch.businessKey(), batch.ids(), null);
        }
    }

    @Override
    public Batch newConfiguration(String canonicalString) {
        return Batch.parse(canonicalString);
    }

    @Override
    public void onDelete(Batch batch, JobEntity job) {
        // nothing to clean up: the outbox rows are the record of the batch
    }

    /** The batch of a delivery job, or null when {@code job} is another kind of job. */
    static Batch batchOf(Job job) {
        return job instanceof JobEntity entity && TYPE.equals(entity.getJobHandlerType())
                ? Batch.parse(entity.getJobHandlerConfigurationRaw())
                : null;
    }

    /** The outbox ids of a batch and the business key of the case that decided it (null: none). */
    record Batch(String businessKey, List<Long> ids) implements JobHandlerConfiguration {

        /** {@code 12,13,14;CHG-0042}: the ids first (digits and commas), everything after the first ';' the key. */
        @Override
        public String toCanonicalString() {
            return ids.stream().map(String::valueOf).collect(Collectors.joining(","))
                    + (businessKey == null ? "" : ";" + businessKey);
        }

        static Batch parse(String text) {
            int separator = text.indexOf(';');
            String ids = separator < 0 ? text : text.substring(0, separator);
            return new Batch(
                    separator < 0 ? null : text.substring(separator + 1),
                    Arrays.stream(ids.split(","))
                            .map(String::strip)
                            .filter(id -> !id.isEmpty())
                            .map(Long::valueOf)
                            .toList());
        }
    }
}
