package com.csmflow.sla;

/** RUNNING and PAUSED clocks are active; MET and BREACHED are stopped. */
public enum SlaClockState {
    RUNNING,
    PAUSED,
    MET,
    BREACHED;

    public boolean isActive() {
        return this == RUNNING || this == PAUSED;
    }
}
