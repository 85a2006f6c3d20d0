package com.csmflow.change;

import com.csmflow.engine.ProcessVariable;
import com.csmflow.sla.SlaClockVariables;
import java.util.Date;
import java.util.List;

/**
 * The names of {@code bpmn/change-request.bpmn} that Java refers to: its key, its process variables
 * (with their types) and the element ids that tests and the benchmark wait at. The client, priority and
 * tier of the change are the shared {@link com.csmflow.engine.CaseVariables}.
 */
public final class ChangeProcess {

    public static final String KEY = "change-request";

    // the request (start form, POST /api/changes)
    public static final ProcessVariable<String> TITLE = ProcessVariable.text("title");
    public static final ProcessVariable<String> DESCRIPTION = ProcessVariable.text("description");
    /** standard, normal or emergency. */
    public static final ProcessVariable<String> REQUESTED_TYPE = ProcessVariable.text("requestedType");

    public static final ProcessVariable<Boolean> NON_STANDARD = ProcessVariable.flag("nonStandard");
    /**
     * A list from the API; the start form's text field sends it comma-separated, which the register
     * step turns into the list once.
     */
    public static final ProcessVariable<List<String>> IMPACTED_SERVICES = ProcessVariable.texts("impactedServices");

    /**
     * The CMDB items the change touches (CI references of the change's client): a list from the API, the
     * start form's taglist, checked and stored as a list by the register step.
     */
    public static final ProcessVariable<List<String>> CONFIGURATION_ITEMS = ProcessVariable.texts("configurationItems");

    public static final ProcessVariable<String> URGENCY = ProcessVariable.text("urgency");
    public static final ProcessVariable<String> IMPACT = ProcessVariable.text("impact");
    /** ISO date-time with offset as entered; written back in the client's zone (forms, mails). */
    public static final ProcessVariable<String> WINDOW_START = ProcessVariable.text("windowStart");

    public static final ProcessVariable<String> WINDOW_END = ProcessVariable.text("windowEnd");
    public static final ProcessVariable<Boolean> BILLABLE = ProcessVariable.flag("billable");
    public static final ProcessVariable<String> REQUESTER_EMAIL = ProcessVariable.text("requesterEmail");

    // the window as dates for the timers
    public static final ProcessVariable<Date> WINDOW_START_AT = ProcessVariable.instant("windowStartAt");
    public static final ProcessVariable<Date> WINDOW_END_AT = ProcessVariable.instant("windowEndAt");

    // classification (decision tables change-classification, change-cab-approval)
    public static final ProcessVariable<String> CHANGE_CLASS = ProcessVariable.text("changeClass");
    public static final ProcessVariable<String> RISK_LEVEL = ProcessVariable.text("riskLevel");
    public static final ProcessVariable<Boolean> MAJOR_CHANGE = ProcessVariable.flag("majorChange");
    public static final ProcessVariable<Boolean> CAB_REQUIRED = ProcessVariable.flag("cabRequired");
    /** any, all, majority or percentage (see {@link CabRule}). */
    public static final ProcessVariable<String> APPROVAL_RULE = ProcessVariable.text("approvalRule");
    /** The decision table's integer output. */
    public static final ProcessVariable<Number> APPROVAL_PERCENTAGE =
            ProcessVariable.of("approvalPercentage", Number.class);

    public static final ProcessVariable<String> VETO_GROUP = ProcessVariable.text("vetoGroup");

    // preparing the CAB
    /** The form's text field: user ids, comma-separated; becomes {@link #CAB_VOTERS}. */
    public static final ProcessVariable<String> CAB_MEMBERS = ProcessVariable.text("cabMembers");

    public static final ProcessVariable<String> CAB_MEETING_AT = ProcessVariable.text("cabMeetingAt");
    public static final ProcessVariable<String> CAB_AGENDA = ProcessVariable.text("cabAgenda");
    /** The collection of the multi-instance vote and the invitation's recipients. */
    public static final ProcessVariable<List<String>> CAB_VOTERS = ProcessVariable.texts("cabVoters");

    public static final ProcessVariable<Integer> CAB_APPROVALS = ProcessVariable.of("cabApprovals", Integer.class);
    public static final ProcessVariable<Integer> CAB_REJECTIONS = ProcessVariable.of("cabRejections", Integer.class);
    public static final ProcessVariable<Boolean> CAB_VETOED = ProcessVariable.flag("cabVetoed");

    // the votes and decisions (form fields of the vote and the emergency decisions)
    /** Input of the vote listener: CAB, EMERGENCY_CAB or SERVICE_MANAGER. */
    public static final ProcessVariable<String> BOARD = ProcessVariable.text("board");
    /** approve or reject (CAB vote). */
    public static final ProcessVariable<String> VOTE = ProcessVariable.text("vote");

    public static final ProcessVariable<Boolean> VETO = ProcessVariable.flag("veto");
    public static final ProcessVariable<String> VOTE_COMMENT = ProcessVariable.text("voteComment");
    /** approve or reject (emergency CAB, service manager). */
    public static final ProcessVariable<String> DECISION = ProcessVariable.text("decision");

    public static final ProcessVariable<String> DECISION_COMMENT = ProcessVariable.text("decisionComment");
    public static final ProcessVariable<String> VETOED_BY = ProcessVariable.text("vetoedBy");
    public static final ProcessVariable<String> DECIDED_BY = ProcessVariable.text("decidedBy");
    public static final ProcessVariable<Boolean> CHANGE_APPROVED = ProcessVariable.flag("changeApproved");
    /** PRE_APPROVED, APPROVED, REJECTED or VETOED. */
    public static final ProcessVariable<String> CAB_DECISION = ProcessVariable.text("cabDecision");

    public static final ProcessVariable<String> DECISION_REASON = ProcessVariable.text("decisionReason");

    // customer advisory board (seed 002): the decision table says when, the client's representatives decide
    public static final ProcessVariable<Boolean> ADVISORY_BOARD = ProcessVariable.flag("advisoryBoard");
    public static final ProcessVariable<String> ADVISORY_BOARD_AT = ProcessVariable.text("advisoryBoardAt");
    public static final ProcessVariable<String> ADVISORY_BOARD_AGENDA = ProcessVariable.text("advisoryBoardAgenda");
    public static final ProcessVariable<Boolean> CLIENT_APPROVED = ProcessVariable.flag("clientApproved");
    public static final ProcessVariable<String> CLIENT_REPRESENTATIVE = ProcessVariable.text("clientRepresentative");
    public static final ProcessVariable<String> CLIENT_APPROVAL_COMMENT = ProcessVariable.text("clientApprovalComment");
    /** The message the client's answer arrives with (POST /api/changes/{reference}/client-approval). */
    public static final String CLIENT_APPROVAL_MESSAGE = "change-client-approval";

    // SLA clocks of the decision (the variables each clock publishes: SlaClockVariables)
    public static final String CAB_DECISION_CLOCK = "cabDecision";
    public static final ProcessVariable<Date> CAB_DECISION_DUE = SlaClockVariables.due(CAB_DECISION_CLOCK);
    public static final ProcessVariable<Date> CAB_DECISION_WARNING = SlaClockVariables.warning(CAB_DECISION_CLOCK);
    public static final ProcessVariable<String> CAB_DECISION_STATE = SlaClockVariables.state(CAB_DECISION_CLOCK);
    public static final ProcessVariable<Boolean> CAB_DECISION_BREACHED = SlaClockVariables.breached(CAB_DECISION_CLOCK);
    public static final String EMERGENCY_CAB_DECISION_CLOCK = "emergencyCabDecision";
    public static final ProcessVariable<Date> EMERGENCY_CAB_DECISION_DUE =
            SlaClockVariables.due(EMERGENCY_CAB_DECISION_CLOCK);
    public static final ProcessVariable<String> EMERGENCY_CAB_DECISION_STATE =
            SlaClockVariables.state(EMERGENCY_CAB_DECISION_CLOCK);

    // scheduling and the maintenance notice
    public static final ProcessVariable<String> SCHEDULE_NOTES = ProcessVariable.text("scheduleNotes");
    public static final ProcessVariable<Date> NOTICE_AT = ProcessVariable.instant("noticeAt");
    public static final ProcessVariable<Boolean> NOTICE_LATE = ProcessVariable.flag("noticeLate");
    public static final ProcessVariable<String> NOTICE_LEAD_TIME = ProcessVariable.text("noticeLeadTime");
    public static final ProcessVariable<String> NOTICE_AT_LOCAL = ProcessVariable.text("noticeAtLocal");
    /** The window as the client reads it (its zone, named): what forms show beside the date fields. */
    public static final ProcessVariable<String> WINDOW_TEXT = ProcessVariable.text("windowText");
    /** When the notice is due by the lead time, as the client reads it. */
    public static final ProcessVariable<String> NOTICE_DUE_TEXT = ProcessVariable.text("noticeDueText");
    /** The CSM's answer to a short notice: confirm or move (the window). */
    public static final ProcessVariable<String> SHORT_NOTICE = ProcessVariable.text("shortNotice");
    /** Why the client is told at short notice; recorded in the change register. */
    public static final ProcessVariable<String> SHORT_NOTICE_REASON = ProcessVariable.text("shortNoticeReason");

    // implementation and review
    /** success or failed. */
    public static final ProcessVariable<String> IMPLEMENTATION_RESULT = ProcessVariable.text("implementationResult");

    public static final ProcessVariable<String> IMPLEMENTATION_NOTES = ProcessVariable.text("implementationNotes");
    public static final ProcessVariable<Boolean> IMPLEMENTATION_SUCCEEDED =
            ProcessVariable.flag("implementationSucceeded");
    public static final ProcessVariable<String> ROLLBACK_NOTES = ProcessVariable.text("rollbackNotes");
    public static final ProcessVariable<String> REVIEW_NOTES = ProcessVariable.text("reviewNotes");
    public static final ProcessVariable<String> CONFIGURATION_UPDATES = ProcessVariable.text("configurationUpdates");
    /**
     * The CMDB step: which items it updates (default: the change's {@link #CONFIGURATION_ITEMS}), their new
     * status and version (unchanged when empty); {@link #CONFIGURATION_UPDATES} are the notes of each CI change.
     */
    public static final ProcessVariable<List<String>> UPDATED_CONFIGURATION_ITEMS =
            ProcessVariable.texts("updatedConfigurationItems");

    public static final ProcessVariable<String> CONFIGURATION_ITEM_STATUS =
            ProcessVariable.text("configurationItemStatus");
    public static final ProcessVariable<String> CONFIGURATION_ITEM_VERSION =
            ProcessVariable.text("configurationItemVersion");
    public static final ProcessVariable<String> RETROSPECTIVE_VERDICT = ProcessVariable.text("retrospectiveVerdict");
    public static final ProcessVariable<String> PIR_OUTCOME = ProcessVariable.text("pirOutcome");
    public static final ProcessVariable<String> LESSONS_LEARNED = ProcessVariable.text("lessonsLearned");

    // element ids
    public static final String TASK_REGISTER_CHANGE = "Task_RegisterChange";
    public static final String TASK_CLASSIFY_CHANGE = "Task_ClassifyChange";
    public static final String TASK_CHOOSE_APPROVAL_RULE = "Task_ChooseApprovalRule";
    public static final String TASK_PREPARE_CAB = "Task_PrepareCab";
    public static final String TASK_INVITE_CAB = "Task_InviteCab";
    public static final String TASK_START_CAB_CLOCK = "Task_StartCabClock";
    public static final String TASK_INVITE_CAB_MEMBERS = "Task_InviteCabMembers";
    /** Enhanced clients only (seed 000): the client's contacts are offered a seat at the CAB meeting. */
    public static final String TASK_OFFER_CAB_ATTENDANCE = "Task_OfferCabAttendance";

    public static final String TASK_CAB_VOTE = "Task_CabVote";
    public static final String TASK_STOP_CAB_CLOCK = "Task_StopCabClock";
    public static final String TIMER_CAB_DECISION_WARNING = "Timer_CabDecisionWarning";
    public static final String TASK_WARN_CAB_DECISION = "Task_WarnCabDecision";
    public static final String END_CAB_REMINDED = "End_CabReminded";
    public static final String TIMER_CAB_DECISION_DUE = "Timer_CabDecisionDue";
    public static final String TASK_REPORT_CAB_BREACH = "Task_ReportCabBreach";
    public static final String TASK_PUBLISH_CAB_BREACH = "Task_PublishCabBreach";
    public static final String END_CAB_BREACH_REPORTED = "End_CabBreachReported";
    public static final String TASK_START_EMERGENCY_CLOCK = "Task_StartEmergencyClock";
    public static final String TASK_ALERT_EMERGENCY_CAB = "Task_AlertEmergencyCab";
    public static final String TASK_EMERGENCY_CAB_DECISION = "Task_EmergencyCabDecision";
    public static final String TIMER_EMERGENCY_CAB_DUE = "Timer_EmergencyCabDue";
    public static final String TASK_ALERT_EMERGENCY_FALLBACK = "Task_AlertEmergencyFallback";
    public static final String TASK_SERVICE_MANAGER_DECISION = "Task_ServiceManagerDecision";
    public static final String TASK_STOP_EMERGENCY_CLOCK = "Task_StopEmergencyClock";
    public static final String TASK_RECORD_DECISION = "Task_RecordDecision";
    public static final String TASK_TELL_REJECTION = "Task_TellRejection";
    public static final String TASK_TELL_CLIENT_RECEIVED = "Task_TellClientReceived";
    public static final String END_CLIENT_TOLD_RECEIVED = "End_ClientToldReceived";
    public static final String GATEWAY_ADVISORY_BOARD = "Gateway_AdvisoryBoard";
    public static final String TASK_PREPARE_ADVISORY_BOARD = "Task_PrepareAdvisoryBoard";
    public static final String TASK_INVITE_ADVISORY_BOARD = "Task_InviteAdvisoryBoard";
    public static final String EVENT_CLIENT_APPROVAL = "Event_ClientApproval";
    public static final String TASK_RECORD_CLIENT_APPROVAL = "Task_RecordClientApproval";
    public static final String TASK_TELL_CLIENT_APPROVED = "Task_TellClientApproved";
    public static final String END_CLIENT_TOLD_APPROVED = "End_ClientToldApproved";
    public static final String END_CHANGE_REJECTED = "End_ChangeRejected";
    public static final String TASK_SCHEDULE_CHANGE = "Task_ScheduleChange";
    public static final String GATEWAY_NOTICE_IN_TIME = "Gateway_NoticeInTime";
    public static final String TASK_CONFIRM_SHORT_NOTICE = "Task_ConfirmShortNotice";
    public static final String TASK_RECORD_SHORT_NOTICE = "Task_RecordShortNotice";
    public static final String TIMER_NOTICE_DUE = "Timer_NoticeDue";
    public static final String TASK_SEND_MAINTENANCE_NOTICE = "Task_SendMaintenanceNotice";
    public static final String TASK_RECORD_NOTICE_SENT = "Task_RecordNoticeSent";
    public static final String TIMER_WINDOW_START = "Timer_WindowStart";
    public static final String TASK_IMPLEMENT_CHANGE = "Task_ImplementChange";
    public static final String TASK_ROLL_BACK = "Task_RollBack";
    public static final String TASK_RECORD_ROLLBACK = "Task_RecordRollback";
    public static final String TASK_REQUEST_PROBLEM = "Task_RequestProblem";
    public static final String TASK_TECHNICAL_REVIEW = "Task_TechnicalReview";
    public static final String TASK_UPDATE_CONFIGURATION = "Task_UpdateConfiguration";
    public static final String TASK_RECORD_BILLING = "Task_RecordBilling";
    public static final String TASK_TELL_OUTCOME = "Task_TellOutcome";
    public static final String TASK_EMERGENCY_RETROSPECTIVE = "Task_EmergencyRetrospective";
    public static final String TASK_POST_IMPLEMENTATION_REVIEW = "Task_PostImplementationReview";
    public static final String TASK_CLOSE_CHANGE = "Task_CloseChange";
    public static final String END_CHANGE_CLOSED = "End_ChangeClosed";

    private ChangeProcess() {}
}
