package com.csmflow.infosec;

/** A version of a service's InfoSec criteria and plan: issued, put in place, replaced by a newer one, or closed with the service. */
public enum PlanStatus {
    ISSUED,
    IMPLEMENTED,
    SUPERSEDED,
    CLOSED
}
