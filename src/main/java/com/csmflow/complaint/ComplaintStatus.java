package com.csmflow.complaint;

/** OPEN until acknowledged; RESOLVED once handled, until the client agrees; CLOSED with the client's agreement. */
public enum ComplaintStatus {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED,
    CLOSED
}
