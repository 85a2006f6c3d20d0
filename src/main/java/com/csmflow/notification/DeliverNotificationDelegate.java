package com.csmflow.notification;

import java.util.Arrays;
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

    /** Process variable: comma-separated outbox ids of this batch. */
    static final String OUTBOX_IDS = "outboxIds";
    /** Process variable: java.util.Date until which the batch is held, or null. */
    static final String NOT_BEFORE = "notBefore";

    private final OutboxDelivery delivery;

    DeliverNotificationDelegate(OutboxDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String ids = (String) execution.getVariable(OUTBOX_IDS);
        List<Long> outboxIds = ids == null || ids.isBlank() ? List.of()
                : Arrays.stream(ids.split(",")).map(String::strip).map(Long::valueOf).toList();
        delivery.deliver(outboxIds);
    }
}
