package com.csmflow.infosec;

import com.csmflow.engine.ProcessVariable;
import java.util.List;

/**
 * The {@code infosec} workflow ({@code bpmn/infosec.bpmn}) as Java sees it: one instance per service, called
 * by the service-request workflow's service life (business key = the service reference) and ended with it.
 */
public final class InfoSecProcess {

    public static final String KEY = "infosec";

    /** Delivered by the security-event workflow to the instance of the event's service. */
    public static final String SECURITY_EVENT_MESSAGE = "infosec-security-event";

    // given by the call activity, then read from the service register
    public static final ProcessVariable<String> SERVICE_REFERENCE = ProcessVariable.text("serviceReference");
    public static final ProcessVariable<String> SERVICE_MANAGER = ProcessVariable.text("serviceManager");
    public static final ProcessVariable<String> DELIVERY_MANAGER = ProcessVariable.text("deliveryManager");

    // the client's or partner's criteria (Q28)
    public static final ProcessVariable<String> CLIENT_CRITERIA = ProcessVariable.text("clientCriteria");
    /** client or partner. */
    public static final ProcessVariable<String> CRITERIA_SOURCE = ProcessVariable.text("criteriaSource");

    public static final ProcessVariable<Boolean> CRITERIA_SIGNED = ProcessVariable.flag("criteriaSigned");
    /** yyyy-mm-dd (the form's date picker), required when signed. */
    public static final ProcessVariable<String> CRITERIA_SIGNED_ON = ProcessVariable.text("criteriaSignedOn");

    // internal criteria (Q29): a list of the values of the form's taglist
    public static final ProcessVariable<List<String>> INTERNAL_CRITERIA = ProcessVariable.texts("internalCriteria");

    // service-specific criteria and plan (Q30, Q35)
    public static final ProcessVariable<String> SERVICE_CRITERIA = ProcessVariable.text("serviceCriteria");
    public static final ProcessVariable<String> MITIGATION_ACTIONS = ProcessVariable.text("mitigationActions");
    public static final ProcessVariable<String> CONTINGENCY_ACTIONS = ProcessVariable.text("contingencyActions");
    /** ISO-8601 period between monitoring rounds (P1W, P2W, P1M, P3M). */
    public static final ProcessVariable<String> MONITORING_CYCLE = ProcessVariable.text("infosecMonitoringCycle");

    public static final ProcessVariable<String> PLAN_LESSONS = ProcessVariable.text("planLessons");
    /** INITIAL, SECURITY_EVENT or MONITORING: what the next version is written from. */
    public static final ProcessVariable<String> PLAN_BASIS = ProcessVariable.text("planBasis");

    public static final ProcessVariable<Long> PLAN_VERSION = ProcessVariable.number("planVersion");
    public static final ProcessVariable<String> PLAN_REFERENCE = ProcessVariable.text("planReference");

    // implementation (Q31)
    public static final ProcessVariable<String> CONFIGURATION_DATA = ProcessVariable.text("configurationData");
    public static final ProcessVariable<String> ACTION_REPORT = ProcessVariable.text("actionReport");

    // training (Q32)
    public static final ProcessVariable<String> TRAINING_TOPIC = ProcessVariable.text("trainingTopic");
    public static final ProcessVariable<String> TRAINING_MATERIAL = ProcessVariable.text("trainingMaterial");
    /** User ids from the staff picker. */
    public static final ProcessVariable<List<String>> TRAINED_MEMBERS = ProcessVariable.texts("trainedMembers");
    /** yyyy-mm-dd. */
    public static final ProcessVariable<String> TRAINED_ON = ProcessVariable.text("trainedOn");

    // monitoring (Q33)
    public static final ProcessVariable<String> MONITORING_REPORT = ProcessVariable.text("monitoringReport");
    public static final ProcessVariable<String> MONITORING_FINDINGS = ProcessVariable.text("monitoringFindings");
    public static final ProcessVariable<Boolean> UPDATE_NEEDED = ProcessVariable.flag("planUpdateNeeded");

    // the controls due for review in a monitoring round (F11)
    public static final ProcessVariable<List<String>> CONTROLS_DUE = ProcessVariable.texts("controlsDue");
    public static final ProcessVariable<Long> CONTROLS_DUE_COUNT = ProcessVariable.number("controlsDueCount");
    /** The due controls as the review form lists them, one line each. */
    public static final ProcessVariable<String> CONTROLS_DUE_TEXT = ProcessVariable.text("controlsDueText");
    /** The references of the due controls the reviewer found not effective. */
    public static final ProcessVariable<String> INEFFECTIVE_CONTROLS = ProcessVariable.text("ineffectiveControls");

    public static final ProcessVariable<String> CONTROL_REVIEW_NOTES = ProcessVariable.text("controlReviewNotes");

    // a security event of the service (Q34)
    public static final ProcessVariable<String> SECURITY_EVENT_REFERENCE =
            ProcessVariable.text("securityEventReference");
    public static final ProcessVariable<Boolean> EVENT_PENDING = ProcessVariable.flag("securityEventPending");
    public static final ProcessVariable<String> PLAN_ACTIONS_TAKEN = ProcessVariable.text("planActionsTaken");

    // element ids
    public static final String START = "Start_InfoSec";
    public static final String TASK_OPEN = "Task_OpenInfoSec";
    public static final String TASK_RECEIVE_CLIENT_CRITERIA = "Task_ReceiveClientCriteria";
    public static final String TASK_RECORD_CLIENT_CRITERIA = "Task_RecordClientCriteria";
    public static final String TASK_PICK_INTERNAL_CRITERIA = "Task_PickInternalCriteria";
    public static final String TASK_ISSUE_PLAN = "Task_IssueCriteriaAndPlan";
    public static final String TASK_RECORD_PLAN_VERSION = "Task_RecordPlanVersion";
    public static final String TASK_IMPLEMENT = "Task_ImplementCriteria";
    public static final String TASK_RECORD_IMPLEMENTATION = "Task_RecordImplementation";
    public static final String TASK_ORGANISE_TRAINING = "Task_OrganiseTraining";
    public static final String TASK_RECORD_TRAINING = "Task_RecordTraining";
    public static final String SUBPROCESS_WATCH = "SubProcess_Watch";
    public static final String TASK_FIND_PENDING_EVENT = "Task_FindPendingEvent";
    public static final String TIMER_MONITORING = "Timer_MonitoringDue";
    public static final String TASK_MONITOR = "Task_Monitor";
    public static final String TASK_FIND_CONTROLS_DUE = "Task_FindControlsDue";
    public static final String TASK_REVIEW_CONTROLS = "Task_ReviewControls";
    public static final String TASK_RECORD_CONTROL_REVIEW = "Task_RecordControlReview";
    public static final String TASK_RECORD_MONITORING = "Task_RecordMonitoring";
    public static final String BOUNDARY_SECURITY_EVENT = "Boundary_SecurityEvent";
    public static final String TASK_RUN_PLAN_ACTIONS = "Task_RunPlanActions";
    public static final String TASK_RECORD_LESSONS = "Task_RecordLessons";
    public static final String TASK_UPDATE_PLAN = "Task_UpdateCriteriaAndPlan";

    private InfoSecProcess() {}
}
