package com.csmflow.review;

import com.csmflow.engine.ProcessVariable;

/**
 * The {@code service-review} workflow ({@code bpmn/service-review.bpmn}): one review of a client's service for
 * a period, from its report to the minutes sent to the client. The business key is the review's reference
 * ({@code REV-…}); the client is {@link com.csmflow.engine.CaseVariables#CLIENT_REFERENCE}. Reviews on the
 * tier's cycle are started by {@code service-review-schedule} ({@link #SCHEDULE_KEY}).
 */
public final class ServiceReviewProcess {

    public static final String KEY = "service-review";
    public static final String SCHEDULE_KEY = "service-review-schedule";
    static final String REGISTER = "service-review";
    static final String CLOCK = "reviewHeld";
    static final String METRIC = "service-review.held";

    // started with (API, scheduler, start form)
    /** MONTH, QUARTER or YEAR. */
    public static final ProcessVariable<String> PERIOD_KIND = ProcessVariable.text("periodKind");
    /** The period as 2026-12, 2026-Q4 or 2026; the last completed period of the kind when absent. */
    public static final ProcessVariable<String> PERIOD = ProcessVariable.text("period");

    public static final ProcessVariable<String> REASON = ProcessVariable.text("reviewReason");
    /** SCHEDULED or REQUESTED. */
    public static final ProcessVariable<String> ORIGIN = ProcessVariable.text("reviewOrigin");

    // written by the steps
    public static final ProcessVariable<String> REVIEW_REFERENCE = ProcessVariable.text("reviewReference");
    public static final ProcessVariable<Long> REPORT_ID = ProcessVariable.number("reportId");
    public static final ProcessVariable<String> REPORT_URL = ProcessVariable.text("reportUrl");
    public static final ProcessVariable<String> REPORT_SUMMARY = ProcessVariable.text("reportSummary");
    public static final ProcessVariable<java.util.List<String>> SIP_ACTION_REFERENCES =
            ProcessVariable.texts("reviewSipActionReferences");
    public static final ProcessVariable<String> ACTIONS_TEXT = ProcessVariable.text("reviewActionsText");

    // "Prepare the review"
    public static final ProcessVariable<String> AGENDA_SUMMARY = ProcessVariable.text("agendaExecutiveSummary");
    public static final ProcessVariable<String> AGENDA_SLA = ProcessVariable.text("agendaSlaResults");
    public static final ProcessVariable<String> AGENDA_TRENDS = ProcessVariable.text("agendaTrends");
    public static final ProcessVariable<String> AGENDA_RISKS = ProcessVariable.text("agendaRiskRegister");
    public static final ProcessVariable<String> AGENDA_IMPROVEMENT = ProcessVariable.text("agendaImprovement");

    // "Hold the review and record the minutes"
    public static final ProcessVariable<Object> HELD_ON = ProcessVariable.of("heldOn", Object.class);
    public static final ProcessVariable<java.util.List<String>> STAFF_ATTENDEES =
            ProcessVariable.texts("staffAttendees");
    public static final ProcessVariable<String> CLIENT_ATTENDEES = ProcessVariable.text("clientAttendees");
    public static final ProcessVariable<String> MINUTES = ProcessVariable.text("minutes");

    // element ids
    public static final String START_EVENT = "StartEvent_ReviewRequested";
    public static final String TASK_GENERATE_REPORT = "Task_GenerateReport";
    public static final String TASK_PREPARE = "Task_PrepareReview";
    public static final String TASK_HOLD = "Task_HoldReview";
    public static final String TIMER_DUE_SOON = "Timer_ReviewDueSoon";
    public static final String TIMER_OVERDUE = "Timer_ReviewOverdue";
    public static final String TASK_SEND_MINUTES = "Task_SendMinutes";
    public static final String END_EVENT = "EndEvent_ReviewHeld";
    public static final String SCHEDULE_TIMER = "StartEvent_Daily";

    /** Action slots of the minutes form: action{n}Description, action{n}Owner, action{n}TargetDate. */
    static final int ACTION_SLOTS = 5;

    private ServiceReviewProcess() {}
}
