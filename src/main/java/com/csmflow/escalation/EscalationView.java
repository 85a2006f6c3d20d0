package com.csmflow.escalation;

import java.time.Instant;
import java.util.List;

/** An escalation as the API shows it: the register row and its timeline. */
record EscalationView(
        String reference,
        String clientReference,
        String source,
        String category,
        String subject,
        String description,
        String reportedImpact,
        String contactName,
        String contactEmail,
        String breachedBusinessKey,
        String breachedMetric,
        String severity,
        String priority,
        EscalationLevel levelReached,
        EscalationStatus status,
        Instant raisedAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolvedAt,
        String resolution,
        Instant closedAt,
        Boolean rootCauseKnown,
        String rootCause,
        int reopenCount,
        String processInstanceId,
        List<Event> events) {

    record Event(
            EscalationEventKind kind,
            EscalationLevel level,
            String detail,
            Instant occurredAt,
            String userId,
            String activityId) {}

    static EscalationView of(Escalation e, List<EscalationEvent> events) {
        return new EscalationView(
                e.getReference(),
                e.getClientReference(),
                e.getSource(),
                e.getCategory(),
                e.getSubject(),
                e.getDescription(),
                e.getReportedImpact(),
                e.getContactName(),
                e.getContactEmail(),
                e.getBreachedBusinessKey(),
                e.getBreachedMetric(),
                e.getSeverity(),
                e.getPriority(),
                e.getLevelReached(),
                e.getStatus(),
                e.getRaisedAt(),
                e.getAcknowledgedAt(),
                e.getAcknowledgedBy(),
                e.getResolvedAt(),
                e.getResolution(),
                e.getClosedAt(),
                e.getRootCauseKnown(),
                e.getRootCause(),
                e.getReopenCount(),
                e.getOrigin() == null ? null : e.getOrigin().getProcessInstanceId(),
                events == null
                        ? null
                        : events.stream()
                                .map(ev -> new Event(
                                        ev.getKind(),
                                        ev.getLevel(),
                                        ev.getDetail(),
                                        ev.getOccurredAt(),
                                        ev.getUserId(),
                                        ev.getActivityId()))
                                .toList());
    }
}
