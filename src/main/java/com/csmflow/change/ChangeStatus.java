package com.csmflow.change;

/** Statuses of a change in the register, in the order a change usually passes them; stored by name. */
enum ChangeStatus {
    REQUESTED,
    CLASSIFIED,
    IN_CAB,
    APPROVED,
    REJECTED,
    SCHEDULED,
    IMPLEMENTED,
    FAILED,
    ROLLED_BACK,
    CLOSED;

    /** Rejected and closed changes are done: their closed_at is set. */
    boolean isFinal() {
        return this == REJECTED || this == CLOSED;
    }
}
