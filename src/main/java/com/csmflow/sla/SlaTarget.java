package com.csmflow.sla;

import com.csmflow.client.CsmTier;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;

/** How long a metric may take for a tier and priority, on which calendar, and when to warn. */
@Entity
@Table(name = "sla_target")
public class SlaTarget {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CsmTier tier;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SlaPriority priority;

    /** Dotted kebab-case name, e.g. {@code escalation.acknowledge}. */
    @Column(nullable = false)
    private String metric;

    /** ISO-8601 duration as entered, e.g. {@code PT4H} or {@code P7D}. */
    @Column(nullable = false)
    private String duration;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SlaCalendarType calendar;

    @Column(name = "warning_percent", nullable = false)
    private int warningPercent;

    /**
     * The client was promised this target: a breach is told to the client's contacts (where the contract
     * says so) by the breach watch ({@link SlaBreachWatch}). Seeded by migration; not changed through the API.
     */
    @Column(name = "client_facing", nullable = false)
    private boolean clientFacing;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Version
    private long version;

    protected SlaTarget() {}

    SlaTarget(
            CsmTier tier,
            SlaPriority priority,
            String metric,
            String duration,
            SlaCalendarType calendar,
            int warningPercent,
            Instant now,
            String user) {
        update(tier, priority, metric, duration, calendar, warningPercent, now, user);
    }

    void update(
            CsmTier tier,
            SlaPriority priority,
            String metric,
            String duration,
            SlaCalendarType calendar,
            int warningPercent,
            Instant now,
            String user) {
        this.tier = tier;
        this.priority = priority;
        this.metric = metric;
        this.duration = duration;
        this.calendar = calendar;
        this.warningPercent = warningPercent;
        this.updatedAt = now;
        this.updatedBy = user;
    }

    public Long getId() {
        return id;
    }

    public boolean isClientFacing() {
        return clientFacing;
    }

    public CsmTier getTier() {
        return tier;
    }

    public SlaPriority getPriority() {
        return priority;
    }

    public String getMetric() {
        return metric;
    }

    public String getDuration() {
        return duration;
    }

    /** The target as a duration of calendar time (business time on a BUSINESS calendar). */
    public Duration durationValue() {
        return Duration.parse(duration);
    }

    public SlaCalendarType getCalendar() {
        return calendar;
    }

    public int getWarningPercent() {
        return warningPercent;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public long getVersion() {
        return version;
    }
}
