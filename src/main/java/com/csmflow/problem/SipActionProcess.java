package com.csmflow.problem;

import com.csmflow.engine.ProcessVariable;
import java.util.Date;

/**
 * The {@code sip-action} workflow ({@code bpmn/sip-action.bpmn}), the follow-up of one SIP action, as Java
 * sees it: its key (the business key is the action's reference), its variables and element ids. The
 * client is {@link com.csmflow.engine.CaseVariables#CLIENT_REFERENCE}.
 */
public final class SipActionProcess {

    public static final String KEY = "sip-action";

    /** The action followed up; the multi-instance element variable of problem-rca's follow-up. */
    public static final ProcessVariable<String> SIP_ACTION_REFERENCE = ProcessVariable.text("sipActionReference");

    // read from the register ("Read the action from the SIP register")
    public static final ProcessVariable<String> DESCRIPTION = ProcessVariable.text("sipDescription");
    public static final ProcessVariable<String> SOURCE_REFERENCE = ProcessVariable.text("sipSourceReference");
    /** The assignee when a user owns the action, else null. */
    public static final ProcessVariable<String> OWNER_USER = ProcessVariable.text("sipOwnerUser");
    /** The one role group that owns the action (the CSMs by default), as candidate group. */
    public static final ProcessVariable<String> CANDIDATE_GROUPS = ProcessVariable.text("sipCandidateGroups");
    /** yyyy-mm-dd, shown in mails. */
    public static final ProcessVariable<String> TARGET_DATE = ProcessVariable.text("sipTargetDate");
    /** The end of the target day in the client's time zone: overdue from then. */
    public static final ProcessVariable<Date> TARGET_AT = ProcessVariable.instant("sipTargetAt");

    public static final ProcessVariable<Date> REMINDER_AT = ProcessVariable.instant("sipReminderAt");
    /** The register status after each step. */
    public static final ProcessVariable<String> STATUS = ProcessVariable.text("sipStatus");

    // entered by the owner (Task_CompleteAction) and the service manager (Task_DecideRisk)
    /** done or risk. */
    public static final ProcessVariable<String> ACTION_OUTCOME = ProcessVariable.text("actionOutcome");

    public static final ProcessVariable<String> ACTION_EVIDENCE = ProcessVariable.text("actionEvidence");
    /** accept or reject. */
    public static final ProcessVariable<String> RISK_DECISION = ProcessVariable.text("riskDecision");

    public static final ProcessVariable<String> RISK_DESCRIPTION = ProcessVariable.text("riskDescription");
    public static final ProcessVariable<String> RISK_OWNER = ProcessVariable.text("riskOwner");
    /** A form date field: a text yyyy-mm-dd (with or without time) or a Date from the engine API. */
    public static final ProcessVariable<Object> RISK_REVIEW_DATE = ProcessVariable.of("riskReviewDate", Object.class);
    /** The risk register entry of an accepted risk. */
    public static final ProcessVariable<String> RISK_REFERENCE = ProcessVariable.text("riskReference");

    // element ids
    public static final String TASK_COMPLETE_ACTION = "Task_CompleteAction";
    public static final String TASK_DECIDE_RISK = "Task_DecideRisk";

    private SipActionProcess() {}
}
