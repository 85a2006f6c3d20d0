package com.csmflow.infosec;

/** A security event's severity, decided by {@code bpmn/security-event-severity.dmn}. */
public enum SecuritySeverity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW
}
