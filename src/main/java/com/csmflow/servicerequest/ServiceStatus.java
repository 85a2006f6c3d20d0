package com.csmflow.servicerequest;

/** A service in the service register: running from go until it ends by request or at its term end. */
public enum ServiceStatus {
    ACTIVE,
    ENDED
}
