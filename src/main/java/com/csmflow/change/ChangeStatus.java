package com.csmflow.change;

import java.util.Set;

/** Statuses of a change in the register, in the order a change usually passes them. */
final class ChangeStatus {

    static final String REQUESTED = "REQUESTED";
    static final String CLASSIFIED = "CLASSIFIED";
    static final String IN_CAB = "IN_CAB";
    static final String APPROVED = "APPROVED";
    static final String REJECTED = "REJECTED";
    static final String SCHEDULED = "SCHEDULED";
    static final String IMPLEMENTED = "IMPLEMENTED";
    static final String FAILED = "FAILED";
    static final String ROLLED_BACK = "ROLLED_BACK";
    static final String CLOSED = "CLOSED";

    static final Set<String> ALL = Set.of(REQUESTED, CLASSIFIED, IN_CAB, APPROVED, REJECTED, SCHEDULED, IMPLEMENTED,
            FAILED, ROLLED_BACK, CLOSED);

    private ChangeStatus() {
    }

    /** Rejected and closed changes are done: their closed_at is set. */
    static boolean isFinal(String status) {
        return REJECTED.equals(status) || CLOSED.equals(status);
    }
}
