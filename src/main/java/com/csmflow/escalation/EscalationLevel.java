package com.csmflow.escalation;

/** The rungs of the escalation ladder, lowest first; an escalation only ever climbs. */
public enum EscalationLevel {
    CSM,
    SERVICE_MANAGER,
    DELIVERY_MANAGER,
    DC_HEAD;

    EscalationLevel higherOf(EscalationLevel other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
