package com.csmflow.sla;

/**
 * A clock as a traffic light: open clocks are RUNNING, PAUSED, WARNED (past the warning) or BREACHED (past
 * due); stopped ones MET or BREACHED. A paused clock is judged at the instant it paused, so a pause
 * neither breaches nor clears it.
 */
public enum SlaLight {
    BREACHED,
    WARNED,
    RUNNING,
    PAUSED,
    MET;

    static SlaLight of(SlaClock clock, java.time.Instant now) {
        if (!clock.getState().isActive()) {
            return clock.getState() == SlaClockState.BREACHED ? BREACHED : MET;
        }
        java.time.Instant at = clock.getPausedAt() != null ? clock.getPausedAt() : now;
        if (!clock.getDueAt().isAfter(at)) {
            return BREACHED;
        }
        if (!clock.getWarningAt().isAfter(at)) {
            return WARNED;
        }
        return clock.getState() == SlaClockState.PAUSED ? PAUSED : RUNNING;
    }
}
