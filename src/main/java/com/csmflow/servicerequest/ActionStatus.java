package com.csmflow.servicerequest;

/** An action is open until its follow-up reports it done. */
public enum ActionStatus {
    OPEN,
    DONE
}
