package com.csmflow.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends open outbox rows one by one. Each row's outcome (SENT, FAILED with the error, NOT_DELIVERED) is
 * committed in its own transaction right after the attempt, so it survives the rollback of the
 * delivery job when another row of the batch fails: a retry never sends a row that already went out,
 * and the API shows attempts and the last error while the engine retries.
 */
@Component
class OutboxDelivery {

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

    private final OutboxRepository outbox;
    private final TransactionTemplate ownTransaction;
    private final MailChannel mail;
    private final WebhookChannel webhook;

    OutboxDelivery(OutboxRepository outbox, PlatformTransactionManager transactionManager, MailChannel mail,
                   WebhookChannel webhook) {
        this.outbox = outbox;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.mail = mail;
        this.webhook = webhook;
    }

    /** Delivers the open rows among {@code ids}; throws after trying all of them if any failed. */
    void deliver(List<Long> ids) {
        List<String> failures = new ArrayList<>();
        for (Long id : ids) {
            OutboxEntry entry = ownTransaction.execute(status -> outbox.findById(id).orElse(null));
            if (entry == null || !entry.isOpen()) {
                continue;
            }
            String notDelivered;
            try {
                notDelivered = entry.getChannel() == Channel.WEBHOOK ? webhook.send(entry) : mail.send(entry);
            } catch (Exception e) {
                String error = describe(e);
                log.warn("Notification {} to {} failed: {}", id, entry.getRecipient(), error);
                record(id, row -> row.markFailed(now(), error));
                failures.add(id + " (" + entry.getRecipient() + "): " + error);
                continue;
            }
            // Outside the try: if the database fails right here, the job fails and the row stays open
            // (the one at-least-once window, see docs/notifications.md), rather than being marked FAILED.
            record(id, notDelivered == null ? row -> row.markSent(now()) : row -> row.markNotDelivered(now(), notDelivered));
        }
        if (!failures.isEmpty()) {
            throw new NotificationDeliveryException("Could not deliver " + failures.size() + " notification(s): "
                    + String.join("; ", failures));
        }
    }

    private void record(Long id, java.util.function.Consumer<OutboxEntry> change) {
        ownTransaction.executeWithoutResult(status -> outbox.findById(id).ifPresent(row -> {
            change.accept(row);
            outbox.save(row);
        }));
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 1000; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage().strip());
            }
        }
        return text.toString();
    }

    /** Makes the delivery job fail, so the engine retries it and raises an incident at the end. */
    static class NotificationDeliveryException extends RuntimeException {
        NotificationDeliveryException(String message) {
            super(message);
        }
    }
}
