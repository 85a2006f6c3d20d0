package com.csmflow.servicerequest;

import static com.csmflow.servicerequest.ServiceRequestProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.csmflow.api.InvalidInputException;
import com.csmflow.cadence.CadenceService;
import com.csmflow.engine.CaseVariables;
import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.TestServers;
import com.csmflow.notification.DeliveryJobs;
import com.csmflow.notification.NotificationDeliveryProcess;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Every path through service-request on the engine with its real delegates, decision table, registers
 * and mails (embedded PostgreSQL, GreenMail), time moved with the engine clock. After all paths, at
 * least 95 % of the model's flow nodes must have been passed by the instances of this class.
 */
// The mails run in notification-delivery instances, whose model the coverage library would count
// against this class; it enforces 95 % of its OWN model instead (@AfterAll), like ChangeRequestProcessTest.
@ExcludeFromProcessCoverage
@CsmFlowTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceRequestProcessTest {

    static final double FLOW_NODE_COVERAGE_AT_LEAST = 0.95;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant MONDAY_MORNING =
            ZonedDateTime.of(2026, 6, 1, 9, 0, 0, 0, BERLIN).toInstant();
    /** A skill only the fixtures' profile has, so other tests' data cannot change the coverage. */
    private static final String SKILL = "svc-test-cobol";

    private static final String SPARE_SM = "svc-test-sm";
    private static final String SPARE_DM = "svc-test-dm";
    private static final String MEMBER = "svc-test-member";
    /** Has no training record in any test: the staffing follow-up names it as missing. */
    private static final String NEWCOMER = "svc-test-newcomer";

    @Autowired
    ProcessEngine processEngine;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    TaskService taskService;

    @Autowired
    ManagementService managementService;

    @Autowired
    HistoryService historyService;

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    IdentityService identityService;

    @Autowired
    ServiceRequestRepository requests;

    @Autowired
    ManagedServiceRepository services;

    @Autowired
    ServiceResourceRepository resources;

    @Autowired
    ResourceAllocationRepository allocations;

    @Autowired
    WorkRecordRepository workRecords;

    @Autowired
    TeamMemberRepository teamMembers;

    @Autowired
    ServiceRegister register;

    @Autowired
    ServiceRequestService api;

    @Autowired
    CadenceService cadences;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    TrainingRecordRepository trainingRecords;

    @Autowired
    ServiceActionRepository serviceActions;

    @Autowired
    ServiceActions actionRegister;

    @Autowired
    org.camunda.bpm.engine.FormService formService;

    private final List<String> instances = new ArrayList<>();

    @BeforeAll
    void fixtures() {
        // spare managers with no service: the summary always finds an SM and a DM with capacity
        createUser(SPARE_SM, "service-manager");
        createUser(SPARE_DM, "delivery-manager");
        createUser(MEMBER, "cse");
        createUser(NEWCOMER, "cse");
        ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING));
        register.putProfile(MEMBER, List.of(SKILL, "java"), "Twenty years of mainframe", MONDAY_MORNING);
        // one free resource outside every service, so "no free resources" does not decide
        if (resources.findByReference("RES-TEST-SPARE").isEmpty()) {
            resources.save(
                    new ServiceResource("RES-TEST-SPARE", "laptop", "svc-test-spare", "it", null, MONDAY_MORNING));
        }
        ClockUtil.reset();
    }

    @AfterAll
    void checkCoverage() {
        String definitionId = repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey(KEY)
                .latestVersion()
                .singleResult()
                .getId();
        BpmnModelInstance model = repositoryService.getBpmnModelInstance(definitionId);
        Set<String> all = model.getModelElementsByType(FlowNode.class).stream()
                .map(FlowNode::getId)
                .collect(Collectors.toSet());
        Set<String> passed = new HashSet<>();
        for (String instance : instances) {
            historyService.createHistoricActivityInstanceQuery().processInstanceId(instance).list().stream()
                    .map(HistoricActivityInstance::getActivityId)
                    .forEach(passed::add);
        }
        Set<String> missing = new HashSet<>(all);
        missing.removeAll(passed);
        double coverage = (all.size() - missing.size()) / (double) all.size();
        System.out.printf(
                "service-request flow-node coverage: %d of %d (%.1f %%), not passed: %s%n",
                all.size() - missing.size(), all.size(), coverage * 100, missing);
        assertThat(coverage)
                .as("flow-node coverage of service-request, not passed: %s", missing)
                .isGreaterThanOrEqualTo(FLOW_NODE_COVERAGE_AT_LEAST);
    }

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING));
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        identityService.clearAuthentication();
        SecurityContextHolder.clearContext();
    }

    // ------------------------------------------------------------------ the request and the decision

    @Test
    void noGoRejectsInWritingWithTheReason() throws Exception {
        ProcessInstance instance = start(request("high", List.of("svc-test-unheard-of"), "no-go@client.example"));
        String key = businessKey(instance);
        assertThat(key).matches("SRQ-2026-\\d{4,}");
        assertThat(instance).hasPassed(TASK_RECORD_REQUEST, TASK_RECOMMEND).isWaitingAt(TASK_DECIDE);
        assertThat(task(instance, TASK_DECIDE)).hasCandidateGroup("dc-head");
        assertThat(instance)
                .variables()
                .containsEntry(RECOMMENDATION.name(), "no-go")
                .containsEntry(SKILL_COVERAGE.name(), 0L)
                .containsEntry(CaseVariables.PRIORITY.name(), "P3")
                .containsEntry(CaseVariables.CLIENT_REFERENCE.name(), "ALPENWERK");
        ServiceRequestRecord record = requests.findByReference(key).orElseThrow();
        assertThat(record.getStatus()).isEqualTo(ServiceRequestStatus.AWAITING_DECISION);
        assertThat(record.getStatusSummary())
                .contains("svc-test-unheard-of 0")
                .contains("Service Manager load")
                .contains("Free resources");

        // no-go needs the reason the client reads
        assertThatThrownBy(() -> decide(instance, "no-go", null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(DECISION_REASON.name());
        assertThat(instance).isWaitingAt(TASK_DECIDE);

        decide(instance, "no-go", "We have no COBOL team free before 2027.");
        runJobs(instance);
        assertThat(instance).hasPassed(TASK_TELL_REJECTION, END_REJECTED).isEnded();
        record = requests.findByReference(key).orElseThrow();
        assertThat(record.getStatus()).isEqualTo(ServiceRequestStatus.REJECTED);
        assertThat(record.isOverruled()).isFalse();
        assertThat(record.getDecidedBy()).isEqualTo("dc-head");

        deliverNotifications(key);
        MimeMessage mail = mailTo("no-go@client.example", key);
        // ALPENWERK reads German
        assertThat(mail.getSubject()).contains("nicht übernehmen");
        assertThat(body(mail)).contains("We have no COBOL team free before 2027.");
        mailTo("k.huber@alpenwerk.example", key);
    }

    @Test
    void goAppointsSmAndDmRecordsTheSowAcceptsAndOpensTheService() throws Exception {
        ProcessInstance instance = start(request("low", List.of(SKILL), "go@client.example"));
        String key = businessKey(instance);
        assertThat(instance).variables().containsEntry(RECOMMENDATION.name(), "go");
        decide(instance, "go", null);
        assertThat(instance).isWaitingAt(TASK_APPOINT_SERVICE);
        assertThat(requests.findByReference(key).orElseThrow().isOverruled()).isFalse();

        // the SM must be a service manager, and a fixed price names its milestones
        Map<String, Object> sow = sow("fixed-price");
        sow.put(SERVICE_MANAGER.name(), "csm");
        assertThatThrownBy(() -> complete(instance, TASK_APPOINT_SERVICE, sow))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(SERVICE_MANAGER.name());
        Map<String, Object> noMilestones = sow("fixed-price");
        noMilestones.remove(MILESTONES.name());
        assertThatThrownBy(() -> complete(instance, TASK_APPOINT_SERVICE, noMilestones))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(MILESTONES.name());
        Map<String, Object> badCycle = sow("fixed-price");
        badCycle.put(TEAM_ASSESSMENT_CYCLE.name(), "quarterly");
        assertThatThrownBy(() -> complete(instance, TASK_APPOINT_SERVICE, badCycle))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(TEAM_ASSESSMENT_CYCLE.name());
        assertThat(services.findByRequestReference(key)).isEmpty();

        complete(instance, TASK_APPOINT_SERVICE, sow("fixed-price"));
        runJobs(instance);
        String serviceReference = (String) runtimeService.getVariable(instance.getId(), SERVICE_REFERENCE.name());
        assertThat(serviceReference).matches("SVC-2026-\\d{4,}");
        ManagedService service = services.findByReference(serviceReference).orElseThrow();
        assertThat(service.getServiceManager()).isEqualTo("service-manager");
        assertThat(service.getDeliveryManager()).isEqualTo("delivery-manager");
        assertThat(service.getPriceModel()).isEqualTo("fixed-price");
        assertThat(service.getMilestones()).contains("M1");
        assertThat(service.getStaffingFollowUpCycle()).isEqualTo("P1M");
        assertThat(service.getTeamAssessmentCycle()).isEqualTo("P3M");
        assertThat(service.getStatus()).isEqualTo(ServiceStatus.ACTIVE);
        assertThat(requests.findByReference(key).orElseThrow().getStatus()).isEqualTo(ServiceRequestStatus.ACCEPTED);
        assertThat(instance)
                .hasPassed(TASK_OPEN_SERVICE, TASK_TELL_ACCEPTANCE)
                .isWaitingAt(
                        TASK_TEAM_ORGANISATION,
                        TASK_WORKING_METHODOLOGY,
                        TASK_UTILISATION_RULES,
                        CALL_ACTIVITY_INFOSEC);
        assertThat(task(instance, TASK_TEAM_ORGANISATION)).hasCandidateGroup("service-manager");
        assertThat(task(instance, TASK_TEAM_ORGANISATION)).hasCandidateGroup("delivery-manager");
        // the term's end is the timer of the service's life: the day after the last day, in Munich
        assertThat(managementService
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .activityId(BOUNDARY_TERM_ENDED)
                        .singleResult()
                        .getDuedate()
                        .toInstant())
                .isEqualTo(ZonedDateTime.of(2028, 7, 1, 0, 0, 0, 0, BERLIN).toInstant());

        deliverNotifications(key);
        MimeMessage mail = mailTo("go@client.example", key);
        assertThat(mail.getSubject()).contains(serviceReference);
        assertThat(body(mail)).contains("service-manager").contains("M1: design");
    }

    @Test
    void theDcHeadOverrulesTheRecommendationOnlyWithAReason() {
        ProcessInstance instance = start(request("high", List.of("svc-test-unheard-of"), null));
        assertThat(instance).variables().containsEntry(RECOMMENDATION.name(), "no-go");
        assertThatThrownBy(() -> decide(instance, "go", "  "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("overruling");
        decide(instance, "go", "Strategic client: we hire two COBOL contractors.");
        ServiceRequestRecord record =
                requests.findByReference(businessKey(instance)).orElseThrow();
        assertThat(record.isOverruled()).isTrue();
        assertThat(record.getRecommendation()).isEqualTo("no-go");
        assertThat(record.getDecision()).isEqualTo("go");
        assertThat(record.getDecisionReason()).isEqualTo("Strategic client: we hire two COBOL contractors.");
        assertThat(instance).variables().containsEntry(OVERRULED.name(), true);
        assertThat(instance).isWaitingAt(TASK_APPOINT_SERVICE);
        // time & material names its hours
        Map<String, Object> sow = sow("time-and-material");
        assertThatThrownBy(() -> complete(instance, TASK_APPOINT_SERVICE, sow))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(HOURS_PER_MONTH.name());
        sow.put(HOURS_PER_MONTH.name(), 160L);
        // a wrong price model typed into the engine API is refused too
        complete(instance, TASK_APPOINT_SERVICE, sow);
        assertThat(services.findByRequestReference(businessKey(instance))
                        .orElseThrow()
                        .getHoursPerMonth())
                .isEqualTo(160);
        endByRequest(instance, "Cancelled in the test.");
    }

    @Test
    void moreInformationAsksTheClientAndDecidesAgainOnTheAnswer() throws Exception {
        Map<String, Object> variables = request("low", List.of(SKILL, "svc-test-unheard-of"), "info@client.example");
        ProcessInstance instance = start(variables);
        assertThat(instance).variables().containsEntry(RECOMMENDATION.name(), "more-information");
        assertThat(instance).variables().containsEntry(SKILL_COVERAGE.name(), 50L);
        decide(instance, "more-information", "Is the second skill essential?");
        runJobs(instance);
        assertThat(instance).hasPassed(TASK_ASK_FOR_INFORMATION).isWaitingAt(TASK_RECORD_CLIENT_ANSWER);
        assertThat(requests.findByReference(businessKey(instance)).orElseThrow().getStatus())
                .isEqualTo(ServiceRequestStatus.MORE_INFORMATION_REQUESTED);
        deliverNotifications(businessKey(instance));
        assertThat(body(mailTo("info@client.example", businessKey(instance)))).contains("second skill essential");

        complete(
                instance,
                TASK_RECORD_CLIENT_ANSWER,
                Map.of(CLIENT_ANSWER.name(), "No, COBOL is enough.", REQUIRED_SKILLS.name(), SKILL));
        assertThat(instance).variables().containsEntry(RECOMMENDATION.name(), "go");
        assertThat(instance).isWaitingAt(TASK_DECIDE);
        ServiceRequestRecord record =
                requests.findByReference(businessKey(instance)).orElseThrow();
        assertThat(record.getCriteria()).contains("No, COBOL is enough.");
        assertThat(record.getRequiredSkills()).isEqualTo(SKILL);
        decide(instance, "no-go", "The client withdrew.");
        runJobs(instance);
        assertThat(instance).isEnded();
    }

    @Test
    void aBrokenRequestIsRefusedAndLeavesNothing() {
        Map<String, Object> variables = request("low", List.of(SKILL), null);
        variables.put(TERM_END.name(), "2026-05-01");
        assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(KEY, variables))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(TERM_END.name());
        variables.put(TERM_END.name(), "2028-06-30");
        variables.put(PRICE_MODEL.name(), "cost-plus");
        assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(KEY, variables))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(PRICE_MODEL.name());
        variables.put(PRICE_MODEL.name(), "fixed-price");
        variables.put(CaseVariables.CLIENT_REFERENCE.name(), "NO-SUCH-CLIENT");
        assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(KEY, variables))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("clientReference");
    }

    // ------------------------------------------------------------------ the service's life

    @Test
    void staffingAndPlanningSetUpThenOneRecurringRound() {
        ProcessInstance instance = openService();
        String service = serviceReference(instance);
        completeAs(
                instance,
                TASK_TEAM_ORGANISATION,
                "service-manager",
                Map.ofEntries(
                        Map.entry(TEAM_ORGANISATION.name(), "One squad, SM and DM on top"),
                        Map.entry(teamMember(1).name(), MEMBER),
                        Map.entry(teamMember(1, "Role").name(), "COBOL engineer"),
                        Map.entry(teamMember(1, "Share").name(), 60L),
                        Map.entry(teamMember(1, "Skills").name(), SKILL + ", jcl"),
                        Map.entry(teamMember(1, "Profile").name(), "Mainframe veteran"),
                        Map.entry(teamMember(3).name(), NEWCOMER),
                        Map.entry(teamMember(3, "Role").name(), "engineer"),
                        Map.entry(teamMember(3, "Share").name(), 20L)));
        assertThat(teamMembers.findByServiceReferenceOrderByUserIdAsc(service))
                .extracting(TeamMember::getUserId)
                .containsExactly(MEMBER, NEWCOMER);
        assertThat(register.profile(MEMBER).orElseThrow().getSkills()).contains("jcl");
        assertThat(task(instance, TASK_STAFFING_ROADMAP)).hasCandidateGroup("hr");
        completeAs(
                instance,
                TASK_STAFFING_ROADMAP,
                "hr",
                Map.of(
                        STAFFING_ROADMAP.name(),
                        "Two more engineers by Q3",
                        RECRUITMENT_PLAN.name(),
                        "Post two openings"));
        assertThat(task(instance, TASK_KNOWLEDGE_PLAN)).hasCandidateGroup("hrdc");
        completeAs(
                instance,
                TASK_KNOWLEDGE_PLAN,
                "hrdc",
                Map.of(SKILL_GAP_REPORT.name(), "No CICS", KNOWLEDGE_PLAN.name(), "CICS course in July"));
        completeAs(
                instance,
                TASK_GOVERNANCE_MODEL,
                "delivery-manager",
                Map.of(GOVERNANCE_MODEL.name(), "Monthly steering with the client"));
        assertThat(instance).isWaitingAt(TIMER_STAFFING_FOLLOW_UP, TIMER_GOVERNANCE_ACTIONS);
        assertThat(kinds(service))
                .contains(
                        WorkKind.TEAM_ORGANISATION,
                        WorkKind.STAFFING_ROADMAP,
                        WorkKind.RECRUITMENT_PLAN,
                        WorkKind.SKILL_GAP_REPORT,
                        WorkKind.KNOWLEDGE_PLAN,
                        WorkKind.GOVERNANCE_MODEL);
        // the member's trainings: one runs out before the next follow-up, one ran out already
        trainingRecords.save(training(MEMBER, "COBOL refresher", TrainingKind.SKILL, "2026-05-01", null));
        trainingRecords.save(
                training(MEMBER, "Security awareness", TrainingKind.INFOSEC_AWARENESS, "2025-07-20", "2026-07-20"));
        trainingRecords.save(training(MEMBER, "JCL basics", TrainingKind.CERTIFICATION, "2024-01-10", "2026-06-20"));

        // one month later both recurring steps are due
        moveClock(31);
        assertThat(instance).isWaitingAt(TASK_FOLLOW_UP_STAFFING, TASK_GOVERNANCE_ACTIONS);
        // the staffing follow-up shows the team's training records: expiring, expired and missing ones
        String trainingStatus = (String) taskService.getVariableLocal(
                task(instance, TASK_FOLLOW_UP_STAFFING).getId(), TRAINING_STATUS.name());
        assertThat(trainingStatus)
                .contains(MEMBER + ": 1 valid")
                .contains("expiring before 2026-08-02: Security awareness until 2026-07-20")
                .contains("expired: JCL basics since 2026-06-20")
                .contains(NEWCOMER + ": no training records (missing)");
        completeAs(instance, TASK_FOLLOW_UP_STAFFING, "hr", Map.of(STAFFING_FOLLOW_UP.name(), "All available"));
        // the governance round writes its actions to the action register, owner and due date defaulted
        completeAs(
                instance,
                TASK_GOVERNANCE_ACTIONS,
                "service-manager",
                Map.of(
                        GOVERNANCE_ACTIONS.name(),
                        "Client asked for weekly reports: agreed",
                        ACTION_SLOTS.description(1),
                        "Weekly report to the client",
                        ACTION_SLOTS.description(2),
                        "Audit the access list",
                        ACTION_SLOTS.owner(2),
                        "delivery-manager",
                        ACTION_SLOTS.targetDate(2),
                        "2026-07-10"));
        List<ServiceAction> governance = actions(service, ActionPlan.GOVERNANCE);
        assertThat(governance)
                .extracting(ServiceAction::getOwner, a -> a.getDueOn().toString(), ServiceAction::getStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("delivery-manager", "2026-07-10", ActionStatus.OPEN),
                        org.assertj.core.groups.Tuple.tuple("service-manager", "2026-08-02", ActionStatus.OPEN));
        // and wait for the next round
        assertThat(instance).isWaitingAt(TIMER_STAFFING_FOLLOW_UP, TIMER_GOVERNANCE_ACTIONS);
        assertThat(kinds(service)).contains(WorkKind.STAFFING_FOLLOW_UP, WorkKind.GOVERNANCE_ACTIONS);

        // next round: the open actions are shown and must be followed up before the round is done
        moveClock(32);
        Task round = task(instance, TASK_GOVERNANCE_ACTIONS);
        assertThat((String) taskService.getVariableLocal(round.getId(), OPEN_ACTIONS.name()))
                .contains("Weekly report to the client")
                .contains("Audit the access list");
        assertThatThrownBy(() -> completeAs(
                        instance,
                        TASK_GOVERNANCE_ACTIONS,
                        "service-manager",
                        Map.of(GOVERNANCE_ACTIONS.name(), "Quiet month")))
                .hasRootCauseInstanceOf(InvalidInputException.class)
                .hasMessageContaining(GOVERNANCE_FOLLOW_UP.name());
        completeAs(
                instance,
                TASK_GOVERNANCE_ACTIONS,
                "service-manager",
                Map.of(
                        GOVERNANCE_ACTIONS.name(),
                        "Quiet month",
                        GOVERNANCE_FOLLOW_UP.name(),
                        "Reports go out on Fridays; access list audited",
                        GOVERNANCE_ACTIONS_DONE.name(),
                        true));
        assertThat(actions(service, ActionPlan.GOVERNANCE)).allSatisfy(action -> {
            assertThat(action.getStatus()).isEqualTo(ActionStatus.DONE);
            assertThat(action.getFollowUp()).contains("Reports go out on Fridays");
        });
        // the training summary is not kept in the engine's history
        assertThat(historyService
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(instance.getId())
                        .variableName(TRAINING_STATUS.name())
                        .includeDeleted()
                        .count())
                .isZero();
        endByRequest(instance, "Test over.");
    }

    @Test
    void qualityAndPerformanceSetUpThenAssessmentsWithActionPlansUntilDone() {
        ProcessInstance instance = openService();
        String service = serviceReference(instance);
        addTeam(instance);
        assertThat(task(instance, TASK_WORKING_METHODOLOGY)).hasCandidateGroup("competence-manager");
        completeAs(
                instance,
                TASK_WORKING_METHODOLOGY,
                "competence-manager",
                Map.of(WORKING_METHODOLOGY.name(), "Kanban, GitLab, weekly demo"));
        completeAs(
                instance,
                TASK_QUALITY_CRITERIA,
                "delivery-manager",
                Map.of(QUALITY_CRITERIA.name(), "Defect escape rate under 2 %"));
        assertThat(instance).isWaitingAt(TIMER_TEAM_ASSESSMENT, TIMER_INDIVIDUAL_ASSESSMENT);

        moveClock(92); // a quarter: the team assessment is due, the individual one not yet
        assertThat(instance).isWaitingAt(TASK_TEAM_ASSESSMENT, TIMER_INDIVIDUAL_ASSESSMENT);
        completeAs(
                instance,
                TASK_TEAM_ASSESSMENT,
                "delivery-manager",
                Map.of(
                        ASSESSMENT.name(),
                        "On target",
                        LESSONS_LEARNED.name(),
                        "Demo earlier",
                        ACTION_SLOTS.description(1),
                        "Move demo",
                        ACTION_SLOTS.description(2),
                        "Write the runbook",
                        ACTION_SLOTS.owner(2),
                        MEMBER,
                        ACTION_SLOTS.targetDate(2),
                        "2026-10-15"));
        // the plan is in the action register, one open action a line
        List<ServiceAction> team = actions(service, ActionPlan.TEAM);
        assertThat(team)
                .extracting(ServiceAction::getDescription, ServiceAction::getOwner, ServiceAction::getStatus)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Move demo", "delivery-manager", ActionStatus.OPEN),
                        org.assertj.core.groups.Tuple.tuple("Write the runbook", MEMBER, ActionStatus.OPEN));
        assertThat((String) taskService.getVariableLocal(
                        task(instance, TASK_FOLLOW_UP_TEAM_ACTIONS).getId(), OPEN_ACTIONS.name()))
                .contains("Move demo")
                .contains("Write the runbook");
        completeAs(
                instance,
                TASK_FOLLOW_UP_TEAM_ACTIONS,
                "delivery-manager",
                Map.of(ACTION_REPORT.name(), "Demo moved to Tuesday", TEAM_ACTIONS_DONE.name(), false));
        assertThat(instance).isWaitingAt(TASK_FOLLOW_UP_TEAM_ACTIONS);
        // the owner reports one action done through the API; the loop goes on while the other is open
        as(MEMBER);
        actionRegister.followUp(
                team.stream()
                        .filter(a -> a.getOwner().equals(MEMBER))
                        .findFirst()
                        .orElseThrow()
                        .getReference(),
                new ServiceBodies.ActionFollowUp("Runbook in the wiki", true));
        SecurityContextHolder.clearContext();
        completeAs(
                instance,
                TASK_FOLLOW_UP_TEAM_ACTIONS,
                "delivery-manager",
                Map.of(ACTION_REPORT.name(), "Waiting for the client", TEAM_ACTIONS_DONE.name(), false));
        assertThat(instance).isWaitingAt(TASK_FOLLOW_UP_TEAM_ACTIONS);
        assertThat((String) taskService.getVariableLocal(
                        task(instance, TASK_FOLLOW_UP_TEAM_ACTIONS).getId(), OPEN_ACTIONS.name()))
                .contains("Move demo")
                .doesNotContain("Write the runbook");
        // the last open one closed through the API too: the next follow-up ends the loop, whatever it ticks
        as("delivery-manager");
        actionRegister.followUp(
                team.stream()
                        .filter(a -> a.getDescription().equals("Move demo"))
                        .findFirst()
                        .orElseThrow()
                        .getReference(),
                new ServiceBodies.ActionFollowUp("Client confirmed", true));
        SecurityContextHolder.clearContext();
        completeAs(
                instance,
                TASK_FOLLOW_UP_TEAM_ACTIONS,
                "delivery-manager",
                Map.of(ACTION_REPORT.name(), "All closed", TEAM_ACTIONS_DONE.name(), false));
        assertThat(instance).isWaitingAt(TIMER_TEAM_ASSESSMENT);
        assertThat(actions(service, ActionPlan.TEAM)).allMatch(a -> a.getStatus() == ActionStatus.DONE);

        moveClock(92); // six months: the individual assessment
        assertThat(task(instance, TASK_INDIVIDUAL_ASSESSMENT)).hasCandidateGroup("competence-manager");
        // only a member of the team can be assessed
        // (the engine wraps a task listener's refusal; its REST API answers 400 naming the field)
        assertThatThrownBy(
                        () -> completeAs(instance, TASK_INDIVIDUAL_ASSESSMENT, "competence-manager", individual("csm")))
                .hasRootCauseInstanceOf(InvalidInputException.class)
                .hasMessageContaining(ASSESSED_MEMBER.name());
        // submitted as Tasklist does (submit-form writes a form-field history detail per field)
        submitAs(instance, TASK_INDIVIDUAL_ASSESSMENT, "competence-manager", individual(MEMBER));
        // personal data is in the registers, not left in the process variables
        assertThat(runtimeService.getVariable(instance.getId(), INDIVIDUAL_ASSESSMENT.name()))
                .isNull();
        assertThat(actions(service, ActionPlan.INDIVIDUAL)).singleElement().satisfies(action -> {
            assertThat(action.getSubjectUserId()).isEqualTo(MEMBER);
            assertThat(action.getDescription()).isEqualTo("Review course");
            assertThat(action.getOwner()).isEqualTo("competence-manager");
        });
        // nor in the engine's history, which every manager with READ_HISTORY may read (Cockpit, REST)
        assertNoHistoryOf(instance, "Strong on batch", "Pair on reviews", "Review course");
        // the follow-up task names the open action, not what it is about
        assertThat((String) taskService.getVariableLocal(
                        task(instance, TASK_FOLLOW_UP_INDIVIDUAL_ACTIONS).getId(), OPEN_ACTIONS.name()))
                .contains("ACT-")
                .doesNotContain("Review course");
        completeAs(
                instance,
                TASK_FOLLOW_UP_INDIVIDUAL_ACTIONS,
                "competence-manager",
                Map.of(INDIVIDUAL_ACTION_REPORT.name(), "Course booked", INDIVIDUAL_ACTIONS_DONE.name(), false));
        completeAs(
                instance,
                TASK_FOLLOW_UP_INDIVIDUAL_ACTIONS,
                "competence-manager",
                Map.of(INDIVIDUAL_ACTION_REPORT.name(), "Course done", INDIVIDUAL_ACTIONS_DONE.name(), true));
        assertThat(instance).isWaitingAt(TIMER_INDIVIDUAL_ASSESSMENT);
        assertThat(actions(service, ActionPlan.INDIVIDUAL)).singleElement().satisfies(action -> {
            assertThat(action.getStatus()).isEqualTo(ActionStatus.DONE);
            assertThat(action.getFollowUp()).contains("Course booked").contains("Course done");
        });
        assertNoHistoryOf(instance, "Course booked", "Course done");
        List<WorkRecord> personal = workRecords.findAll().stream()
                .filter(record -> record.getServiceReference().equals(service))
                .filter(record -> record.getKind().isPersonal())
                .toList();
        assertThat(personal).hasSize(3).allMatch(record -> MEMBER.equals(record.getSubjectUserId()));
        assertThat(kinds(service)).contains(WorkKind.TEAM_ASSESSMENT, WorkKind.TEAM_ACTION_REPORT);
        endByRequest(instance, "Test over.");
    }

    @Test
    void peopleArePickedFromTheStaffAndARefusalNamesTheSlot() {
        ProcessInstance instance = openService();
        String service = serviceReference(instance);
        // a member nobody can pick, a member without a role, the same person twice: each refused at its slot
        assertThatThrownBy(() -> completeAs(
                        instance,
                        TASK_TEAM_ORGANISATION,
                        "service-manager",
                        Map.of(
                                TEAM_ORGANISATION.name(), "Squad",
                                teamMember(1).name(), "nobody-at-all",
                                teamMember(1, "Role").name(), "engineer",
                                teamMember(1, "Share").name(), 50L)))
                .hasRootCauseInstanceOf(InvalidInputException.class)
                .hasMessageContaining("teamMember1: 'nobody-at-all' is not a staff member");
        assertThatThrownBy(() -> completeAs(
                        instance,
                        TASK_TEAM_ORGANISATION,
                        "service-manager",
                        Map.of(TEAM_ORGANISATION.name(), "Squad", teamMember(2).name(), MEMBER)))
                .hasRootCauseInstanceOf(InvalidInputException.class)
                .hasMessageContaining("teamMember2Role: is required");
        assertThatThrownBy(() -> completeAs(
                        instance,
                        TASK_TEAM_ORGANISATION,
                        "service-manager",
                        Map.of(
                                TEAM_ORGANISATION.name(),
                                "Squad",
                                teamMember(1).name(),
                                MEMBER,
                                teamMember(1, "Role").name(),
                                "engineer",
                                teamMember(1, "Share").name(),
                                50L,
                                teamMember(2).name(),
                                MEMBER,
                                teamMember(2, "Role").name(),
                                "lead",
                                teamMember(2, "Share").name(),
                                10L)))
                .hasRootCauseInstanceOf(InvalidInputException.class)
                .hasMessageContaining("teamMember2: '" + MEMBER + "' is picked twice");
        assertThat(teamMembers.findByServiceReferenceOrderByUserIdAsc(service)).isEmpty();
        addTeam(instance);
        assertThat(teamMembers.findByServiceReferenceOrderByUserIdAsc(service))
                .extracting(TeamMember::getUserId)
                .containsExactly(MEMBER);
        // an action owner outside the staff is refused at its slot and nothing of the plan is written
        completeAs(
                instance, TASK_WORKING_METHODOLOGY, "competence-manager", Map.of(WORKING_METHODOLOGY.name(), "Kanban"));
        completeAs(instance, TASK_QUALITY_CRITERIA, "delivery-manager", Map.of(QUALITY_CRITERIA.name(), "No escapes"));
        moveClock(92);
        assertThatThrownBy(() -> completeAs(
                        instance,
                        TASK_TEAM_ASSESSMENT,
                        "delivery-manager",
                        Map.of(
                                ASSESSMENT.name(), "On target",
                                ACTION_SLOTS.description(1), "Move demo",
                                ACTION_SLOTS.description(2), "Write the runbook",
                                ACTION_SLOTS.owner(2), "nobody-at-all")))
                .hasRootCauseInstanceOf(InvalidInputException.class)
                .hasMessageContaining("action2Owner: 'nobody-at-all' is not a staff member");
        assertThat(actions(service, ActionPlan.TEAM)).isEmpty();
        completeAs(
                instance,
                TASK_TEAM_ASSESSMENT,
                "delivery-manager",
                Map.of(ASSESSMENT.name(), "On target", ACTION_SLOTS.description(1), "Move demo"));
        // the slots are emptied: the next round's form starts empty
        assertThat(runtimeService.getVariable(instance.getId(), ACTION_SLOTS.description(1)))
                .isNull();
        assertThat(actions(service, ActionPlan.TEAM)).singleElement().satisfies(action -> {
            assertThat(action.getOwner()).isEqualTo("delivery-manager");
        });
        endByRequest(instance, "Test over.");
    }

    @Test
    void resourcesSetUpRequestAllocateReleaseAddAndRetireThenTermEndReleasesTheRest() throws Exception {
        ProcessInstance instance = openService();
        String service = serviceReference(instance);
        addTeam(instance);
        completeAs(
                instance,
                TASK_UTILISATION_RULES,
                "service-manager",
                Map.of(UTILISATION_RULES.name(), "Laptops stay encrypted"));
        assertThat(task(instance, TASK_CREATE_INVENTORY)).hasCandidateGroup("it");
        completeAs(
                instance,
                TASK_CREATE_INVENTORY,
                "it",
                Map.of(INVENTORY.name(), "laptop; " + service + "-LT-1; it\nlicence; " + service + "-IDE-1"));
        // the inventory is reviewed on its own cycle (P3M by default)
        moveClock(92);
        completeAs(instance, TASK_REVIEW_INVENTORY, "it", Map.of(INVENTORY_REVIEW.name(), "All present"));
        assertThat(instance).isWaitingAt(TIMER_INVENTORY_REVIEW);
        List<ServiceResource> inventory = resources.findAll().stream()
                .filter(resource -> service.equals(resource.getServiceReference()))
                .toList();
        assertThat(inventory).hasSize(2).allMatch(resource -> resource.getStatus() == ResourceStatus.AVAILABLE);
        String laptop = inventory.stream()
                .filter(resource -> resource.getResourceType().equals("laptop"))
                .findFirst()
                .orElseThrow()
                .getReference();
        String licence = inventory.stream()
                .filter(resource -> resource.getResourceType().equals("licence"))
                .findFirst()
                .orElseThrow()
                .getReference();

        // a team member asks, the DM approves, IT allocates, the member is told, IT releases on request
        as(MEMBER);
        api.requestResource(service, new ServiceBodies.ResourceRequest("laptop", "Mainframe emulator"));
        assertThat(task(instance, TASK_APPROVE_RESOURCE_REQUEST)).hasCandidateGroup("it");
        completeAs(instance, TASK_APPROVE_RESOURCE_REQUEST, "delivery-manager", Map.of(RESOURCE_APPROVED.name(), true));
        completeAs(instance, TASK_ALLOCATE_RESOURCE, "it", Map.of(RESOURCE_REFERENCE.name(), laptop));
        runJobs(instance);
        assertThat(resources.findByReference(laptop).orElseThrow().getStatus()).isEqualTo(ResourceStatus.ALLOCATED);
        assertThat(register.openAllocations(service))
                .singleElement()
                .satisfies(
                        allocation -> assertThat(allocation.getMemberUserId()).isEqualTo(MEMBER));
        assertThat(instance).hasPassed(TASK_TELL_ALLOCATION).isWaitingAt(TASK_RELEASE_RESOURCE);
        completeAs(instance, TASK_RELEASE_RESOURCE, "it", Map.of(RELEASE_NOTES.name(), "Returned in good order"));
        runJobs(instance);
        assertThat(instance).hasPassed(TASK_TELL_RELEASE);
        assertThat(register.openAllocations(service)).isEmpty();
        assertThat(resources.findByReference(laptop).orElseThrow().getStatus()).isEqualTo(ResourceStatus.AVAILABLE);

        // a second request is rejected, and the member is told
        api.requestResource(service, new ServiceBodies.ResourceRequest("phone", "On call"));
        completeAs(
                instance,
                TASK_APPROVE_RESOURCE_REQUEST,
                "delivery-manager",
                Map.of(RESOURCE_APPROVED.name(), false, APPROVAL_COMMENT.name(), "Use the team phone"));
        runJobs(instance);
        assertThat(instance).hasPassed(TASK_TELL_RESOURCE_REJECTION);

        // the client (through the CSM) asks to add a resource: the SM approves, IT adds it
        as("csm");
        api.requestAddition(service, new ServiceBodies.ResourceAddition("test-system", "Second test LPAR"));
        assertThat(task(instance, TASK_APPROVE_RESOURCE_ADDITION)).hasCandidateGroup("service-manager");
        completeAs(instance, TASK_APPROVE_RESOURCE_ADDITION, "service-manager", Map.of(ADDITION_APPROVED.name(), true));
        completeAs(
                instance,
                TASK_UPDATE_INVENTORY,
                "it",
                Map.of(
                        RESOURCE_TYPE.name(),
                        "test-system",
                        RESOURCE_IDENTIFIER.name(),
                        service + "-LPAR-2",
                        RESOURCE_OWNER.name(),
                        "it"));
        assertThat(resources.findAll().stream().filter(r -> (service + "-LPAR-2").equals(r.getIdentifier())))
                .singleElement()
                .satisfies(r -> assertThat(r.getStatus()).isEqualTo(ResourceStatus.AVAILABLE));
        api.requestAddition(service, new ServiceBodies.ResourceAddition("printer", "Nice to have"));
        completeAs(
                instance, TASK_APPROVE_RESOURCE_ADDITION, "delivery-manager", Map.of(ADDITION_APPROVED.name(), false));
        assertThat(instance).hasPassed(END_RESOURCE_ADDITION_REJECTED);

        // a resource leaves the inventory
        api.requestRetirement(service, new ServiceBodies.ResourceRetirement(licence, "Licence not renewed"));
        completeAs(instance, TASK_RETIRE_RESOURCE, "it", Map.of());
        assertThat(resources.findByReference(licence).orElseThrow().getStatus()).isEqualTo(ResourceStatus.RETIRED);

        // an allocation still open when the term ends
        as(MEMBER);
        api.requestResource(service, new ServiceBodies.ResourceRequest("laptop", "Again"));
        completeAs(instance, TASK_APPROVE_RESOURCE_REQUEST, "delivery-manager", Map.of(RESOURCE_APPROVED.name(), true));
        completeAs(instance, TASK_ALLOCATE_RESOURCE, "it", Map.of(RESOURCE_REFERENCE.name(), laptop));
        runJobs(instance);
        assertThat(register.openAllocations(service)).hasSize(1);

        // the contract term ends (30 June 2028): the timer ends the whole life of the service
        ClockUtil.setCurrentTime(
                Date.from(ZonedDateTime.of(2028, 7, 1, 0, 1, 0, 0, BERLIN).toInstant()));
        Job termEnd = managementService
                .createJobQuery()
                .processInstanceId(instance.getId())
                .activityId(BOUNDARY_TERM_ENDED)
                .singleResult();
        managementService.executeJob(termEnd.getId());
        assertThat(instance).hasPassed(BOUNDARY_TERM_ENDED).isWaitingAt(TASK_CONSOLIDATE_END);
        assertOnlyConsolidationLeft(instance);
        // consolidated on Monday morning: the client's mail goes out in its business hours
        ClockUtil.setCurrentTime(
                Date.from(ZonedDateTime.of(2028, 7, 3, 10, 0, 0, 0, BERLIN).toInstant()));
        completeAs(
                instance,
                TASK_CONSOLIDATE_END,
                "dc-head",
                Map.of(CONSOLIDATION.name(), "Handed over to the client's team"));
        runJobs(instance);
        assertThat(instance)
                .hasPassed(TASK_CLOSE_SERVICE, TASK_TELL_TERMINATION, END_SERVICE_ENDED)
                .isEnded();
        assertThat(register.openAllocations(service)).isEmpty();
        assertThat(resources.findByReference(laptop).orElseThrow().getStatus()).isEqualTo(ResourceStatus.AVAILABLE);
        ManagedService ended = services.findByReference(service).orElseThrow();
        assertThat(ended.getStatus()).isEqualTo(ServiceStatus.ENDED);
        assertThat(ended.getEndReason()).contains("contract term ended on 2028-06-30");
        assertThat(teamMembers.findByServiceReferenceOrderByUserIdAsc(service)).noneMatch(TeamMember::isActive);
        String key = businessKey(instance);
        deliverNotifications(key);
        assertThat(body(mailTo("go@client.example", service + " \"Mainframe operations\" ist beendet")))
                .contains("2028-06-30");
    }

    @Test
    void endOfServiceByRequestEndsEverySubProcess() throws Exception {
        ProcessInstance instance = openService();
        String service = serviceReference(instance);
        assertThat(runtimeService.getActivityInstance(instance.getId()).getActivityInstances(SUB_PROCESS_STAFFING))
                .hasSize(1);
        as("dc-head");
        api.end(service, new ServiceBodies.EndRequest("The client moves the service in-house."));
        assertThat(instance).hasPassed(BOUNDARY_END_REQUESTED).isWaitingAt(TASK_CONSOLIDATE_END);
        assertOnlyConsolidationLeft(instance);
        // nothing left to end a second time
        assertThatThrownBy(() -> api.end(service, new ServiceBodies.EndRequest("again")))
                .isInstanceOf(com.csmflow.api.ConflictException.class);
        completeAs(
                instance,
                TASK_CONSOLIDATE_END,
                "service-manager",
                Map.of(CONSOLIDATION.name(), "Knowledge transfer done"));
        runJobs(instance);
        assertThat(instance).isEnded();
        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .processInstanceId(instance.getId())
                        .count())
                .isZero();
        assertThat(services.findByReference(service).orElseThrow().getEndReason())
                .contains("in-house")
                .contains("Knowledge transfer done");
        deliverNotifications(businessKey(instance));
        assertThat(body(mailTo("go@client.example", service + " \"Mainframe operations\" ist beendet")))
                .contains("in-house");
        assertThatThrownBy(() -> api.end(service, new ServiceBodies.EndRequest("again")))
                .isInstanceOf(com.csmflow.api.ConflictException.class);
    }

    // ------------------------------------------------------------------ issue 18: onboarding and cadence

    @Test
    void goOnANewClientStartsItsOnboardingOnceAndItsLastServiceEndingEndsItsCadence() {
        String client = newClient();
        Map<String, Object> firstRequest = request("low", List.of(SKILL), "new@client.example");
        firstRequest.put(CaseVariables.CLIENT_REFERENCE.name(), client);
        ProcessInstance first = start(firstRequest);
        decide(first, "go", null);
        assertThat(first).hasPassed(TASK_START_ONBOARDING).isWaitingAt(TASK_APPOINT_SERVICE);
        List<ProcessInstance> onboardings = onboardingsOf(client);
        assertThat(onboardings).hasSize(1);
        assertThat(onboardings.get(0).getBusinessKey()).matches("ONB-2026-\\d{4,}");
        assertThat(taskService
                        .createTaskQuery()
                        .processInstanceId(onboardings.get(0).getId())
                        .taskDefinitionKey("Task_KickOff")
                        .count())
                .isEqualTo(1);

        // a second service for the client: go starts no second onboarding
        Map<String, Object> secondRequest = request("low", List.of(SKILL), "new@client.example");
        secondRequest.put(CaseVariables.CLIENT_REFERENCE.name(), client);
        ProcessInstance second = start(secondRequest);
        decide(second, "go", null);
        assertThat(second).hasPassed(TASK_START_ONBOARDING);
        assertThat(onboardingsOf(client)).hasSize(1);
        complete(first, TASK_APPOINT_SERVICE, sow("fixed-price"));
        complete(second, TASK_APPOINT_SERVICE, sow("fixed-price"));

        // the client's cadence runs (as it does once its onboarding closes)
        String cadence = cadences.startFor(client, false, "TEST");
        endByRequest(first, "One of two services ends.");
        assertThat(first).hasPassed(TASK_CLOSE_SERVICE, TASK_END_CADENCE);
        assertThat(historyService
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(first.getId())
                        .variableName(LAST_SERVICE_OF_CLIENT.name())
                        .singleResult()
                        .getValue())
                .isEqualTo(false);
        assertThat(cadences.active(client)).isPresent();

        // the client's last service ends: so does its cadence
        endByRequest(second, "The client leaves.");
        assertThat(cadences.active(client)).isEmpty();
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processDefinitionKey("client-cadence")
                        .processInstanceBusinessKey(cadence)
                        .singleResult()
                        .getEndTime())
                .isNotNull();
    }

    private List<ProcessInstance> onboardingsOf(String client) {
        return runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey("client-onboarding")
                .variableValueEquals(CaseVariables.CLIENT_REFERENCE.name(), client)
                .list();
    }

    private String newClient() {
        Map<String, Object> body = new HashMap<>();
        String reference =
                "SRQT-" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        body.put("reference", reference);
        body.put("name", "Service request test client " + reference);
        body.put("tier", "STANDARD");
        body.put("language", "en");
        body.put("timeZone", "Europe/Berlin");
        body.put("businessDayStart", "09:00");
        body.put("businessDayEnd", "17:00");
        body.put("businessDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"));
        body.put("holidayRegion", "DE-BY");
        body.put("designatedCsm", "csm");
        body.put("cseTeam", List.of("cse"));
        ResponseEntity<String> created =
                rest.withBasicAuth("csm", "csm").postForEntity("/api/clients", body, String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        return reference;
    }

    // ------------------------------------------------------------------ helpers

    private void assertOnlyConsolidationLeft(ProcessInstance instance) {
        var tree = runtimeService.getActivityInstance(instance.getId());
        for (String gone :
                List.of(SUB_PROCESS_SERVICE_LIFE, SUB_PROCESS_STAFFING, SUB_PROCESS_QUALITY, SUB_PROCESS_RESOURCES)) {
            assertThat(tree.getActivityInstances(gone)).as(gone).isEmpty();
        }
        assertThat(taskService
                        .createTaskQuery()
                        .processInstanceId(instance.getId())
                        .list())
                .extracting(Task::getTaskDefinitionKey)
                .containsExactly(TASK_CONSOLIDATE_END);
        assertThat(managementService
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .timers()
                        .count())
                .isZero();
    }

    private ProcessInstance openService() {
        ProcessInstance instance = start(request("low", List.of(SKILL), "go@client.example"));
        decide(instance, "go", null);
        complete(instance, TASK_APPOINT_SERVICE, sow("fixed-price"));
        runJobs(instance);
        assertThat(instance).isWaitingAt(TASK_TEAM_ORGANISATION, TASK_WORKING_METHODOLOGY, TASK_UTILISATION_RULES);
        return instance;
    }

    private void addTeam(ProcessInstance instance) {
        completeAs(
                instance,
                TASK_TEAM_ORGANISATION,
                "service-manager",
                Map.of(
                        TEAM_ORGANISATION.name(),
                        "Small team",
                        teamMember(1).name(),
                        MEMBER,
                        teamMember(1, "Role").name(),
                        "engineer",
                        teamMember(1, "Share").name(),
                        40L));
    }

    private static Map<String, Object> individual(String member) {
        return Map.of(
                ASSESSED_MEMBER.name(), member,
                INDIVIDUAL_ASSESSMENT.name(), "Strong on batch, slow on reviews",
                INDIVIDUAL_LESSONS_LEARNED.name(), "Pair on reviews",
                INDIVIDUAL_ACTION_SLOTS.description(1), "Review course");
    }

    private Map<String, Object> request(String risk, List<String> skills, String email) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(CaseVariables.CLIENT_REFERENCE.name(), "ALPENWERK");
        variables.put(SERVICE_NAME.name(), "Mainframe operations");
        variables.put(CRITERIA.name(), "24x7 batch monitoring, German-speaking team");
        variables.put(REQUIRED_SKILLS.name(), String.join(", ", skills));
        variables.put(EXPECTED_START.name(), "2026-07-01");
        variables.put(TERM_END.name(), "2028-06-30");
        variables.put(PRICE_MODEL.name(), "fixed-price");
        variables.put(RISK.name(), risk);
        variables.put(DOCUMENTS.name(), "RFP-2026-17.pdf");
        variables.put(REQUESTER_EMAIL.name(), email);
        return variables;
    }

    private static Map<String, Object> sow(String priceModel) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(SERVICE_MANAGER.name(), "service-manager");
        variables.put(DELIVERY_MANAGER.name(), "delivery-manager");
        variables.put(PRICE_MODEL.name(), priceModel);
        variables.put(SCOPE.name(), "Operate the batch; 2nd level support");
        if ("fixed-price".equals(priceModel)) {
            variables.put(MILESTONES.name(), "M1: design 2026-08; M2: go-live 2026-10");
        }
        return variables;
    }

    private void decide(ProcessInstance instance, String decision, String reason) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(DECISION.name(), decision);
        variables.put(DECISION_REASON.name(), reason);
        completeAs(instance, TASK_DECIDE, "dc-head", variables);
    }

    private void endByRequest(ProcessInstance instance, String reason) {
        runJobs(instance); // the acceptance mail's job, before the service's life begins
        as("dc-head");
        api.end(serviceReference(instance), new ServiceBodies.EndRequest(reason));
        completeAs(instance, TASK_CONSOLIDATE_END, "delivery-manager", Map.of(CONSOLIDATION.name(), "Closed"));
        runJobs(instance);
        assertThat(instance).isEnded();
    }

    private ProcessInstance start(Map<String, Object> variables) {
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(KEY, variables);
        instances.add(instance.getId());
        return instance;
    }

    private String businessKey(ProcessInstance instance) {
        return historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceId(instance.getId())
                .singleResult()
                .getBusinessKey();
    }

    private String serviceReference(ProcessInstance instance) {
        return (String) historyService
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .variableName(SERVICE_REFERENCE.name())
                .singleResult()
                .getValue();
    }

    private List<WorkKind> kinds(String service) {
        return workRecords.findAll().stream()
                .filter(record -> record.getServiceReference().equals(service))
                .map(WorkRecord::getKind)
                .toList();
    }

    private Task task(ProcessInstance instance, String definitionKey) {
        return taskService
                .createTaskQuery()
                .processInstanceId(instance.getId())
                .taskDefinitionKey(definitionKey)
                .singleResult();
    }

    private void complete(ProcessInstance instance, String definitionKey, Map<String, Object> variables) {
        Task task = task(instance, definitionKey);
        assertThat(task).as("task %s", definitionKey).isNotNull();
        taskService.complete(task.getId(), variables);
    }

    /** Claims as the user (the engine records who did it) and completes. */
    private void completeAs(
            ProcessInstance instance, String definitionKey, String user, Map<String, Object> variables) {
        Task task = task(instance, definitionKey);
        assertThat(task).as("task %s", definitionKey).isNotNull();
        if (task.getAssignee() == null) {
            taskService.claim(task.getId(), user);
        }
        // the demo users' id is their group's id
        identityService.setAuthentication(user, List.of(user));
        try {
            taskService.complete(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** Claims as the user and submits the task's form, as Tasklist does. */
    private void submitAs(ProcessInstance instance, String definitionKey, String user, Map<String, Object> variables) {
        Task task = task(instance, definitionKey);
        assertThat(task).as("task %s", definitionKey).isNotNull();
        if (task.getAssignee() == null) {
            taskService.claim(task.getId(), user);
        }
        identityService.setAuthentication(user, List.of(user));
        try {
            formService.submitTaskForm(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** No historic variable or detail (variable update or form field) of the instance holds any of the texts. */
    private void assertNoHistoryOf(ProcessInstance instance, String... texts) {
        List<String> values = new ArrayList<>();
        historyService
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .includeDeleted()
                .disableCustomObjectDeserialization()
                .list()
                .forEach(variable -> values.add(variable.getName() + "=" + text(variable.getTypedValue())));
        historyService
                .createHistoricDetailQuery()
                .processInstanceId(instance.getId())
                .disableCustomObjectDeserialization()
                .list()
                .forEach(detail -> values.add(detail.toString()
                        + (detail instanceof org.camunda.bpm.engine.history.HistoricVariableUpdate update
                                ? "=" + text(update.getTypedValue())
                                : "")
                        + (detail instanceof org.camunda.bpm.engine.history.HistoricFormField field
                                ? "=" + field.getFieldValue()
                                : "")));
        for (String text : texts) {
            assertThat(values).as("history of %s", instance.getId()).noneMatch(value -> value.contains(text));
        }
    }

    private static String text(org.camunda.bpm.engine.variable.value.TypedValue value) {
        if (value instanceof org.camunda.bpm.engine.variable.value.ObjectValue object) {
            return object.getValueSerialized();
        }
        return value == null ? "null" : String.valueOf(value.getValue());
    }

    private List<ServiceAction> actions(String service, ActionPlan plan) {
        return serviceActions.findAll().stream()
                .filter(action -> action.getServiceReference().equals(service) && action.getPlan() == plan)
                .sorted(java.util.Comparator.comparing(ServiceAction::getDueOn))
                .toList();
    }

    private static TrainingRecord training(
            String user, String course, TrainingKind kind, String completed, String validUntil) {
        return new TrainingRecord(
                "TRN-TEST-" + Integer.toHexString((course + user).hashCode()),
                user,
                course,
                kind,
                java.time.LocalDate.parse(completed),
                validUntil == null ? null : java.time.LocalDate.parse(validUntil),
                null,
                null,
                "hr",
                MONDAY_MORNING);
    }

    private static void as(String user) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, "n/a", user));
    }

    /** Moves the engine clock by whole days and runs what became due. */
    private void moveClock(int days) {
        ClockUtil.setCurrentTime(
                Date.from(ClockUtil.getCurrentTime().toInstant().plus(days, ChronoUnit.DAYS)));
        for (String instance : instances) {
            runJobs(instance);
        }
    }

    private void runJobs(ProcessInstance instance) {
        runJobs(instance.getId());
    }

    /** Executes the due jobs of the instance (async steps, timers) until none is left. */
    private void runJobs(String instanceId) {
        for (int round = 0; round < 50; round++) {
            List<Job> jobs = managementService
                    .createJobQuery()
                    .processInstanceId(instanceId)
                    .executable()
                    .list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> managementService.executeJob(job.getId()));
        }
        throw new IllegalStateException("Jobs keep coming for " + instanceId);
    }

    private void deliverNotifications(String businessKey) {
        DeliveryJobs.run(managementService, businessKey); // a failed one hands over to an instance, run next
        for (ProcessInstance delivery : runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(businessKey)
                .processDefinitionKey(NotificationDeliveryProcess.KEY)
                .list()) {
            runJobs(delivery.getId());
        }
    }

    static MimeMessage mailTo(String address, String about) throws Exception {
        for (MimeMessage mail : TestServers.mail().getReceivedMessages()) {
            if (Arrays.stream(mail.getAllRecipients())
                            .anyMatch(r -> r.toString().contains(address))
                    && mail.getSubject().contains(about)) {
                return mail;
            }
        }
        throw new AssertionError("No mail to " + address + " about " + about);
    }

    /** The decoded plain text of the mail. */
    static String body(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            jakarta.mail.Multipart multipart = (jakarta.mail.Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = body(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private void createUser(String id, String... groups) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setFirstName("Test");
            user.setLastName(id);
            user.setEmail(id + "@test.csmflow.example");
            user.setPassword(id);
            ((IdentityServiceImpl) identityService).saveUser(user, true);
        }
        for (String group : groups) {
            if (identityService
                            .createUserQuery()
                            .userId(id)
                            .memberOfGroup(group)
                            .count()
                    == 0) {
                identityService.createMembership(id, group);
            }
        }
    }
}
