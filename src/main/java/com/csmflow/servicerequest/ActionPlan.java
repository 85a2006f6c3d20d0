package com.csmflow.servicerequest;

/** Which plan an action belongs to (003 §2.2.2 step 6, §2.2.3 steps 5 and 6). */
public enum ActionPlan {
    TEAM,
    /** About one person: personal data like the individual assessment it comes from. */
    INDIVIDUAL,
    GOVERNANCE
}
