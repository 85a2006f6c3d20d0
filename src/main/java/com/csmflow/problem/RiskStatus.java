package com.csmflow.problem;

/** A risk is ACCEPTED when recorded; a later review may CLOSE it (not automated yet). */
public enum RiskStatus {
    ACCEPTED,
    CLOSED
}
