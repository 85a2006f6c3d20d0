package com.csmflow.infosec;

/** Where a security event stands. */
public enum SecurityEventStatus {
    RECORDED,
    CLASSIFIED,
    HANDLED,
    CLOSED
}
