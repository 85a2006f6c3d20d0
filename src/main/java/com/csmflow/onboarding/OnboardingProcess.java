package com.csmflow.onboarding;

import com.csmflow.engine.ProcessVariable;
import java.util.List;

/**
 * The names of {@code bpmn/client-onboarding.bpmn} and {@code bpmn/client-hour-tier.dmn} that Java refers to.
 * The client is the shared {@link com.csmflow.engine.CaseVariables#CLIENT_REFERENCE}.
 */
public final class OnboardingProcess {

    public static final String KEY = "client-onboarding";
    public static final String HOUR_TIER_TABLE = "client-hour-tier";

    // the contract's figures: inputs of the hour tier
    public static final ProcessVariable<Double> MONTHLY_SPEND = ProcessVariable.of("monthlySpend", Double.class);
    public static final ProcessVariable<Long> TECHNOLOGY_GROUPS = ProcessVariable.number("technologyGroups");
    public static final ProcessVariable<Long> DEVICE_COUNT = ProcessVariable.number("deviceCount");
    /** CMDB when the tier read the client's active devices from the CMDB, ENTERED when the figure entered. */
    public static final ProcessVariable<String> DEVICE_COUNT_SOURCE = ProcessVariable.text("deviceCountSource");
    /** The figure entered at the start, kept when the CMDB's count replaced it. */
    public static final ProcessVariable<Long> DEVICE_COUNT_ENTERED = ProcessVariable.number("deviceCountEntered");
    /** Whether the client agreed a continuity plan: then it is one of the required documents. */
    public static final ProcessVariable<Boolean> CONTINUITY_AGREED = ProcessVariable.flag("continuityAgreed");

    // the recommendation (outputs of the table)
    public static final ProcessVariable<String> RECOMMENDED_PACKAGE = ProcessVariable.text("recommendedPackage");
    public static final ProcessVariable<Long> RECOMMENDED_BASE_HOURS = ProcessVariable.number("recommendedBaseHours");
    public static final ProcessVariable<Long> RECOMMENDED_SUPPLEMENTAL_HOURS =
            ProcessVariable.number("recommendedSupplementalHours");
    public static final ProcessVariable<Long> RECOMMENDED_HOURS = ProcessVariable.number("recommendedHours");

    // the CSM's steps
    public static final ProcessVariable<String> CURRENT_STATE = ProcessVariable.text("currentState");
    public static final ProcessVariable<String> PAIN_POINTS = ProcessVariable.text("painPoints");
    public static final ProcessVariable<String> GAPS = ProcessVariable.text("gaps");
    public static final ProcessVariable<String> SUCCESS_CRITERIA = ProcessVariable.text("successCriteria");
    public static final ProcessVariable<String> CADENCE = ProcessVariable.text("cadence");
    /** confirm or overrule. */
    public static final ProcessVariable<Boolean> TIER_CONFIRMED = ProcessVariable.flag("tierConfirmed");

    public static final ProcessVariable<String> AGREED_PACKAGE = ProcessVariable.text("agreedPackage");
    public static final ProcessVariable<Long> AGREED_HOURS = ProcessVariable.number("agreedHours");
    public static final ProcessVariable<String> OVERRULE_REASON = ProcessVariable.text("overruleReason");
    /** The contract the agreed tier was recorded on; empty when the client had no current contract. */
    public static final ProcessVariable<String> TIER_CONTRACT = ProcessVariable.text("tierContractReference");

    public static final ProcessVariable<Boolean> CONTRACT_VALID = ProcessVariable.flag("contractValid");
    public static final ProcessVariable<String> CONTRACT_NOTES = ProcessVariable.text("contractNotes");
    public static final ProcessVariable<String> ACTIVATION_NOTES = ProcessVariable.text("activationNotes");
    public static final ProcessVariable<String> TRAINING_PLAN = ProcessVariable.text("trainingPlan");
    public static final ProcessVariable<String> DOCUMENTATION_NOTES = ProcessVariable.text("documentationNotes");
    public static final ProcessVariable<String> TECHNICAL_BASELINES = ProcessVariable.text("technicalBaselines");
    /** ISO 8601 duration from the start of the documentation phase to its due date. */
    public static final ProcessVariable<String> DOCUMENTATION_DUE = ProcessVariable.text("documentationDue");
    /** ISO 8601 duration before the due date at which the reminder goes out. */
    public static final ProcessVariable<String> DOCUMENTATION_REMINDER = ProcessVariable.text("documentationReminder");
    /** Kinds of required documents still missing from the register, a list. */
    public static final ProcessVariable<List<String>> MISSING_DOCUMENTS = ProcessVariable.texts("missingDocuments");

    public static final ProcessVariable<Boolean> DOCUMENTS_COMPLETE = ProcessVariable.flag("documentsComplete");

    // the change workflow's CMDB step (bpmn/change-request.bpmn#Task_UpdateConfiguration,
    // ${recordOperationsGuideVersion})
    /** The operations guide's new version after a change that touched the client's configuration items. */
    public static final ProcessVariable<String> OPERATIONS_GUIDE_VERSION =
            ProcessVariable.text("operationsGuideVersion");

    // element ids
    public static final String TASK_KICK_OFF = "Task_KickOff";
    public static final String TASK_RECOMMEND_TIER = "Task_RecommendTier";
    public static final String TASK_CONFIRM_TIER = "Task_ConfirmTier";
    public static final String TASK_VALIDATE_CONTRACT = "Task_ValidateContract";
    /** The CSE registers the client's configuration items; completes only with at least one in the CMDB. */
    public static final String TASK_SET_UP_CMDB = "Task_SetUpCmdb";

    public static final String TASK_AGREE_CONTINUITY_PLAN = "Task_AgreeContinuityPlan";

    public static final String TASK_ACTIVATE_SERVICE = "Task_ActivateService";
    public static final String TASK_SCHEDULE_TRAINING = "Task_ScheduleTraining";
    public static final String SUB_PROCESS_DOCUMENTATION = "SubProcess_Documentation";
    public static final String TASK_CUSTOMER_PLAYBOOK = "Task_CustomerPlaybook";
    public static final String TASK_EXECUTIVE_SUMMARY = "Task_ExecutiveSummary";
    public static final String BOUNDARY_DOCUMENTATION_REMINDER = "Boundary_DocumentationReminder";
    public static final String TASK_REMIND_DOCUMENTATION = "Task_RemindDocumentation";
    public static final String BOUNDARY_DOCUMENTATION_LATE = "Boundary_DocumentationLate";
    public static final String TASK_ESCALATE_DOCUMENTATION = "Task_EscalateDocumentation";
    public static final String TASK_CHECK_DOCUMENTS = "Task_CheckDocuments";
    public static final String GATEWAY_DOCUMENTS_COMPLETE = "Gateway_DocumentsComplete";
    public static final String TASK_COMPLETE_DOCUMENTS = "Task_CompleteDocuments";
    public static final String TASK_CLOSE_ONBOARDING = "Task_CloseOnboarding";
    public static final String END_ONBOARDED = "End_Onboarded";

    static final String DEFAULT_DOCUMENTATION_DUE = "P60D";
    static final String DEFAULT_DOCUMENTATION_REMINDER = "P50D";

    private OnboardingProcess() {}
}
