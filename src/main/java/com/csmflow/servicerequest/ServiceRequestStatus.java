package com.csmflow.servicerequest;

/** Where a service request stands. */
public enum ServiceRequestStatus {
    RECEIVED,
    AWAITING_DECISION,
    MORE_INFORMATION_REQUESTED,
    ACCEPTED,
    REJECTED
}
