package com.csmflow.notification;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Deliver notification" in the notification-delivery process: an async job that sends the outbox
 * rows of one batch. It runs only after the deciding transaction committed. A failure throws, so the
 * engine retries the job on its retry cycle and raises an incident when retries run out; rows already
 * SENT are skipped on every later run, so resolving the incident sends each remaining row exactly once.
 */
@Component("deliverNotification")
class DeliverNotificationDelegate implements JavaDelegate {

    private final OutboxDelivery delivery;

    DeliverNotificationDelegate(OutboxDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object ids = execution.getVariable(NotificationDeliveryProcess.OUTBOX_IDS.name());
        // a list; comma-separated text in batches decided before the list (held until business hours)
        List<Long> outboxIds = ids instanceof String text
                ? NotificationDeliveryJob.Batch.parse(text).ids()
                : ids == null
                        ? List.of()
                        : NotificationDeliveryProcess.OUTBOX_IDS.get(execution).stream()
                                .map(Long::valueOf)
                                .toList();
        delivery.deliver(outboxIds);
    }
}
