package com.csmflow.sla;

import com.csmflow.client.CsmTier;
import java.time.Instant;

/** An SLA target as the REST API shows it. */
record SlaTargetView(
        Long id,
        CsmTier tier,
        SlaPriority priority,
        String metric,
        String duration,
        SlaCalendarType calendar,
        int warningPercent,
        Instant updatedAt,
        String updatedBy,
        long version) {

    static SlaTargetView of(SlaTarget target) {
        return new SlaTargetView(
                target.getId(),
                target.getTier(),
                target.getPriority(),
                target.getMetric(),
                target.getDuration(),
                target.getCalendar(),
                target.getWarningPercent(),
                target.getUpdatedAt(),
                target.getUpdatedBy(),
                target.getVersion());
    }
}
