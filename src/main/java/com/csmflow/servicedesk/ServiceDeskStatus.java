package com.csmflow.servicedesk;

/** OPEN until the CSM has handled it: RESOLVED or DECLINED. */
public enum ServiceDeskStatus {
    OPEN,
    RESOLVED,
    DECLINED
}
