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

    /** Given by {@code publishMessage} to the instance a message starts: the sender's business key. */
    public static final ProcessVariable<String> SOURCE_BUSINESS_KEY = ProcessVariable.text("sourceBusinessKey");
    /** Given by {@code publishMessage} to the instance a message starts: the sender's process instance. */
    public static final ProcessVariable<String> SOURCE_PROCESS_INSTANCE_ID =
            ProcessVariable.text("sourceProcessInstanceId");

    private CaseVariables() {}
}
