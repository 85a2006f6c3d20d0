package com.csmflow.problem;

/**
 * An entry of the issues and risk register: OPEN when raised directly (API, Tasklist), ACCEPTED when a
 * risk was knowingly accepted instead of doing a SIP action; CLOSED by its review.
 */
public enum RiskStatus {
    OPEN,
    ACCEPTED,
    CLOSED
}
