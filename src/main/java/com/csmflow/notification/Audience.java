package com.csmflow.notification;

/**
 * Who reads it. Client notices (client contacts, explicit addresses) respect the client's business
 * hours unless urgent; staff notifications and webhooks go at once.
 */
public enum Audience {
    STAFF,
    CLIENT
}
