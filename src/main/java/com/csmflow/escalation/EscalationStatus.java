package com.csmflow.escalation;

/** Where an escalation stands; everything but CLOSED counts as open (a new SLA breach of its case joins it). */
public enum EscalationStatus {
    OPEN,
    ACKNOWLEDGED,
    WAITING_FOR_CLIENT,
    RESOLVED,
    CLOSED
}
