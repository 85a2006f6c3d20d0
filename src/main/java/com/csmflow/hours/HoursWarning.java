package com.csmflow.hours;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Proof that the 80 % or 100 % warning of a client's month went out (its reference is the business key of
 * the {@code hours-warning} instance that mails it): one row per client, month and threshold, so a month
 * warns once at each threshold whatever is recorded afterwards.
 */
@Entity
@Table(name = "hours_warning")
class HoursWarning {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String reference;

    @Column(name = "client_reference", nullable = false)
    private String clientReference;

    /** The client's calendar month, {@code 2026-12}. */
    @Column(name = "ledger_month", nullable = false)
    private String month;

    @Column(name = "threshold_percent", nullable = false)
    private int thresholdPercent;

    @Column(name = "used_minutes", nullable = false)
    private int usedMinutes;

    @Column(name = "available_minutes", nullable = false)
    private int availableMinutes;

    @Column(name = "warned_at", nullable = false)
    private Instant warnedAt;

    protected HoursWarning() {}

    HoursWarning(
            String reference,
            String clientReference,
            String month,
            int thresholdPercent,
            int usedMinutes,
            int availableMinutes,
            Instant warnedAt) {
        this.reference = reference;
        this.clientReference = clientReference;
        this.month = month;
        this.thresholdPercent = thresholdPercent;
        this.usedMinutes = usedMinutes;
        this.availableMinutes = availableMinutes;
        this.warnedAt = warnedAt;
    }

    String getReference() {
        return reference;
    }

    int getThresholdPercent() {
        return thresholdPercent;
    }

    Instant getWarnedAt() {
        return warnedAt;
    }
}
