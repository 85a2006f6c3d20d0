package com.csmflow.satisfaction;

/** SENT: the link works until it expires; ANSWERED: recorded once; EXPIRED: no answer came in time. */
public enum SurveyStatus {
    SENT,
    ANSWERED,
    EXPIRED
}
