package com.csmflow.cmdb;

/** Where a configuration item is in its life: planned, in service, in maintenance, retired. */
public enum CiStatus {
    PLANNED,
    ACTIVE,
    MAINTENANCE,
    RETIRED
}
