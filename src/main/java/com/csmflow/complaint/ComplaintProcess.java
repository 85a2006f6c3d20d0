package com.csmflow.complaint;

import com.csmflow.engine.ProcessVariable;
import java.util.Date;

/**
 * The {@code complaint} workflow ({@code bpmn/complaint.bpmn}) as Java sees it: its key (the business key is
 * the register reference, CMP-yyyy-nnnn), variables, element ids and messages. The client and priority are
 * {@link com.csmflow.engine.CaseVariables}.
 */
public final class ComplaintProcess {

    public static final String KEY = "complaint";

    /** The client's agreement to close, from {@code POST /api/complaints/{reference}/client-agreement}. */
    public static final String CLIENT_AGREEMENT_MESSAGE = "complaint-client-agreement";

    // the start form / POST /api/complaints
    public static final ProcessVariable<String> CONTACT = ProcessVariable.text("complaintContact");
    /** SERVICE, INVOICE, COMMERCIAL or OTHER. */
    public static final ProcessVariable<String> CATEGORY = ProcessVariable.text("complaintCategory");

    public static final ProcessVariable<String> DESCRIPTION = ProcessVariable.text("complaintDescription");
    // written by the register step
    public static final ProcessVariable<String> COMPLAINT_REFERENCE = ProcessVariable.text("complaintReference");
    /** csm, or account-manager for commercial and invoice complaints (002). */
    public static final ProcessVariable<String> HANDLER_GROUP = ProcessVariable.text("complaintHandlerGroup");
    /** When it came in, for people: in the client's zone, named. */
    public static final ProcessVariable<String> RECEIVED_TEXT = ProcessVariable.text("complaintReceivedText");
    // the acknowledgement form
    public static final ProcessVariable<String> ACKNOWLEDGEMENT = ProcessVariable.text("acknowledgementNote");
    // the handling form
    public static final ProcessVariable<String> RESOLUTION = ProcessVariable.text("complaintResolution");
    /** none, problem or sip. */
    public static final ProcessVariable<String> FOLLOW_UP = ProcessVariable.text("complaintFollowUp");

    public static final ProcessVariable<String> SIP_DESCRIPTION = ProcessVariable.text("sipDescription");
    public static final ProcessVariable<Object> SIP_TARGET_DATE = ProcessVariable.of("sipTargetDate", Object.class);
    public static final ProcessVariable<String> FOLLOW_UP_REFERENCE =
            ProcessVariable.text("complaintFollowUpReference");
    // the client's agreement (form or message)
    /** agreed or not-agreed. */
    public static final ProcessVariable<String> CLIENT_AGREEMENT = ProcessVariable.text("clientAgreement");

    public static final ProcessVariable<String> CLIENT_AGREEMENT_NOTE = ProcessVariable.text("clientAgreementNote");
    // the periodic review form
    public static final ProcessVariable<String> REVIEW_NOTE = ProcessVariable.text("complaintReviewNote");

    // the acknowledgement clock (metric complaint.acknowledge)
    public static final String METRIC = "complaint.acknowledge";
    public static final String CLOCK_NAME = "complaintAcknowledge";
    public static final ProcessVariable<Date> ACKNOWLEDGE_DUE = ProcessVariable.instant("complaintAcknowledgeDue");

    public static final String START_EVENT_COMPLAINT_RECEIVED = "StartEvent_ComplaintReceived";
    public static final String TASK_RECORD_COMPLAINT = "Task_RecordComplaint";
    public static final String TASK_START_CLOCK = "Task_StartAcknowledgeClock";
    public static final String SUB_PROCESS_HANDLING = "SubProcess_Handling";
    public static final String TASK_ACKNOWLEDGE = "Task_AcknowledgeComplaint";
    public static final String TIMER_ACKNOWLEDGE_OVERDUE = "Timer_AcknowledgeOverdue";
    public static final String TASK_TELL_ACKNOWLEDGE_OVERDUE = "Task_TellAcknowledgeOverdue";
    public static final String TASK_STOP_CLOCK = "Task_StopAcknowledgeClock";
    public static final String TASK_RECORD_ACKNOWLEDGED = "Task_RecordAcknowledged";
    public static final String TASK_TELL_CLIENT_ACKNOWLEDGED = "Task_TellClientAcknowledged";
    public static final String TASK_HANDLE = "Task_HandleComplaint";
    public static final String TASK_RECORD_RESOLUTION = "Task_RecordResolution";
    public static final String GATEWAY_FOLLOW_UP = "Gateway_FollowUp";
    public static final String TASK_REQUEST_PROBLEM = "Task_RequestProblem";
    public static final String TASK_OPEN_SIP_ACTION = "Task_OpenSipAction";
    public static final String TASK_CLIENT_AGREEMENT = "Task_RecordClientAgreement";
    public static final String EVENT_CLIENT_AGREEMENT = "Event_ClientAgreementReceived";
    public static final String GATEWAY_CLIENT_AGREED = "Gateway_ClientAgreed";
    public static final String TIMER_PERIODIC_REVIEW = "Timer_PeriodicReview";
    public static final String TASK_REVIEW = "Task_ReviewOpenComplaint";
    public static final String TASK_CLOSE = "Task_CloseComplaint";
    public static final String TASK_TELL_CLIENT_CLOSED = "Task_TellClientClosed";
    public static final String END_EVENT_CLOSED = "EndEvent_ComplaintClosed";

    private ComplaintProcess() {}
}
