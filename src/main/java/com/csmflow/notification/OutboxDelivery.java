package com.csmflow.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends open outbox rows one by one, each in a transaction of its own that is opened BEFORE the send:
 * lock the row ({@code SELECT ... FOR UPDATE}), skip it unless it is still open, send, record the
 * outcome (SENT, FAILED with the error, NOT_DELIVERED), commit. So:
 * <ul>
 * <li>the outcome survives the rollback of the delivery job when another row of the batch fails: a
 *     retry never sends a row that already went out;</li>
 * <li>the database connection that records the outcome is held before the mail leaves, so an
 *     exhausted connection pool makes the attempt fail before sending, never after (the fault test
 *     once found 9 duplicate mails that way: sent, then no connection to record SENT);</li>
 * <li>two nodes running the same delivery at once (a job lock that expired under a slow node) cannot
 *     both send a row: the second waits for the first's lock and then finds the row SENT.</li>
 * </ul>
 * What remains is the at-least-once window between the mail server accepting a mail and the commit
 * of SENT (a node killed or the database lost in those milliseconds): the retry sends that mail again,
 * with the same Message-ID, so the receiving side can tell (docs/notifications.md). To keep it short the
 * SMTP connection is closed (QUIT) only after the commit.
 */
@Component
class OutboxDelivery {

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

    private final OutboxRepository outbox;
    private final TransactionTemplate ownTransaction;
    private final MailChannel mail;
    private final WebhookChannel webhook;
    private final Clock clock;

    OutboxDelivery(
            OutboxRepository outbox,
            PlatformTransactionManager transactionManager,
            MailChannel mail,
            WebhookChannel webhook,
            Clock clock) {
        this.clock = clock;
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
            List<AutoCloseable> afterCommit = new ArrayList<>();
            String failure;
            try {
                failure = ownTransaction.execute(status -> attempt(id, afterCommit));
            } finally {
                MailChannel.closeQuietly(afterCommit); // the SMTP QUIT, after SENT was committed
            }
            if (failure != null) {
                failures.add(failure);
            }
        }
        if (!failures.isEmpty()) {
            throw new NotificationDeliveryException(
                    "Could not deliver " + failures.size() + " notification(s): " + String.join("; ", failures));
        }
    }

    /** One row, inside its own transaction; returns the failure to report, or null. */
    private String attempt(Long id, List<AutoCloseable> afterCommit) {
        OutboxEntry entry = outbox.lockForDelivery(id).orElse(null);
        if (entry == null || !entry.isOpen()) {
            return null;
        }
        String notDelivered;
        try {
            notDelivered = entry.getChannel() == Channel.WEBHOOK ? webhook.send(entry) : mail.send(entry, afterCommit);
        } catch (Exception e) {
            String error = describe(e);
            log.warn("Notification {} to {} failed: {}", id, entry.getRecipient(), error);
            entry.markFailed(now(), error);
            outbox.save(entry);
            return id + " (" + entry.getRecipient() + "): " + error;
        }
        if (notDelivered == null) {
            entry.markSent(now());
        } else {
            entry.markNotDelivered(now(), notDelivered);
        }
        outbox.save(entry);
        return null;
    }

    private Instant now() {
        return clock.instant();
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
