package com.csmflow.sla;

import com.csmflow.client.CsmTier;
import java.time.Instant;

/**
 * A clock as the SLA board and the case view show it. Instants are UTC (the reader's browser shows them in
 * the reader's zone); {@code elapsed}, {@code remaining} and {@code target} are ISO-8601 business time on
 * the clock's calendar, {@code remaining} negative once overdue; {@code zone} is the calendar's zone.
 */
public record SlaClockRow(
        long id,
        String businessKey,
        String processInstanceId,
        String clockName,
        String metric,
        String clientReference,
        CsmTier tier,
        SlaPriority priority,
        SlaLight light,
        SlaClockState state,
        String target,
        String elapsed,
        String remaining,
        String calendar,
        String zone,
        Instant startedAt,
        Instant warningAt,
        Instant dueAt,
        Instant pausedAt,
        Instant stoppedAt) {

    public static SlaClockRow of(SlaClockStatus status) {
        SlaClock clock = status.clock();
        return new SlaClockRow(
                clock.getId(),
                clock.getBusinessKey(),
                clock.getProcessInstanceId(),
                clock.getClockName(),
                clock.getMetric(),
                clock.getClientReference(),
                clock.getTier(),
                clock.getPriority(),
                status.light(),
                clock.getState(),
                clock.getTargetDuration(),
                status.elapsed().toString(),
                status.remaining().toString(),
                status.calendar(),
                status.zone().getId(),
                clock.getStartedAt(),
                clock.getWarningAt(),
                clock.getDueAt(),
                clock.getPausedAt(),
                clock.getStoppedAt());
    }
}
