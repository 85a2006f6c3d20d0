package com.csmflow.problem;

/** Where a problem stands; the workflow moves it forward, CLOSED is final. */
public enum ProblemStatus {
    OPEN,
    RCA_ACCEPTED,
    RCA_SENT,
    ACTIONS_IN_PROGRESS,
    CLOSED
}
