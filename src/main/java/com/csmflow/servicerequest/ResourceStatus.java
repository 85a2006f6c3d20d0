package com.csmflow.servicerequest;

/** A resource of the inventory: free, with a team member, or out of the inventory. */
public enum ResourceStatus {
    AVAILABLE,
    ALLOCATED,
    RETIRED
}
