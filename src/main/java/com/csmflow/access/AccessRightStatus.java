package com.csmflow.access;

/**
 * Where a right stands in the access register: REQUESTED until it is refused (REJECTED) or approved and
 * provided by IT (ACTIVE); REVOKED once IT has removed it.
 */
public enum AccessRightStatus {
    REQUESTED,
    ACTIVE,
    REJECTED,
    REVOKED
}
