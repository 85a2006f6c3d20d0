package com.csmflow.worklist;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A person recorded as away from {@code from} until {@code until} (holiday, sick leave); one per person. */
@Entity
@Table(name = "staff_absence")
class StaffAbsence {

    @Id
    @Column(name = "user_id")
    private String userId;

    @Column(name = "away_from", nullable = false)
    private Instant from;

    @Column(name = "away_until", nullable = false)
    private Instant until;

    @Column
    private String reason;

    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Version
    private long version;

    protected StaffAbsence() {}

    StaffAbsence(String userId) {
        this.userId = userId;
    }

    void record(Instant from, Instant until, String reason, String recordedBy, Instant now) {
        this.from = from;
        this.until = until;
        this.reason = reason;
        this.recordedBy = recordedBy;
        this.recordedAt = now;
    }

    boolean covers(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(until);
    }

    String getUserId() {
        return userId;
    }

    Instant getFrom() {
        return from;
    }

    Instant getUntil() {
        return until;
    }

    String getReason() {
        return reason;
    }

    String getRecordedBy() {
        return recordedBy;
    }

    Instant getRecordedAt() {
        return recordedAt;
    }
}
