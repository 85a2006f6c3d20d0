package com.csmflow.cadence;

import com.csmflow.engine.ProcessVariable;

/**
 * The names of {@code bpmn/client-cadence.bpmn} that Java refers to. The client is the shared
 * {@link com.csmflow.engine.CaseVariables#CLIENT_REFERENCE}; each item's variables are named by
 * {@link CadenceItem}.
 */
public final class CadenceProcess {

    public static final String KEY = "client-cadence";
    /** Ends the client's cadence; correlated by the cadence's business key (CAD-...). */
    public static final String MESSAGE_SERVICE_ENDED = "client-service-ended";

    /** Whether a continuity plan was agreed with the client: then the yearly continuity test runs. */
    public static final ProcessVariable<Boolean> CONTINUITY_TEST_AGREED = ProcessVariable.flag("continuityTestAgreed");
    /** The first day of the cadence in the client's time zone (ISO date): every cycle counts from it. */
    public static final ProcessVariable<String> ANCHOR_DATE = ProcessVariable.text("cadenceAnchorDate");
    /** The case that started the cadence (an onboarding's ONB reference). */
    public static final ProcessVariable<String> STARTED_BY = ProcessVariable.text("startedBy");

    public static final ProcessVariable<String> END_REASON = ProcessVariable.text("cadenceEndReason");

    // what staff record on the cycle's task
    public static final ProcessVariable<String> HEALTH_STATUS = ProcessVariable.text("healthStatus");
    public static final ProcessVariable<String> FINDINGS = ProcessVariable.text("cadenceFindings");

    // element ids
    public static final String START = "StartEvent_CadenceStarts";
    public static final String TASK_OPEN = "Task_OpenCadence";
    public static final String SUB_PROCESS = "SubProcess_Cadence";
    public static final String BOUNDARY_SERVICE_ENDED = "Boundary_ServiceEnded";
    public static final String TASK_CLOSE = "Task_CloseCadence";
    public static final String END_ENDED = "End_CadenceEnded";

    public static final String TASK_HEALTH_CHECK = "Task_HealthCheck";
    public static final String TASK_EXECUTIVE_SUMMARY = "Task_ExecutiveSummary";
    public static final String TASK_CONTACT_UPDATE = "Task_ContactUpdate";
    public static final String TASK_QUARTERLY_REVIEW = "Task_QuarterlyReview";
    public static final String TASK_CONTACT_LIST_REVIEW = "Task_ContactListReview";
    public static final String TASK_THRESHOLD_REVIEW = "Task_ThresholdReview";
    public static final String TASK_CONTINUITY_TEST = "Task_ContinuityTest";
    public static final String TASK_OPERATIONAL_CALL = "Task_OperationalCall";
    public static final String TASK_ACCOUNT_REVIEW = "Task_AccountReview";
    public static final String TASK_RAISE_DATA_CORRECTION = "Task_RaiseDataCorrection";

    /** The timer of an item: {@code Timer_<Item>} as in the model. */
    public static String timer(CadenceItem item) {
        return "Timer_" + Character.toUpperCase(item.prefix().charAt(0))
                + item.prefix().substring(1);
    }

    /** The user task of an item. */
    public static String task(CadenceItem item) {
        return "Task_" + Character.toUpperCase(item.prefix().charAt(0))
                + item.prefix().substring(1);
    }

    private CadenceProcess() {}
}
