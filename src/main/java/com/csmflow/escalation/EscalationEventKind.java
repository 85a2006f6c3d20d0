package com.csmflow.escalation;

/** What a timeline row of the escalation register records. */
public enum EscalationEventKind {
    RAISED,
    SEVERITY_SET,
    ACKNOWLEDGED,
    LADDER_STEP,
    UPDATE_SENT,
    UPDATE_LATE,
    PAUSED,
    RESUMED,
    RESOLVED,
    REOPENED,
    CONFIRMED,
    CLOSED,
    BREACH_JOINED
}
