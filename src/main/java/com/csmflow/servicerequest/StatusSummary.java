package com.csmflow.servicerequest;

/**
 * Staff and resource status beside a service request (seed 003 §2.2.1 step 2 input), computed from the
 * registers by {@link ServiceRegister#statusFor}; the first three are the decision table's inputs.
 *
 * @param skillCoverage per cent of the required skills that at least one free person has (100 when none are named)
 * @param managersAvailable a Service Manager and a Delivery Manager each run fewer than the maximum of services
 * @param freeResources resources of the inventory that are available
 * @param text the same for people: free people per skill, load of each candidate SM and DM
 */
record StatusSummary(int skillCoverage, boolean managersAvailable, int freeResources, String text) {}
