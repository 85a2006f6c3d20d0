package com.csmflow.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One notification to one recipient on one channel, rendered when it was decided. The triple
 * (decisionKey, channel, recipient) is unique: the same decision can never produce a second row.
 */
@Entity
@Table(name = "notification_outbox")
class OutboxEntry {

    static final int MAX_ERROR_LENGTH = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** {@code processInstanceId/activityId/notificationKey}: one decision to notify. */
    @Column(name = "decision_key", nullable = false, length = 300)
    private String decisionKey;

    @Column(name = "process_instance_id", nullable = false, length = 64)
    private String processInstanceId;

    @Column(name = "business_key")
    private String businessKey;

    @Column(name = "activity_id", nullable = false)
    private String activityId;

    @Column(name = "template_id", nullable = false, length = 100)
    private String templateId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Audience audience;

    /** An email address (lower case) or a webhook URL. */
    @Column(nullable = false, length = 1000)
    private String recipient;

    @Column(nullable = false, length = 16)
    private String language;

    @Column(nullable = false, length = 1000)
    private String subject;

    /** Plain-text mail body, or the JSON payload of a webhook. */
    @Column(name = "body_text", nullable = false, length = 65536)
    private String bodyText;

    @Column(name = "body_html", length = 65536)
    private String bodyHtml;

    @Column(nullable = false)
    private boolean urgent;

    /** Not delivered before this instant (the client's next business hour); null = at once. */
    @Column(name = "not_before")
    private Instant notBefore;

    /** Why the row is held until {@code notBefore}, or why it is not although outside business hours. */
    @Column(name = "hold_note", length = 500)
    private String holdNote;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private NotificationStatus status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_error", length = MAX_ERROR_LENGTH)
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    protected OutboxEntry() {}

    OutboxEntry(
            String decisionKey,
            String processInstanceId,
            String businessKey,
            String activityId,
            String templateId,
            Channel channel,
            Audience audience,
            String recipient,
            String language,
            String subject,
            String bodyText,
            String bodyHtml,
            boolean urgent,
            Instant notBefore,
            String holdNote,
            Instant createdAt) {
        this.decisionKey = decisionKey;
        this.processInstanceId = processInstanceId;
        this.businessKey = businessKey;
        this.activityId = activityId;
        this.templateId = templateId;
        this.channel = channel;
        this.audience = audience;
        this.recipient = recipient;
        this.language = language;
        this.subject = subject;
        this.bodyText = bodyText;
        this.bodyHtml = bodyHtml;
        this.urgent = urgent;
        this.notBefore = notBefore;
        this.holdNote = holdNote;
        this.status = NotificationStatus.PENDING;
        this.createdAt = createdAt;
    }

    /** Whether a delivery attempt should still be made. */
    boolean isOpen() {
        return status == NotificationStatus.PENDING || status == NotificationStatus.FAILED;
    }

    void markSent(Instant at) {
        attempts++;
        lastAttemptAt = at;
        sentAt = at;
        status = NotificationStatus.SENT;
        lastError = null;
    }

    void markFailed(Instant at, String error) {
        attempts++;
        lastAttemptAt = at;
        status = NotificationStatus.FAILED;
        lastError = truncate(error);
    }

    void markNotDelivered(Instant at, String reason) {
        attempts++;
        lastAttemptAt = at;
        status = NotificationStatus.NOT_DELIVERED;
        lastError = truncate(reason);
    }

    private static String truncate(String error) {
        String text = error == null ? "unknown error" : error;
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }

    Long getId() {
        return id;
    }

    String getDecisionKey() {
        return decisionKey;
    }

    String getProcessInstanceId() {
        return processInstanceId;
    }

    String getBusinessKey() {
        return businessKey;
    }

    String getActivityId() {
        return activityId;
    }

    String getTemplateId() {
        return templateId;
    }

    Channel getChannel() {
        return channel;
    }

    Audience getAudience() {
        return audience;
    }

    String getRecipient() {
        return recipient;
    }

    String getLanguage() {
        return language;
    }

    String getSubject() {
        return subject;
    }

    String getBodyText() {
        return bodyText;
    }

    String getBodyHtml() {
        return bodyHtml;
    }

    boolean isUrgent() {
        return urgent;
    }

    Instant getNotBefore() {
        return notBefore;
    }

    String getHoldNote() {
        return holdNote;
    }

    NotificationStatus getStatus() {
        return status;
    }

    int getAttempts() {
        return attempts;
    }

    String getLastError() {
        return lastError;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getLastAttemptAt() {
        return lastAttemptAt;
    }

    Instant getSentAt() {
        return sentAt;
    }
}
