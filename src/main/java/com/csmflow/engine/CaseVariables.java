package com.csmflow.engine;

/**
 * Process variables every case workflow carries under the same name, read by the generic delegates
 * (notifications, SLA clocks) whatever the workflow.
 */
public final class CaseVariables {

    /** The client register's reference of the client the case is for. */
    public static final ProcessVariable<String> CLIENT_REFERENCE = ProcessVariable.text("clientReference");
    /** P1 (highest) to P4, or the words critical, high, medium, low. */
    public static final ProcessVariable<String> PRIORITY = ProcessVariable.text("priority");
    /** STANDARD or ENHANCED. */
    public static final ProcessVariable<String> CLIENT_TIER = ProcessVariable.text("clientTier");

    /**
     * The case reference (the business key), written by the worklist when a task is created so that
     * Tasklist filters can list it: the business key itself is no variable.
     */
    public static final ProcessVariable<String> CASE_REFERENCE = ProcessVariable.text("caseReference");
    /** The client's name from the client register, written with {@link #CASE_REFERENCE}. */
    public static final ProcessVariable<String> CLIENT_NAME = ProcessVariable.text("clientName");

    /** Given by {@code publishMessage} to the instance a message starts: the sender's business key. */
    public static final ProcessVariable<String> SOURCE_BUSINESS_KEY = ProcessVariable.text("sourceBusinessKey");
    /** Given by {@code publishMessage} to the instance a message starts: the sender's process instance. */
    public static final ProcessVariable<String> SOURCE_PROCESS_INSTANCE_ID =
            ProcessVariable.text("sourceProcessInstanceId");

    private CaseVariables() {}
}
