package com.csmflow.review;

/** REPORTED once the report is generated, PREPARED once the CSM set the agenda, HELD once the minutes are in. */
public enum ReviewStatus {
    REPORTED,
    PREPARED,
    HELD
}
