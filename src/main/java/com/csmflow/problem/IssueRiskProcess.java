package com.csmflow.problem;

import com.csmflow.engine.ProcessVariable;
import java.util.Date;

/**
 * The {@code issue-risk} workflow ({@code bpmn/issue-risk.bpmn}): one entry of the issues and risk register
 * from when it is raised (API, Tasklist start form, or a SIP action's accepted risk through
 * {@link #RISK_REVIEW_REQUESTED_MESSAGE}) to the review that closes it. The business key is the entry's
 * reference; the client is {@link com.csmflow.engine.CaseVariables#CLIENT_REFERENCE}.
 */
public final class IssueRiskProcess {

    public static final String KEY = "issue-risk";

    /** Published by sip-action when a risk is accepted instead of the action. */
    public static final String RISK_REVIEW_REQUESTED_MESSAGE = "risk-review-requested";

    // raised with (start form, API) or handed over (message)
    /** ISSUE or RISK. */
    public static final ProcessVariable<String> ENTRY_TYPE = ProcessVariable.text("entryType");

    public static final ProcessVariable<String> DESCRIPTION = SipActionProcess.RISK_DESCRIPTION;
    public static final ProcessVariable<String> OWNER = SipActionProcess.RISK_OWNER;
    /** A form date field (yyyy-mm-dd); the register's review date once recorded. */
    public static final ProcessVariable<Object> REVIEW_DATE = SipActionProcess.RISK_REVIEW_DATE;
    /** The entry's reference (also the business key). */
    public static final ProcessVariable<String> RISK_REFERENCE = SipActionProcess.RISK_REFERENCE;

    // written by the register step
    /** The start of the review day in the client's time zone: the review task appears then. */
    public static final ProcessVariable<Date> REVIEW_AT = ProcessVariable.instant("riskReviewAt");

    public static final ProcessVariable<String> STATUS = ProcessVariable.text("riskStatus");

    // the review (Task_ReviewEntry)
    /** keep-open or close. */
    public static final ProcessVariable<String> REVIEW_DECISION = ProcessVariable.text("reviewDecision");
    /** A form date field: the next review when the entry stays open. */
    public static final ProcessVariable<Object> NEXT_REVIEW_DATE = ProcessVariable.of("nextReviewDate", Object.class);

    public static final ProcessVariable<String> REVIEW_COMMENT = ProcessVariable.text("reviewComment");

    // element ids
    public static final String START_EVENT_RAISED = "StartEvent_EntryRaised";
    public static final String START_EVENT_RISK_ACCEPTED = "StartEvent_RiskAccepted";
    public static final String TIMER_REVIEW_DUE = "Timer_ReviewDue";
    public static final String TASK_REVIEW_ENTRY = "Task_ReviewEntry";
    public static final String END_EVENT_CLOSED = "EndEvent_EntryClosed";

    private IssueRiskProcess() {}
}
