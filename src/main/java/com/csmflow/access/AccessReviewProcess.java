package com.csmflow.access;

import com.csmflow.engine.ProcessVariable;
import java.util.Date;
import java.util.List;

/**
 * The {@code access-review} workflow ({@code bpmn/access-review.bpmn}): one periodic review of a client's
 * active rights, business key = its reference (ARV-yyyy-nnnn).
 */
public final class AccessReviewProcess {

    public static final String KEY = "access-review";

    public static final ProcessVariable<String> REVIEW_REFERENCE = ProcessVariable.text("reviewReference");
    /** When an unanswered right is revoked. */
    public static final ProcessVariable<Date> DEADLINE = ProcessVariable.instant("reviewDeadline");

    public static final ProcessVariable<String> DEADLINE_TEXT = ProcessVariable.text("reviewDeadlineText");
    public static final ProcessVariable<List<String>> RIGHTS = ProcessVariable.texts("rightsUnderReview");
    /** The multi-instance element: one right. */
    public static final ProcessVariable<String> RIGHT = ProcessVariable.text("rightUnderReview");
    // local to each right's sub-process, written by the step that prepares it
    public static final ProcessVariable<List<String>> REVIEWER_USERS = ProcessVariable.texts("reviewerUsers");
    public static final ProcessVariable<String> RIGHT_TEXT = ProcessVariable.text("rightText");
    // the review form
    /** confirm or revoke. */
    public static final ProcessVariable<String> DECISION = ProcessVariable.text("reviewDecision");

    public static final ProcessVariable<String> COMMENT = ProcessVariable.text("reviewComment");
    // the summary for the closing mail
    public static final ProcessVariable<Long> CONFIRMED = ProcessVariable.number("confirmedCount");
    public static final ProcessVariable<Long> REVOKED = ProcessVariable.number("revokedCount");
    public static final ProcessVariable<Long> REVOKED_AT_DEADLINE = ProcessVariable.number("revokedAtDeadlineCount");

    public static final String START_EVENT = "StartEvent_ReviewDue";
    public static final String TASK_OPEN = "Task_OpenReview";
    public static final String SUB_PROCESS_REVIEW_RIGHT = "SubProcess_ReviewRight";
    public static final String TASK_PREPARE = "Task_PrepareRight";
    public static final String TASK_REVIEW = "Task_ReviewRight";
    public static final String TIMER_DEADLINE = "Timer_ReviewDeadline";
    public static final String TASK_RECORD_DECISION = "Task_RecordReviewDecision";
    public static final String TASK_RECORD_DEADLINE = "Task_RevokeAtDeadline";
    public static final String TASK_CLOSE = "Task_CloseReview";
    public static final String TASK_TELL_CLOSED = "Task_TellReviewClosed";
    public static final String END_EVENT_CLOSED = "EndEvent_ReviewClosed";

    private AccessReviewProcess() {}
}
