package com.csmflow.infosec;

/** How a security event's lessons reached its service's InfoSec plan. */
public enum PlanFeedback {
    /** No service named, or not handled yet. */
    NONE,
    /** Handed over, but the service's InfoSec loop was not watching: taken up when it is again. */
    PENDING,
    /** The service's InfoSec loop runs the plan's actions for it. */
    DELIVERED,
    /** A new version of the criteria and plan was issued from it. */
    APPLIED
}
