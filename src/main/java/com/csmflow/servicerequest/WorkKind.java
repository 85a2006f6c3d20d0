package com.csmflow.servicerequest;

/** What a step of the service's life records (seed 003 §2.2.2-2.2.4 outputs). */
public enum WorkKind {
    TEAM_ORGANISATION,
    STAFFING_ROADMAP,
    RECRUITMENT_PLAN,
    SKILL_GAP_REPORT,
    KNOWLEDGE_PLAN,
    GOVERNANCE_MODEL,
    STAFFING_FOLLOW_UP,
    GOVERNANCE_ACTIONS,
    WORKING_METHODOLOGY,
    QUALITY_CRITERIA,
    TEAM_ASSESSMENT,
    TEAM_ACTION_REPORT,
    INDIVIDUAL_ASSESSMENT,
    INDIVIDUAL_ACTION_REPORT,
    UTILISATION_RULES,
    INVENTORY,
    INVENTORY_REVIEW,
    RESOURCE_DECISION,
    CONSOLIDATION;

    /** About one person: shown only to the competence manager, HR and the service's SM and DM. */
    boolean isPersonal() {
        return this == INDIVIDUAL_ASSESSMENT || this == INDIVIDUAL_ACTION_REPORT;
    }
}
