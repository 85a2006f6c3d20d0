package com.csmflow.problem;

/** A SIP action is OPEN until done or accepted as risk; OVERDUE once its target date has passed. */
public enum SipActionStatus {
    OPEN,
    OVERDUE,
    DONE,
    RISK_ACCEPTED;

    boolean settled() {
        return this == DONE || this == RISK_ACCEPTED;
    }
}
