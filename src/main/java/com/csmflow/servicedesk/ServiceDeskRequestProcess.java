package com.csmflow.servicedesk;

import com.csmflow.engine.ProcessVariable;

/**
 * The names of {@code bpmn/service-desk-request.bpmn} that Java refers to. The workflow has no delegates
 * of its own (a user task and the generic {@code notify}); its package is where its register, API and
 * delegates go when it gets them, rather than a capability that merely serves it.
 */
public final class ServiceDeskRequestProcess {

    public static final String KEY = "service-desk-request";

    // the start form
    public static final ProcessVariable<String> SUBJECT = ProcessVariable.text("subject");
    public static final ProcessVariable<String> REQUESTER_EMAIL = ProcessVariable.text("requesterEmail");
    public static final ProcessVariable<String> DESCRIPTION = ProcessVariable.text("description");
    // the handling form
    public static final ProcessVariable<String> RESOLUTION = ProcessVariable.text("resolution");
    /** resolved or declined. */
    public static final ProcessVariable<String> OUTCOME = ProcessVariable.text("outcome");

    public static final String START_EVENT_REQUEST_RECEIVED = "StartEvent_RequestReceived";
    public static final String TASK_HANDLE_REQUEST = "Task_HandleRequest";
    public static final String TASK_TELL_REQUESTER = "Task_TellRequester";
    public static final String END_EVENT_REQUEST_HANDLED = "EndEvent_RequestHandled";

    private ServiceDeskRequestProcess() {}
}
