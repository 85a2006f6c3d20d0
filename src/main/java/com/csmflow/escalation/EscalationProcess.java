package com.csmflow.escalation;

import com.csmflow.engine.ProcessVariable;
import java.util.Date;

/**
 * The {@code escalation} workflow ({@code bpmn/escalation.bpmn}) as Java sees it: its key, the variables
 * delegates, services, tests and the benchmark read or write, the element ids they refer to and its
 * messages. The client, priority and client tier are {@link com.csmflow.engine.CaseVariables}.
 */
public final class EscalationProcess {

    public static final String KEY = "escalation";
    /** The end event of an escalation closed with the client (a satisfaction survey follows). */
    public static final String END_EVENT_CLOSED = "EndEvent_Closed";
    /** The decision table that sets severity, priority and targets ({@code bpmn/escalation-severity.dmn}). */
    public static final String SEVERITY_DECISION = "escalation-severity";

    // raised with (API, start form, SLA breach)
    public static final ProcessVariable<String> SUBJECT = ProcessVariable.text("subject");
    public static final ProcessVariable<String> DESCRIPTION = ProcessVariable.text("description");
    /** critical, high, medium or low. */
    public static final ProcessVariable<String> REPORTED_IMPACT = ProcessVariable.text("reportedImpact");

    public static final ProcessVariable<String> CONTACT_NAME = ProcessVariable.text("contactName");
    public static final ProcessVariable<String> CONTACT_EMAIL = ProcessVariable.text("contactEmail");
    /** client, staff, major-incident or sla-breach. */
    public static final ProcessVariable<String> SOURCE = ProcessVariable.text("source");
    /** service (default: the CSM works it) or commercial (the account manager answers it, 002). */
    public static final ProcessVariable<String> CATEGORY = ProcessVariable.text("category");

    public static final ProcessVariable<String> RAISED_BY = ProcessVariable.text("raisedBy");
    /** The business key of the case whose SLA was breached (payload of {@link #SLA_BREACHED_MESSAGE}). */
    public static final ProcessVariable<String> BREACHED_BUSINESS_KEY = ProcessVariable.text("breachedBusinessKey");

    public static final ProcessVariable<String> BREACHED_METRIC = ProcessVariable.text("breachedMetric");
    /** The breach's summary, used as subject when none is given. */
    public static final ProcessVariable<String> SUMMARY = ProcessVariable.text("summary");

    // written when raised
    public static final ProcessVariable<String> ESCALATION_REFERENCE = ProcessVariable.text("escalationReference");
    public static final ProcessVariable<String> CLIENT_NAME = ProcessVariable.text("clientName");
    public static final ProcessVariable<Boolean> REPEATED_WITHIN_30_DAYS = ProcessVariable.flag("repeatedWithin30Days");
    public static final ProcessVariable<Boolean> ACKNOWLEDGED = ProcessVariable.flag("acknowledged");
    /** The reference of the open escalation an SLA breach joins, null when there is none. */
    public static final ProcessVariable<String> OPEN_ESCALATION_REFERENCE =
            ProcessVariable.text("openEscalationReference");

    // decided by SEVERITY_DECISION (the priority is CaseVariables.PRIORITY)
    public static final ProcessVariable<String> SEVERITY = ProcessVariable.text("severity");
    public static final ProcessVariable<Boolean> URGENT_UPDATES = ProcessVariable.flag("urgentUpdates");

    // SLA clocks (named escalationAcknowledge, escalationResolution, escalationUpdate in the model)
    public static final ProcessVariable<Date> ACKNOWLEDGE_DUE = ProcessVariable.instant("escalationAcknowledgeDue");
    public static final ProcessVariable<String> ACKNOWLEDGE_STATE = ProcessVariable.text("escalationAcknowledgeState");
    public static final ProcessVariable<Date> RESOLUTION_DUE = ProcessVariable.instant("escalationResolutionDue");
    public static final ProcessVariable<String> RESOLUTION_STATE = ProcessVariable.text("escalationResolutionState");
    public static final ProcessVariable<Date> UPDATE_DUE = ProcessVariable.instant("escalationUpdateDue");
    /** Started at the delivery-manager rung: when the DC head takes over (escalation.dc-head target). */
    public static final ProcessVariable<Date> DC_HEAD_DUE = ProcessVariable.instant("escalationDcHeadDue");

    public static final ProcessVariable<String> DC_HEAD_STATE = ProcessVariable.text("escalationDcHeadState");

    // the ladder's hand-over: who owns the escalation now, and what the last rung decided
    /** User id of the owner: the CSM who acknowledged, then whoever took ownership on a rung; "" before. */
    public static final ProcessVariable<String> ESCALATION_OWNER = ProcessVariable.text("escalationOwner");
    /** The owner before the last rung decision: told what the rung decided. */
    public static final ProcessVariable<String> PREVIOUS_OWNER = ProcessVariable.text("previousOwner");
    /** Written by a rung decision for its notification: the rung's name, who decided, the outcome in words. */
    public static final ProcessVariable<String> RUNG_LEVEL = ProcessVariable.text("rungLevel");

    public static final ProcessVariable<String> RUNG_DECIDED_BY = ProcessVariable.text("rungDecidedBy");
    public static final ProcessVariable<String> RUNG_OUTCOME = ProcessVariable.text("rungOutcome");

    // entered in the user tasks' forms
    public static final ProcessVariable<String> ACKNOWLEDGEMENT_NOTE = ProcessVariable.text("acknowledgementNote");
    /** resolved or waitingForClient. */
    public static final ProcessVariable<String> WORK_OUTCOME = ProcessVariable.text("workOutcome");

    public static final ProcessVariable<String> INFORMATION_REQUEST = ProcessVariable.text("informationRequest");
    public static final ProcessVariable<String> RESOLUTION = ProcessVariable.text("resolution");
    public static final ProcessVariable<String> CLIENT_UPDATE = ProcessVariable.text("clientUpdate");
    public static final ProcessVariable<String> LADDER_REASON = ProcessVariable.text("ladderReason");
    /** A rung's decision: takeOwnership or directWork. */
    public static final ProcessVariable<String> RUNG_DECISION = ProcessVariable.text("rungDecision");

    public static final ProcessVariable<String> RUNG_NOTE = ProcessVariable.text("rungNote");
    /** The account manager's answer to a commercial query. */
    public static final ProcessVariable<String> COMMERCIAL_ANSWER = ProcessVariable.text("commercialAnswer");

    public static final ProcessVariable<Boolean> ROOT_CAUSE_KNOWN = ProcessVariable.flag("rootCauseKnown");
    public static final ProcessVariable<String> ROOT_CAUSE = ProcessVariable.text("rootCause");
    public static final ProcessVariable<String> CLOSING_SUMMARY = ProcessVariable.text("closingSummary");

    // delivered with the client's messages
    public static final ProcessVariable<String> CLIENT_RESPONSE = ProcessVariable.text("clientResponse");
    public static final ProcessVariable<Boolean> CLIENT_CONFIRMED = ProcessVariable.flag("clientConfirmed");
    public static final ProcessVariable<String> CLIENT_COMMENT = ProcessVariable.text("clientComment");

    // delivered with SLA_BREACH_JOINED_MESSAGE
    public static final ProcessVariable<String> JOINED_BREACH_BUSINESS_KEY =
            ProcessVariable.text("joinedBreachBusinessKey");
    public static final ProcessVariable<String> JOINED_BREACH_METRIC = ProcessVariable.text("joinedBreachMetric");
    public static final ProcessVariable<String> JOINED_BREACH_SUMMARY = ProcessVariable.text("joinedBreachSummary");

    // messages
    /** Published by any workflow whose SLA was missed; starts an escalation. */
    public static final String SLA_BREACHED_MESSAGE = "sla-breached";
    /** A further breach of a case that already has an open escalation. */
    public static final String SLA_BREACH_JOINED_MESSAGE = "sla-breach-joined";

    public static final String CLIENT_RESPONSE_MESSAGE = "escalation-client-response";
    public static final String CLIENT_ANSWER_MESSAGE = "escalation-client-answer";

    // element ids
    public static final String TASK_ACKNOWLEDGE = "Task_Acknowledge";
    public static final String TASK_WORK = "Task_Work";
    public static final String TASK_WRITE_UPDATE = "Task_WriteUpdate";
    public static final String TASK_RECORD_CLIENT_ANSWER = "Task_RecordClientAnswer";
    public static final String TASK_CLOSE = "Task_Close";
    public static final String END_JOINED = "EndEvent_Joined";
    public static final String TIMER_ACK_OVERDUE = "Timer_AckOverdue";
    public static final String TIMER_UPDATE_LATE = "Timer_UpdateLate";
    public static final String TIMER_UPDATE_REMINDER = "Timer_UpdateReminder";
    public static final String TIMER_RUNG_SERVICE_MANAGER = "Timer_RungServiceManager";
    public static final String TIMER_RUNG_DELIVERY_MANAGER = "Timer_RungDeliveryManager";
    public static final String TIMER_RUNG_DC_HEAD = "Timer_RungDcHead";
    /** The ownership tasks of the ladder: acknowledgement overdue and the three rungs. */
    public static final String TASK_DIRECT_ACKNOWLEDGEMENT = "Task_DirectAcknowledgement";

    public static final String TASK_OWN_SERVICE_MANAGER = "Task_OwnServiceManager";
    public static final String TASK_OWN_DELIVERY_MANAGER = "Task_OwnDeliveryManager";
    public static final String TASK_OWN_DC_HEAD = "Task_OwnDcHead";
    public static final String TASK_ANSWER_COMMERCIAL_QUERY = "Task_AnswerCommercialQuery";
    public static final String END_COMMERCIAL_ANSWERED = "EndEvent_CommercialAnswered";

    private EscalationProcess() {}
}
