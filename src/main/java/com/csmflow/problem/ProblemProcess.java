package com.csmflow.problem;

import com.csmflow.engine.ProcessVariable;
import java.util.Date;
import java.util.List;

/**
 * The {@code problem-rca} workflow ({@code bpmn/problem-rca.bpmn}) as Java sees it: its key, the variables
 * delegates, services and tests read or write, the element ids they refer to and its messages. The client
 * and priority are {@link com.csmflow.engine.CaseVariables}; each SIP action is followed up by
 * {@link SipActionProcess}.
 */
public final class ProblemProcess {

    public static final String KEY = "problem-rca";
    /** Incidents within a period per client tier that make a chronic problem ({@code bpmn/problem-chronic-incident-threshold.dmn}). */
    public static final String CHRONIC_INCIDENT_DECISION = "problem-chronic-incident-threshold";
    /** Output of {@link #CHRONIC_INCIDENT_DECISION}: how many incidents ... */
    public static final String DECISION_INCIDENT_COUNT = "incidentCount";
    /** ... within how many days. */
    public static final String DECISION_PERIOD_DAYS = "periodDays";

    // opened with (API, start form, PROBLEM_REQUESTED_MESSAGE)
    /** change, escalation, incident, complaint or csm. */
    public static final ProcessVariable<String> SOURCE_TYPE = ProcessVariable.text("sourceType");
    /** What the problem came from (empty when nothing); the register keeps it null. */
    public static final ProcessVariable<String> SOURCE_REFERENCE = ProcessVariable.text("sourceReference");

    public static final ProcessVariable<String> SUMMARY = ProcessVariable.text("summary");

    // written by the register
    public static final ProcessVariable<String> PROBLEM_REFERENCE = ProcessVariable.text("problemReference");
    /** The SIP actions registered from the accepted RCA: the collection the follow-up iterates over. */
    public static final ProcessVariable<List<String>> SIP_ACTION_REFERENCES =
            ProcessVariable.texts("sipActionReferences");
    /** An action the CSM added later (delivered with {@link #ACTION_ADDED_MESSAGE}). */
    public static final ProcessVariable<String> ADDED_SIP_ACTION_REFERENCE =
            ProcessVariable.text("addedSipActionReference");

    // the internal RCA (Task_DetermineRootCause) and its review
    public static final ProcessVariable<String> SYMPTOMS = ProcessVariable.text("symptoms");
    public static final ProcessVariable<String> ROOT_CAUSE = ProcessVariable.text("rootCause");
    public static final ProcessVariable<String> CONTRIBUTING_FACTORS = ProcessVariable.text("contributingFactors");
    public static final ProcessVariable<String> EVIDENCE = ProcessVariable.text("evidence");
    /**
     * A form-js text area, so text at the form boundary: one action per line,
     * {@code description | owner | target date}; parsed once into SIP rows by "Register actions in the SIP".
     */
    public static final ProcessVariable<String> PROPOSED_ACTIONS = ProcessVariable.text("proposedActions");
    /** accept or send-back. */
    public static final ProcessVariable<String> RCA_REVIEW = ProcessVariable.text("rcaReview");

    public static final ProcessVariable<String> REVIEW_COMMENTS = ProcessVariable.text("reviewComments");

    // the client-facing RCA
    public static final ProcessVariable<String> CLIENT_RCA = ProcessVariable.text("clientRca");
    /** approve or revise. */
    public static final ProcessVariable<String> CLIENT_RCA_DECISION = ProcessVariable.text("clientRcaDecision");

    public static final ProcessVariable<String> APPROVAL_COMMENTS = ProcessVariable.text("approvalComments");

    // closing a problem with actions accepted as risk (Task_DecideClosure)
    /** close or keep-open. */
    public static final ProcessVariable<String> CLOSURE_DECISION = ProcessVariable.text("closureDecision");

    public static final ProcessVariable<String> CLOSURE_COMMENTS = ProcessVariable.text("closureComments");

    // the RCA delivery clock (named rcaDelivered in the model)
    public static final ProcessVariable<Date> RCA_DELIVERED_WARNING = ProcessVariable.instant("rcaDeliveredWarning");
    public static final ProcessVariable<Date> RCA_DELIVERED_DUE = ProcessVariable.instant("rcaDeliveredDue");

    // messages
    /** Published by other workflows (a failed change, an escalation with a known root cause); starts a problem. */
    public static final String PROBLEM_REQUESTED_MESSAGE = "problem-requested";

    public static final String ACTION_ADDED_MESSAGE = "problem-action-added";
    /** The follow-up of an added action ended: the main path checks its open actions again. */
    public static final String ACTIONS_SETTLED_MESSAGE = "problem-actions-settled";

    // element ids
    public static final String TASK_DETERMINE_ROOT_CAUSE = "Task_DetermineRootCause";
    public static final String TASK_REVIEW_INTERNAL_RCA = "Task_ReviewInternalRca";
    public static final String TASK_WRITE_CLIENT_RCA = "Task_WriteClientRca";
    public static final String TASK_APPROVE_CLIENT_RCA = "Task_ApproveClientRca";
    public static final String WAIT_FOR_ADDED_ACTIONS = "ReceiveTask_WaitForAddedActions";
    public static final String TASK_DECIDE_CLOSURE = "Task_DecideClosure";
    public static final String TIMER_RCA_PROGRESS_UPDATE = "Timer_RcaProgressUpdate";
    public static final String TASK_UPDATE_CLIENT_ON_RCA = "Task_UpdateClientOnRca";

    private ProblemProcess() {}
}
