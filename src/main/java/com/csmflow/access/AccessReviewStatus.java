package com.csmflow.access;

/** OPEN while reviewers decide; CLOSED when every right under review is confirmed or revoked. */
public enum AccessReviewStatus {
    OPEN,
    CLOSED
}
