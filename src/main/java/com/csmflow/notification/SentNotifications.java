package com.csmflow.notification;

import com.csmflow.api.PageParameters;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a case sent to the client and to staff, for the case view: the outbox rows of a business key. */
@Service
public class SentNotifications {

    /** A case view shows the newest rows; a case with more has a long history, which the outbox API pages. */
    public static final int LIMIT = PageParameters.MAX_SIZE;

    private final OutboxRepository outbox;

    SentNotifications(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    /** The newest {@link #LIMIT} rows of the case, newest first. */
    @Transactional(readOnly = true)
    public List<SentNotification> forBusinessKey(String businessKey) {
        return outbox.search(businessKey, null, null, new PageParameters(0, LIMIT)).stream()
                .map(SentNotifications::of)
                .toList();
    }

    private static SentNotification of(OutboxEntry e) {
        return new SentNotification(
                e.getId(),
                e.getTemplateId(),
                e.getChannel(),
                e.getAudience(),
                shownRecipient(e),
                e.getLanguage(),
                e.getSubject(),
                e.isUrgent(),
                e.getStatus(),
                e.getAttempts(),
                e.getLastError(),
                e.getNotBefore(),
                e.getCreatedAt(),
                e.getSentAt());
    }

    /** Webhook URLs often carry a secret token in the path: scheme and host only. */
    private static String shownRecipient(OutboxEntry e) {
        if (e.getChannel() != Channel.WEBHOOK) {
            return e.getRecipient();
        }
        try {
            URI uri = URI.create(e.getRecipient());
            return uri.getScheme() + "://" + uri.getAuthority() + "/...";
        } catch (IllegalArgumentException invalid) {
            return "(webhook)";
        }
    }

    /** One outbox row without its body (bodies may hold client data); held until {@code notBefore}. */
    public record SentNotification(
            long id,
            String template,
            Channel channel,
            Audience audience,
            String recipient,
            String language,
            String subject,
            boolean urgent,
            NotificationStatus status,
            int attempts,
            String lastError,
            Instant notBefore,
            Instant createdAt,
            Instant sentAt) {

        /** The same row with the recipient left out, for readers who need not know addresses. */
        public SentNotification withoutRecipient() {
            String hidden = channel == Channel.WEBHOOK
                    ? recipient
                    : "(" + audience.name().toLowerCase() + ")";
            return new SentNotification(
                    id,
                    template,
                    channel,
                    audience,
                    hidden,
                    language,
                    subject,
                    urgent,
                    status,
                    attempts,
                    lastError == null ? null : "(hidden)",
                    notBefore,
                    createdAt,
                    sentAt);
        }
    }
}
