package com.csmflow.notification;

/** Where an outbox row stands. */
public enum NotificationStatus {
    /** Written, waiting for its delivery job (possibly held until the client's next business hour). */
    PENDING,
    /** The last attempt failed; the delivery job retries it (or shows an incident when retries ran out). */
    FAILED,
    /** Accepted by the mail server / answered 2xx by the webhook. Never sent again. */
    SENT,
    /** Mail while no mail server is configured (demo profile): kept, not retried. */
    NOT_DELIVERED
}
