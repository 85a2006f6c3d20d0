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

/**
 * One SLA clock. The arithmetic lives here and takes the calendar as an argument, so it can be
 * reasoned about (and tested) without a database.
 *
 * <p>Model: the clock banks net business time in {@code elapsed}. While running it also counts from
 * {@code countingSince}; pausing banks what was counted and stops counting; resuming adds the business
 * time of the pause to {@code paused} and counts again; re-targeting banks what was counted and
 * computes new due/warning instants from the new target. So the due instant is always "where the
 * remaining business time runs out, counting from now", which preserves elapsed and paused time
 * across pauses and priority changes, and the remaining business time across a pause.
 */
@Entity
@Table(name = "sla_clock")
public class SlaClock {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "business_key", nullable = false)
    private String businessKey;

    @Column(name = "process_instance_id")
    private String processInstanceId;

    /** Names the clock within its process and prefixes its timer variables ({@code cabDecisionDue}). */
    @Column(name = "clock_name", nullable = false)
    private String clockName;

    @Column(nullable = false)
    private String metric;

    @Column(name = "client_reference", nullable = false)
    private String clientReference;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CsmTier tier;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SlaPriority priority;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SlaCalendarType calendar;

    @Column(name = "target_duration", nullable = false)
    private String targetDuration;

    @Column(name = "warning_percent", nullable = false)
    private int warningPercent;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "counting_since")
    private Instant countingSince;

    @Column(name = "warning_at", nullable = false)
    private Instant warningAt;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Column(name = "paused_at")
    private Instant pausedAt;

    @Column(name = "paused_ms", nullable = false)
    private long pausedMs;

    @Column(name = "elapsed_ms", nullable = false)
    private long elapsedMs;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SlaClockState state;

    @Column(nullable = false)
    private boolean breached;

    @Column(name = "stopped_at")
    private Instant stoppedAt;

    @Version
    private long version;

    protected SlaClock() {}

    SlaClock(
            String businessKey,
            String processInstanceId,
            String clockName,
            String metric,
            String clientReference,
            CsmTier tier,
            SlaTarget target,
            BusinessCalendar businessCalendar,
            Instant now) {
        this.businessKey = businessKey;
        this.processInstanceId = processInstanceId;
        this.clockName = clockName;
        this.metric = metric;
        this.clientReference = clientReference;
        this.tier = tier;
        this.startedAt = now;
        this.countingSince = now;
        this.state = SlaClockState.RUNNING;
        applyTarget(target);
        schedule(businessCalendar);
    }

    /** Stops counting; the timers must not fire while paused. Pausing a paused clock changes nothing. */
    void pause(BusinessCalendar businessCalendar, Instant now) {
        requireActive("pause");
        if (state == SlaClockState.PAUSED) {
            return;
        }
        bank(businessCalendar, now);
        countingSince = null;
        pausedAt = now;
        state = SlaClockState.PAUSED;
    }

    /** Counts again; due and warning move by the business time the pause lasted. */
    void resume(BusinessCalendar businessCalendar, Instant now) {
        requireActive("resume");
        if (state == SlaClockState.RUNNING) {
            return;
        }
        pausedMs += businessCalendar.elapsed(pausedAt, now).toMillis();
        pausedAt = null;
        countingSince = now;
        state = SlaClockState.RUNNING;
        schedule(businessCalendar);
    }

    /**
     * A new target (after a priority change) on its own calendar. Time counted so far is banked on
     * the old calendar, so neither elapsed nor paused time is lost.
     */
    void retarget(
            SlaPriority newPriority,
            SlaTarget target,
            BusinessCalendar oldCalendar,
            BusinessCalendar newCalendar,
            Instant now) {
        requireActive("re-target");
        if (state == SlaClockState.RUNNING) {
            bank(oldCalendar, now);
            countingSince = now;
        } else {
            // the pause so far counts as paused time of the old calendar; the rest is measured on the new one
            pausedMs += oldCalendar.elapsed(pausedAt, now).toMillis();
            pausedAt = now;
        }
        this.priority = newPriority;
        applyTarget(target);
        if (state == SlaClockState.RUNNING) {
            schedule(newCalendar);
        }
    }

    /** Stops for good: met if the net business time stayed under the target, else breached. */
    void stop(BusinessCalendar businessCalendar, Instant now) {
        requireActive("stop");
        if (state == SlaClockState.RUNNING) {
            bank(businessCalendar, now);
        } else {
            pausedMs += businessCalendar.elapsed(pausedAt, now).toMillis();
        }
        countingSince = null;
        pausedAt = null;
        stoppedAt = now;
        breached = elapsedMs >= target().toMillis();
        state = breached ? SlaClockState.BREACHED : SlaClockState.MET;
    }

    /** Net business time so far (up to {@code now} if running). */
    Duration elapsed(BusinessCalendar businessCalendar, Instant now) {
        Duration banked = Duration.ofMillis(elapsedMs);
        return state == SlaClockState.RUNNING ? banked.plus(businessCalendar.elapsed(countingSince, now)) : banked;
    }

    /** Business time paused so far (up to {@code now} if paused). */
    Duration paused(BusinessCalendar businessCalendar, Instant now) {
        Duration banked = Duration.ofMillis(pausedMs);
        return state == SlaClockState.PAUSED ? banked.plus(businessCalendar.elapsed(pausedAt, now)) : banked;
    }

    private void bank(BusinessCalendar businessCalendar, Instant now) {
        elapsedMs += businessCalendar.elapsed(countingSince, now).toMillis();
    }

    /** Due and warning from the remaining business time, counted from {@code countingSince}. */
    private void schedule(BusinessCalendar businessCalendar) {
        Duration target = target();
        Duration banked = Duration.ofMillis(elapsedMs);
        Duration warningThreshold = target.multipliedBy(warningPercent).dividedBy(100);
        dueAt = businessCalendar.add(countingSince, nonNegative(target.minus(banked)));
        warningAt = businessCalendar.add(countingSince, nonNegative(warningThreshold.minus(banked)));
    }

    private void applyTarget(SlaTarget target) {
        this.priority = target.getPriority();
        this.calendar = target.getCalendar();
        this.targetDuration = target.getDuration();
        this.warningPercent = target.getWarningPercent();
    }

    private void requireActive(String action) {
        if (!state.isActive()) {
            throw new IllegalStateException("Cannot " + action + " SLA clock '" + clockName + "' of " + businessKey
                    + ": it is already stopped (" + state + ")");
        }
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    public Duration target() {
        return Duration.parse(targetDuration);
    }

    public Long getId() {
        return id;
    }

    public String getBusinessKey() {
        return businessKey;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public String getClockName() {
        return clockName;
    }

    public String getMetric() {
        return metric;
    }

    public String getClientReference() {
        return clientReference;
    }

    public CsmTier getTier() {
        return tier;
    }

    public SlaPriority getPriority() {
        return priority;
    }

    public SlaCalendarType getCalendar() {
        return calendar;
    }

    public String getTargetDuration() {
        return targetDuration;
    }

    public int getWarningPercent() {
        return warningPercent;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getCountingSince() {
        return countingSince;
    }

    public Instant getWarningAt() {
        return warningAt;
    }

    public Instant getDueAt() {
        return dueAt;
    }

    public Instant getPausedAt() {
        return pausedAt;
    }

    /** Business time paused, banked at each resume and at stop. */
    public Duration getPausedTime() {
        return Duration.ofMillis(pausedMs);
    }

    /** Net business time counted, banked at each pause, re-target and stop. */
    public Duration getElapsedTime() {
        return Duration.ofMillis(elapsedMs);
    }

    public SlaClockState getState() {
        return state;
    }

    public boolean isBreached() {
        return breached;
    }

    public Instant getStoppedAt() {
        return stoppedAt;
    }

    public long getVersion() {
        return version;
    }
}
