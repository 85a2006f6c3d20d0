package com.csmflow.servicedesk;

import com.csmflow.engine.ProcessVariable;
import java.util.Date;

/**
 * The {@code service-desk-request} workflow ({@code bpmn/service-desk-request.bpmn}) as Java sees it: its key
 * (the business key is the register reference, SDR-yyyy-nnnn), variables and element ids. The client and
 * priority are {@link com.csmflow.engine.CaseVariables}.
 */
public final class ServiceDeskRequestProcess {

    public static final String KEY = "service-desk-request";

    // the start form / POST /api/service-desk-requests
    /** MOVE, ADD, CHANGE, DELETE, OTHER or DATA_CORRECTION (lower case accepted). */
    public static final ProcessVariable<String> CATEGORY = ProcessVariable.text("category");

    public static final ProcessVariable<String> SUBJECT = ProcessVariable.text("subject");
    public static final ProcessVariable<String> REQUESTER_EMAIL = ProcessVariable.text("requesterEmail");
    public static final ProcessVariable<String> DESCRIPTION = ProcessVariable.text("description");
    // written by the register step
    public static final ProcessVariable<String> REQUEST_REFERENCE = ProcessVariable.text("requestReference");
    // the handling form
    public static final ProcessVariable<String> RESOLUTION = ProcessVariable.text("resolution");
    /** resolved or declined. */
    public static final ProcessVariable<String> OUTCOME = ProcessVariable.text("outcome");

    // a data-correction ticket raised from another workflow (${raiseDataCorrectionTicket}, e.g. the cadence)
    /** What is wrong in the client's data, written by the CSM who found it. */
    public static final ProcessVariable<String> DATA_CORRECTION = ProcessVariable.text("dataCorrection");
    /** The SDR reference of the ticket raised. */
    public static final ProcessVariable<String> DATA_CORRECTION_TICKET = ProcessVariable.text("dataCorrectionTicket");

    // the resolution clock (clockName serviceRequestResolution, metric service-request.resolution)
    public static final String METRIC = "service-request.resolution";
    public static final String CLOCK_NAME = "serviceRequestResolution";
    public static final ProcessVariable<Date> RESOLUTION_WARNING =
            ProcessVariable.instant("serviceRequestResolutionWarning");
    public static final ProcessVariable<Date> RESOLUTION_DUE = ProcessVariable.instant("serviceRequestResolutionDue");

    public static final String START_EVENT_REQUEST_RECEIVED = "StartEvent_RequestReceived";
    public static final String TASK_RECORD_REQUEST = "Task_RecordRequest";
    public static final String TASK_START_CLOCK = "Task_StartRequestClock";
    public static final String GATEWAY_REQUEST_RECEIVED = "Gateway_RequestReceived";
    public static final String TASK_ACKNOWLEDGE_REQUEST = "Task_AcknowledgeRequest";
    public static final String END_EVENT_REQUEST_ACKNOWLEDGED = "EndEvent_RequestAcknowledged";
    public static final String TASK_HANDLE_REQUEST = "Task_HandleRequest";
    public static final String TIMER_DUE_SOON = "Timer_RequestDueSoon";
    public static final String TIMER_OVERDUE = "Timer_RequestOverdue";
    public static final String TASK_REMIND_DUE = "Task_RemindRequestDue";
    public static final String TASK_ESCALATE_OVERDUE = "Task_EscalateRequestOverdue";
    public static final String TASK_RECORD_OUTCOME = "Task_RecordOutcome";
    public static final String TASK_STOP_CLOCK = "Task_StopRequestClock";
    public static final String TASK_TELL_REQUESTER = "Task_TellRequester";
    public static final String END_EVENT_REQUEST_HANDLED = "EndEvent_RequestHandled";

    private ServiceDeskRequestProcess() {}
}
