package com.csmflow.complaint;

/** What handling a complaint led to beyond the answer: nothing, a problem (RCA), or a SIP action. */
public enum ComplaintFollowUp {
    NONE,
    PROBLEM,
    SIP
}
