package com.csmflow.infosec;

/** What a version of the criteria and plan was written from. */
public enum PlanBasis {
    /** The first issue after the client's criteria were received. */
    INITIAL,
    /** The plan's actions and the lessons of a security event. */
    SECURITY_EVENT,
    /** A monitoring round found that the criteria or plan must change. */
    MONITORING
}
