package com.csmflow.access;

/** A reviewer's answer on one right; REVOKED_AT_DEADLINE when nobody answered in time. */
public enum ReviewDecision {
    PENDING,
    CONFIRMED,
    REVOKED,
    REVOKED_AT_DEADLINE
}
