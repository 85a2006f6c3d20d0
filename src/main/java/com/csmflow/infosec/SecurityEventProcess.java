package com.csmflow.infosec;

import com.csmflow.engine.ProcessVariable;
import java.util.Date;

/**
 * The {@code security-event} workflow ({@code bpmn/security-event.bpmn}) as Java sees it (seed 004 PR6.4).
 * The business key is the register reference (SEC-yyyy-nnnn); client, priority and tier are
 * {@link com.csmflow.engine.CaseVariables}.
 */
public final class SecurityEventProcess {

    public static final String KEY = "security-event";
    /** Any workflow raises a security event with this start message (publishMessage). */
    public static final String RAISED_MESSAGE = "security-event-raised";

    public static final String SEVERITY_DECISION = "security-event-severity";

    // raised with (API, start form, message)
    public static final ProcessVariable<String> SERVICE_REFERENCE = ProcessVariable.text("serviceReference");
    /** malware, unauthorised-access, data-leak, phishing, vulnerability, denial-of-service, lost-device, policy-violation, other. */
    public static final ProcessVariable<String> EVENT_TYPE = ProcessVariable.text("eventType");

    public static final ProcessVariable<String> ASSET = ProcessVariable.text("asset");
    /** An asset of the client's inventory (F15), instead of naming the asset and its criticality. */
    public static final ProcessVariable<String> ASSET_REFERENCE = ProcessVariable.text("assetReference");
    /** critical, high, medium or low. */
    public static final ProcessVariable<String> ASSET_CRITICALITY = ProcessVariable.text("assetCriticality");

    public static final ProcessVariable<Boolean> PERSONAL_DATA = ProcessVariable.flag("personalData");
    public static final ProcessVariable<String> DESCRIPTION = ProcessVariable.text("description");
    /** siem, client-system, staff or workflow. */
    public static final ProcessVariable<String> SOURCE = ProcessVariable.text("source");

    // written when recorded
    public static final ProcessVariable<String> EVENT_REFERENCE = ProcessVariable.text("securityEventReference");

    // decided by SEVERITY_DECISION (the priority is CaseVariables.PRIORITY)
    public static final ProcessVariable<String> SEVERITY = ProcessVariable.text("severity");
    public static final ProcessVariable<Boolean> INCIDENT = ProcessVariable.flag("incident");
    public static final ProcessVariable<Boolean> ESCALATE = ProcessVariable.flag("escalate");
    public static final ProcessVariable<Boolean> INFORM_CLIENT = ProcessVariable.flag("informClient");

    // the handling form
    public static final ProcessVariable<String> ACTIONS_TAKEN = ProcessVariable.text("actionsTaken");
    public static final ProcessVariable<Boolean> CAUSE_KNOWN = ProcessVariable.flag("causeKnown");
    public static final ProcessVariable<String> CAUSE = ProcessVariable.text("cause");
    public static final ProcessVariable<String> LESSONS = ProcessVariable.text("lessons");
    public static final ProcessVariable<String> RESOLUTION = ProcessVariable.text("resolution");

    /** Whether the event names a service whose InfoSec plan gets its lessons. */
    public static final ProcessVariable<Boolean> HAS_SERVICE = ProcessVariable.flag("hasService");

    // the handling clock (metric security-event.resolution, clockName securityEventResolution)
    public static final String METRIC = "security-event.resolution";
    public static final String CLOCK_NAME = "securityEventResolution";
    public static final ProcessVariable<Date> RESOLUTION_DUE = ProcessVariable.instant("securityEventResolutionDue");
    public static final ProcessVariable<Date> RESOLUTION_WARNING =
            ProcessVariable.instant("securityEventResolutionWarning");

    // element ids
    public static final String START_RAISED = "StartEvent_Raised";
    public static final String START_RAISED_BY_WORKFLOW = "StartEvent_RaisedByWorkflow";
    public static final String TASK_RECORD = "Task_RecordEvent";
    public static final String TASK_CLASSIFY = "Task_Classify";
    public static final String TASK_RECORD_CLASSIFICATION = "Task_RecordClassification";
    public static final String TASK_START_CLOCK = "Task_StartHandlingClock";
    public static final String TASK_ESCALATE = "Task_Escalate";
    public static final String TASK_TELL_ISEC = "Task_TellIsec";
    public static final String TASK_TELL_CLIENT_REPORTED = "Task_TellClientReported";
    public static final String TASK_HANDLE = "Task_HandleEvent";
    public static final String TIMER_DUE_SOON = "Timer_HandlingDueSoon";
    public static final String TIMER_OVERDUE = "Timer_HandlingOverdue";
    public static final String TASK_RECORD_HANDLING = "Task_RecordHandling";
    public static final String TASK_REQUEST_PROBLEM = "Task_RequestProblem";
    public static final String TASK_FEED_PLAN = "Task_FeedPlan";
    public static final String TASK_TELL_CLIENT_OUTCOME = "Task_TellClientOutcome";
    public static final String TASK_CLOSE = "Task_CloseEvent";
    public static final String END_CLOSED = "EndEvent_Closed";

    private SecurityEventProcess() {}
}
