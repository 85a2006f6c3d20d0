package com.csmflow.servicerequest;

import com.csmflow.engine.ProcessVariable;
import com.csmflow.forms.ActionSlots;
import java.util.Date;
import java.util.List;

/**
 * The names of {@code bpmn/service-request.bpmn} that Java refers to: its key, its process variables
 * (with their types), message names and the element ids tests wait at. The client and priority of the
 * request are the shared {@link com.csmflow.engine.CaseVariables}.
 */
public final class ServiceRequestProcess {

    public static final String KEY = "service-request";
    public static final String DECISION_TABLE = "service-request-recommendation";

    // the request (start form, POST /api/service-requests)
    public static final ProcessVariable<String> SERVICE_NAME = ProcessVariable.text("serviceName");
    public static final ProcessVariable<String> CRITERIA = ProcessVariable.text("criteria");
    /** A list from the API; the start form sends it comma-separated, which the register step turns into the list. */
    public static final ProcessVariable<List<String>> REQUIRED_SKILLS = ProcessVariable.texts("requiredSkills");
    /** ISO dates (yyyy-MM-dd). */
    public static final ProcessVariable<String> EXPECTED_START = ProcessVariable.text("expectedStart");

    public static final ProcessVariable<String> TERM_END = ProcessVariable.text("termEnd");
    /** fixed-price or time-and-material. */
    public static final ProcessVariable<String> PRICE_MODEL = ProcessVariable.text("priceModel");
    /** low, medium or high: an input of the recommendation. */
    public static final ProcessVariable<String> RISK = ProcessVariable.text("risk");
    /** Document references (file names, links, DMS ids), a list. */
    public static final ProcessVariable<List<String>> DOCUMENTS = ProcessVariable.texts("documents");

    public static final ProcessVariable<String> REQUESTER_EMAIL = ProcessVariable.text("requesterEmail");
    /** The lists as text for the forms ("java, sap"), written by the step that records the request. */
    public static final ProcessVariable<String> REQUIRED_SKILLS_TEXT = ProcessVariable.text("requiredSkillsText");

    public static final ProcessVariable<String> DOCUMENTS_TEXT = ProcessVariable.text("documentsText");

    // the status summary (computed from the registers) and the recommendation
    public static final ProcessVariable<Long> SKILL_COVERAGE = ProcessVariable.number("skillCoverage");
    public static final ProcessVariable<Boolean> MANAGERS_AVAILABLE = ProcessVariable.flag("managersAvailable");
    public static final ProcessVariable<Long> FREE_RESOURCES = ProcessVariable.number("freeResources");
    public static final ProcessVariable<String> STATUS_SUMMARY = ProcessVariable.text("statusSummary");
    /** go, no-go or more-information. */
    public static final ProcessVariable<String> RECOMMENDATION = ProcessVariable.text("recommendation");

    public static final ProcessVariable<String> RECOMMENDATION_REASON = ProcessVariable.text("recommendationReason");

    // the DC Head's decision
    /** go, no-go or more-information. */
    public static final ProcessVariable<String> DECISION = ProcessVariable.text("decision");

    public static final ProcessVariable<String> DECISION_REASON = ProcessVariable.text("decisionReason");
    public static final ProcessVariable<Boolean> OVERRULED = ProcessVariable.flag("overruled");
    public static final ProcessVariable<String> QUESTIONS = ProcessVariable.text("questions");
    public static final ProcessVariable<String> CLIENT_ANSWER = ProcessVariable.text("clientAnswer");

    // on go: appointment and scope of work
    public static final ProcessVariable<String> SERVICE_MANAGER = ProcessVariable.text("serviceManager");
    public static final ProcessVariable<String> DELIVERY_MANAGER = ProcessVariable.text("deliveryManager");
    public static final ProcessVariable<String> SCOPE = ProcessVariable.text("scope");
    public static final ProcessVariable<String> MILESTONES = ProcessVariable.text("milestones");
    public static final ProcessVariable<Long> HOURS_PER_MONTH = ProcessVariable.number("hoursPerMonth");
    public static final ProcessVariable<String> SERVICE_REFERENCE = ProcessVariable.text("serviceReference");
    /** Set when a service ends: whether the client has no other active service (then its cadence ends). */
    public static final ProcessVariable<Boolean> LAST_SERVICE_OF_CLIENT = ProcessVariable.flag("lastServiceOfClient");
    /** The end of the contract term as the boundary timer's date. */
    public static final ProcessVariable<Date> TERM_END_AT = ProcessVariable.instant("termEndAt");

    // the cycles of the recurring steps: ISO 8601 durations, per service
    public static final ProcessVariable<String> STAFFING_FOLLOW_UP_CYCLE =
            ProcessVariable.text("staffingFollowUpCycle");
    public static final ProcessVariable<String> GOVERNANCE_CYCLE = ProcessVariable.text("governanceCycle");
    public static final ProcessVariable<String> TEAM_ASSESSMENT_CYCLE = ProcessVariable.text("teamAssessmentCycle");
    public static final ProcessVariable<String> INDIVIDUAL_ASSESSMENT_CYCLE =
            ProcessVariable.text("individualAssessmentCycle");
    public static final ProcessVariable<String> INVENTORY_REVIEW_CYCLE = ProcessVariable.text("inventoryReviewCycle");
    static final String DEFAULT_STAFFING_FOLLOW_UP_CYCLE = "P1M";
    static final String DEFAULT_GOVERNANCE_CYCLE = "P1M";
    static final String DEFAULT_TEAM_ASSESSMENT_CYCLE = "P3M";
    static final String DEFAULT_INDIVIDUAL_ASSESSMENT_CYCLE = "P6M";
    static final String DEFAULT_INVENTORY_REVIEW_CYCLE = "P3M";

    // the service's steps (form fields, see ServiceWorkListener)
    public static final ProcessVariable<String> TEAM_ORGANISATION = ProcessVariable.text("teamOrganisation");
    /** One line per member: user id, role, share of time in per cent. */
    /** How many team members the team organisation form takes at once (a later organisation adds more). */
    public static final int TEAM_MEMBER_SLOTS = 8;

    /** Slot n of the team organisation form: the member picked from the staff (user id). */
    public static ProcessVariable<String> teamMember(int slot) {
        return ProcessVariable.text("teamMember" + slot);
    }

    /** Slot n's role, share (percent of their time), skills (comma-separated) and short profile. */
    public static ProcessVariable<String> teamMember(int slot, String part) {
        return ProcessVariable.text(teamMember(slot).name() + part);
    }

    public static final ProcessVariable<String> STAFFING_ROADMAP = ProcessVariable.text("staffingRoadmap");
    public static final ProcessVariable<String> RECRUITMENT_PLAN = ProcessVariable.text("recruitmentPlan");
    public static final ProcessVariable<String> SKILL_GAP_REPORT = ProcessVariable.text("skillGapReport");
    public static final ProcessVariable<String> KNOWLEDGE_PLAN = ProcessVariable.text("knowledgePlan");
    public static final ProcessVariable<String> GOVERNANCE_MODEL = ProcessVariable.text("governanceModel");
    public static final ProcessVariable<String> STAFFING_FOLLOW_UP = ProcessVariable.text("staffingFollowUp");
    public static final ProcessVariable<String> GOVERNANCE_ACTIONS = ProcessVariable.text("governanceActions");
    public static final ProcessVariable<String> WORKING_METHODOLOGY = ProcessVariable.text("workingMethodology");
    public static final ProcessVariable<String> QUALITY_CRITERIA = ProcessVariable.text("qualityCriteria");
    public static final ProcessVariable<String> ASSESSMENT = ProcessVariable.text("assessment");
    public static final ProcessVariable<String> LESSONS_LEARNED = ProcessVariable.text("lessonsLearned");
    /** The team's and the governance round's planned actions, picked owners (forms: action1Description...). */
    public static final ActionSlots ACTION_SLOTS = ActionSlots.named("action");

    public static final ProcessVariable<String> ASSESSED_MEMBER = ProcessVariable.text("assessedMember");
    public static final ProcessVariable<String> ACTION_REPORT = ProcessVariable.text("actionReport");
    // the individual assessment's fields: personal data, removed from the variables once recorded
    public static final ProcessVariable<String> INDIVIDUAL_ASSESSMENT = ProcessVariable.text("individualAssessment");
    public static final ProcessVariable<String> INDIVIDUAL_LESSONS_LEARNED =
            ProcessVariable.text("individualLessonsLearned");
    public static final ActionSlots INDIVIDUAL_ACTION_SLOTS = ActionSlots.named("individualAction");
    public static final ProcessVariable<String> INDIVIDUAL_ACTION_REPORT =
            ProcessVariable.text("individualActionReport");
    public static final ProcessVariable<Boolean> TEAM_ACTIONS_DONE = ProcessVariable.flag("teamActionsDone");
    public static final ProcessVariable<Boolean> INDIVIDUAL_ACTIONS_DONE =
            ProcessVariable.flag("individualActionsDone");
    /** Governance round: what was done on the open actions of earlier rounds, and whether they are done. */
    public static final ProcessVariable<String> GOVERNANCE_FOLLOW_UP = ProcessVariable.text("governanceFollowUp");

    public static final ProcessVariable<Boolean> GOVERNANCE_ACTIONS_DONE =
            ProcessVariable.flag("governanceActionsDone");
    /** Task-local: the open actions a follow-up task is about (from the action register). */
    public static final ProcessVariable<String> OPEN_ACTIONS = ProcessVariable.text("openActions");
    /** Task-local on the staffing follow-up: the team's training records, expiring and missing ones. */
    public static final ProcessVariable<String> TRAINING_STATUS = ProcessVariable.text("trainingStatus");

    public static final ProcessVariable<String> UTILISATION_RULES = ProcessVariable.text("utilisationRules");
    /** One line per resource: type, identifier, owner. */
    public static final ProcessVariable<String> INVENTORY = ProcessVariable.text("inventory");

    public static final ProcessVariable<String> INVENTORY_REVIEW = ProcessVariable.text("inventoryReview");

    // resource requests (local to their event sub-process)
    public static final ProcessVariable<String> REQUESTED_FOR = ProcessVariable.text("requestedFor");
    public static final ProcessVariable<String> RESOURCE_TYPE = ProcessVariable.text("resourceType");
    public static final ProcessVariable<String> PURPOSE = ProcessVariable.text("purpose");
    public static final ProcessVariable<Boolean> RESOURCE_APPROVED = ProcessVariable.flag("resourceApproved");
    public static final ProcessVariable<String> APPROVAL_COMMENT = ProcessVariable.text("approvalComment");
    /** The inventory reference (RES-...) IT allocates. */
    public static final ProcessVariable<String> RESOURCE_REFERENCE = ProcessVariable.text("resourceReference");

    public static final ProcessVariable<String> RELEASE_NOTES = ProcessVariable.text("releaseNotes");
    public static final ProcessVariable<Boolean> ADDITION_APPROVED = ProcessVariable.flag("additionApproved");
    public static final ProcessVariable<String> RESOURCE_IDENTIFIER = ProcessVariable.text("resourceIdentifier");
    public static final ProcessVariable<String> RESOURCE_OWNER = ProcessVariable.text("resourceOwner");
    public static final ProcessVariable<String> REQUESTED_BY = ProcessVariable.text("requestedBy");

    // end of service
    public static final ProcessVariable<String> END_REASON = ProcessVariable.text("endReason");
    public static final ProcessVariable<String> CONSOLIDATION = ProcessVariable.text("consolidation");

    // messages
    public static final String MESSAGE_END_REQUESTED = "service-end-requested";
    public static final String MESSAGE_RESOURCE_REQUESTED = "service-resource-requested";
    public static final String MESSAGE_RESOURCE_ADDITION_REQUESTED = "service-resource-addition-requested";
    public static final String MESSAGE_RESOURCE_RETIREMENT_REQUESTED = "service-resource-retirement-requested";

    // element ids
    public static final String TASK_RECORD_REQUEST = "Task_RecordRequest";
    public static final String TASK_RECOMMEND = "Task_Recommend";
    public static final String TASK_DECIDE = "Task_Decide";
    public static final String TASK_RECORD_DECISION = "Task_RecordDecision";
    public static final String TASK_TELL_REJECTION = "Task_TellRejection";
    public static final String END_REJECTED = "End_Rejected";
    public static final String TASK_ASK_FOR_INFORMATION = "Task_AskForInformation";
    public static final String TASK_RECORD_CLIENT_ANSWER = "Task_RecordClientAnswer";
    /** Issue 18: a new client's onboarding starts on go. */
    public static final String TASK_START_ONBOARDING = "Task_StartOnboarding";

    public static final String TASK_APPOINT_SERVICE = "Task_AppointService";
    public static final String TASK_OPEN_SERVICE = "Task_OpenService";
    public static final String TASK_TELL_ACCEPTANCE = "Task_TellAcceptance";
    public static final String CALL_ACTIVITY_INFOSEC = "CallActivity_InfoSec";
    public static final String SUB_PROCESS_SERVICE_LIFE = "SubProcess_ServiceLife";
    public static final String SUB_PROCESS_STAFFING = "SubProcess_Staffing";
    public static final String SUB_PROCESS_QUALITY = "SubProcess_Quality";
    public static final String SUB_PROCESS_RESOURCES = "SubProcess_Resources";
    public static final String TASK_TEAM_ORGANISATION = "Task_TeamOrganisation";
    public static final String TASK_STAFFING_ROADMAP = "Task_StaffingRoadmap";
    public static final String TASK_KNOWLEDGE_PLAN = "Task_KnowledgePlan";
    public static final String TASK_GOVERNANCE_MODEL = "Task_GovernanceModel";
    public static final String TIMER_STAFFING_FOLLOW_UP = "Timer_StaffingFollowUp";
    public static final String TASK_FOLLOW_UP_STAFFING = "Task_FollowUpStaffing";
    public static final String TIMER_GOVERNANCE_ACTIONS = "Timer_GovernanceActions";
    public static final String TASK_GOVERNANCE_ACTIONS = "Task_GovernanceActions";
    public static final String TASK_WORKING_METHODOLOGY = "Task_WorkingMethodology";
    public static final String TASK_QUALITY_CRITERIA = "Task_QualityCriteria";
    public static final String TIMER_TEAM_ASSESSMENT = "Timer_TeamAssessment";
    public static final String TASK_TEAM_ASSESSMENT = "Task_TeamAssessment";
    public static final String TASK_FOLLOW_UP_TEAM_ACTIONS = "Task_FollowUpTeamActions";
    public static final String TIMER_INDIVIDUAL_ASSESSMENT = "Timer_IndividualAssessment";
    public static final String TASK_INDIVIDUAL_ASSESSMENT = "Task_IndividualAssessment";
    public static final String TASK_FOLLOW_UP_INDIVIDUAL_ACTIONS = "Task_FollowUpIndividualActions";
    public static final String TASK_UTILISATION_RULES = "Task_UtilisationRules";
    public static final String TASK_CREATE_INVENTORY = "Task_CreateInventory";
    public static final String TIMER_INVENTORY_REVIEW = "Timer_InventoryReview";
    public static final String TASK_REVIEW_INVENTORY = "Task_ReviewInventory";
    public static final String TASK_APPROVE_RESOURCE_REQUEST = "Task_ApproveResourceRequest";
    public static final String TASK_ALLOCATE_RESOURCE = "Task_AllocateResource";
    public static final String TASK_TELL_ALLOCATION = "Task_TellAllocation";
    public static final String TASK_RELEASE_RESOURCE = "Task_ReleaseResource";
    public static final String TASK_TELL_RELEASE = "Task_TellRelease";
    public static final String TASK_TELL_RESOURCE_REJECTION = "Task_TellResourceRejection";
    public static final String TASK_APPROVE_RESOURCE_ADDITION = "Task_ApproveResourceAddition";
    public static final String TASK_UPDATE_INVENTORY = "Task_UpdateInventory";
    public static final String END_RESOURCE_ADDITION_REJECTED = "End_ResourceAdditionRejected";
    public static final String TASK_RETIRE_RESOURCE = "Task_RetireResource";
    public static final String BOUNDARY_END_REQUESTED = "Boundary_EndRequested";
    public static final String BOUNDARY_TERM_ENDED = "Boundary_TermEnded";
    public static final String TASK_CONSOLIDATE_END = "Task_ConsolidateEnd";
    public static final String TASK_CLOSE_SERVICE = "Task_CloseService";
    /** Issue 18: the client's cadence ends with its last service. */
    public static final String TASK_END_CADENCE = "Task_EndCadence";

    public static final String TASK_TELL_TERMINATION = "Task_TellTermination";
    public static final String END_SERVICE_ENDED = "End_ServiceEnded";

    private ServiceRequestProcess() {}
}
