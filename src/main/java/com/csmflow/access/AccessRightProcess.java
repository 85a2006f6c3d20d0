package com.csmflow.access;

import com.csmflow.engine.ProcessVariable;
import java.util.Date;
import java.util.List;

/**
 * The {@code access-right} workflow ({@code bpmn/access-right.bpmn}) as Java sees it: one instance per
 * right, business key = its access register reference (ACR-yyyy-nnnn), from the request until IT has
 * removed the right. The client is {@link com.csmflow.engine.CaseVariables#CLIENT_REFERENCE}.
 */
public final class AccessRightProcess {

    public static final String KEY = "access-right";

    /** Correlated by business key: revoke this right (the API, a review, a changed right that replaces it). */
    public static final String MESSAGE_REVOCATION = "access-right-revocation";

    // the start form / POST /api/access-requests
    public static final ProcessVariable<String> GRANTEE = ProcessVariable.text("grantee");
    public static final ProcessVariable<String> ASSET = ProcessVariable.text("asset");
    public static final ProcessVariable<String> PERMISSION = ProcessVariable.text("permission");
    public static final ProcessVariable<String> REASON = ProcessVariable.text("reason");
    /** The last day the right is valid (yyyy-mm-dd, optional). */
    public static final ProcessVariable<Object> VALID_UNTIL = ProcessVariable.of("validUntil", Object.class);
    /** The asset owner who approves (a user id, optional); ISEC always may. */
    public static final ProcessVariable<String> APPROVER = ProcessVariable.text("approver");

    public static final ProcessVariable<String> SERVICE_REFERENCE = ProcessVariable.text("serviceReference");
    /** The active right this request changes (it is revoked once the new one is active). */
    public static final ProcessVariable<String> SUPERSEDES = ProcessVariable.text("supersedes");

    // written by the register step
    public static final ProcessVariable<String> RIGHT_REFERENCE = ProcessVariable.text("rightReference");
    public static final ProcessVariable<Boolean> HAS_END_DATE = ProcessVariable.flag("hasEndDate");
    /** When the right lapses: midnight after its last day in the client's time zone. */
    public static final ProcessVariable<Date> ENDS_AT = ProcessVariable.instant("rightEndsAt");
    /** The end for people to read in forms ("none" when open-ended). */
    public static final ProcessVariable<String> ENDS_TEXT = ProcessVariable.text("rightEndsText");

    public static final ProcessVariable<List<String>> APPROVER_USERS = ProcessVariable.texts("approverUsers");
    /** The grantee and the requester: they hear about decisions. */
    public static final ProcessVariable<List<String>> PEOPLE = ProcessVariable.texts("rightPeople");

    public static final ProcessVariable<Boolean> HAS_SUPERSEDED = ProcessVariable.flag("hasSuperseded");

    // the approval form
    /** approve or reject. */
    public static final ProcessVariable<String> APPROVAL = ProcessVariable.text("approval");

    public static final ProcessVariable<String> DECISION_COMMENT = ProcessVariable.text("decisionComment");
    public static final ProcessVariable<Boolean> APPROVED = ProcessVariable.flag("approved");

    // the revocation (message variables, or the end-date timer's step)
    public static final ProcessVariable<String> REVOCATION_KIND = ProcessVariable.text("revocationKind");
    public static final ProcessVariable<String> REVOCATION_REASON = ProcessVariable.text("revocationReason");
    public static final ProcessVariable<String> REVOCATION_REQUESTED_BY = ProcessVariable.text("revocationRequestedBy");

    public static final String START_EVENT = "StartEvent_AccessRequested";
    public static final String TASK_RECORD_REQUEST = "Task_RecordRequest";
    public static final String TASK_APPROVE = "Task_ApproveAccess";
    public static final String TASK_RECORD_DECISION = "Task_RecordDecision";
    public static final String GATEWAY_APPROVED = "Gateway_Approved";
    public static final String TASK_TELL_REJECTED = "Task_TellRejected";
    public static final String END_EVENT_REJECTED = "EndEvent_Rejected";
    public static final String TASK_PROVIDE = "Task_ProvideAccess";
    public static final String TASK_RECORD_PROVIDED = "Task_RecordProvided";
    public static final String GATEWAY_SUPERSEDES = "Gateway_Supersedes";
    public static final String TASK_REVOKE_SUPERSEDED = "Task_RevokeSuperseded";
    public static final String GATEWAY_SUPERSEDED_DONE = "Gateway_SupersededDone";
    public static final String TASK_TELL_ACTIVE = "Task_TellActive";
    public static final String GATEWAY_END_DATE = "Gateway_EndDate";
    public static final String EVENT_GATEWAY_UNTIL_END = "EventGateway_UntilEndDate";
    public static final String TIMER_END_DATE = "Timer_EndDatePassed";
    public static final String TASK_RECORD_EXPIRY = "Task_RecordExpiry";
    public static final String MESSAGE_REVOKE_BEFORE_END = "Message_RevokeBeforeEnd";
    public static final String MESSAGE_REVOKE_OPEN_ENDED = "Message_RevokeOpenEnded";
    public static final String GATEWAY_REVOCATION = "Gateway_Revocation";
    public static final String TASK_RECORD_REVOCATION_REQUEST = "Task_RecordRevocationRequest";
    public static final String TASK_REVOKE = "Task_RevokeAccess";
    public static final String TASK_RECORD_REVOKED = "Task_RecordRevoked";
    public static final String TASK_TELL_REVOKED = "Task_TellRevoked";
    public static final String END_EVENT_REVOKED = "EndEvent_Revoked";

    private AccessRightProcess() {}
}
