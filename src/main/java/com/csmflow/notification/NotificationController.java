package com.csmflow.notification;

import com.csmflow.api.PageParameters;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The outbox, read-only: what was sent to whom, and what is stuck and why. */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    /** Groups that watch deliveries (managers, the CSM who talks to the client, administrators). */
    private final OutboxRepository outbox;

    NotificationController(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    @GetMapping
    ResponseEntity<List<NotificationView>> list(
            @RequestParam(required = false) String businessKey,
            @RequestParam(required = false) NotificationStatus status,
            @RequestParam(required = false) String processInstanceId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(
                outbox.search(
                        blankToNull(businessKey),
                        status,
                        blankToNull(processInstanceId),
                        new PageParameters(page, size)),
                NotificationView::of);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** One outbox row as the API shows it (bodies are left out: they may hold client data). */
    record NotificationView(
            long id,
            String businessKey,
            String processInstanceId,
            String activityId,
            String template,
            Channel channel,
            Audience audience,
            List<String> recipients,
            String language,
            String subject,
            boolean urgent,
            NotificationStatus status,
            int attempts,
            String lastError,
            Instant notBefore,
            String holdNote,
            Instant createdAt,
            Instant lastAttemptAt,
            Instant sentAt) {

        static NotificationView of(OutboxEntry e) {
            return new NotificationView(
                    e.getId(),
                    e.getBusinessKey(),
                    e.getProcessInstanceId(),
                    e.getActivityId(),
                    e.getTemplateId(),
                    e.getChannel(),
                    e.getAudience(),
                    List.of(shown(e)),
                    e.getLanguage(),
                    e.getSubject(),
                    e.isUrgent(),
                    e.getStatus(),
                    e.getAttempts(),
                    e.getLastError(),
                    e.getNotBefore(),
                    e.getHoldNote(),
                    e.getCreatedAt(),
                    e.getLastAttemptAt(),
                    e.getSentAt());
        }

        /** Webhook URLs often carry a secret token in the path: show scheme and host only. */
        private static String shown(OutboxEntry e) {
            if (e.getChannel() != Channel.WEBHOOK) {
                return e.getRecipient();
            }
            try {
                java.net.URI uri = java.net.URI.create(e.getRecipient());
                return uri.getScheme() + "://" + uri.getAuthority() + "/...";
            } catch (IllegalArgumentException invalid) {
                return "(webhook)";
            }
        }
    }
}
