package com.csmflow.security;

/**
 * The role groups of PROCESSES.md. Each is a group in the engine's identity service and the candidate
 * group of the user tasks that role performs.
 */
public enum RoleGroup {
    DC_HEAD("dc-head", "Head of Delivery Centre"),
    SERVICE_MANAGER("service-manager", "Service Manager"),
    DELIVERY_MANAGER("delivery-manager", "Delivery Manager"),
    COMPETENCE_MANAGER("competence-manager", "Competence Manager"),
    HR("hr", "Human Resources"),
    HRDC("hrdc", "HR Development Committee"),
    ISEC("isec", "Information Security Committee"),
    IT("it", "IT Unit"),
    CSM("csm", "Client Service Manager"),
    CSE("cse", "Client Service Engineer"),
    CAB("cab", "Change Advisory Board"),
    ACCOUNT_MANAGER("account-manager", "Account Manager");

    private final String id;
    private final String displayName;

    RoleGroup(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** Managers watch instances, incidents and SLA clocks in Cockpit. */
    public boolean watchesOperations() {
        return this == DC_HEAD || this == SERVICE_MANAGER || this == DELIVERY_MANAGER;
    }
}
