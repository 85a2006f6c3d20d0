package com.csmflow.escalation;

/** What a timeline row of the escalation register records. */
public enum EscalationEventKind {
    RAISED,
    SEVERITY_SET,
    ACKNOWLEDGED,
    LADDER_STEP,
    /** A rung (service manager, delivery manager, DC head) took the escalation over. */
    OWNERSHIP_TAKEN,
    /** A rung directed the work and left the owner in charge. */
    WORK_DIRECTED,
    /** A commercial query handed to the account manager, and the account manager's answer. */
    COMMERCIAL_QUERY,
    COMMERCIAL_ANSWERED,
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
