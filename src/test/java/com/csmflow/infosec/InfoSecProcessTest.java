package com.csmflow.infosec;

import static com.csmflow.infosec.InfoSecProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.csmflow.api.InvalidInputException;
import com.csmflow.engine.CaseVariables;
import com.csmflow.harness.CsmFlowTest;
import com.csmflow.servicerequest.ServiceRequestProcess;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The InfoSec loop of a service (infosec) and security events (security-event) on the engine with their
 * real delegates, decision table, registers and SLA clocks (embedded PostgreSQL), time moved with the
 * engine clock: two rounds of the loop with the plan updated after a security event and after a
 * monitoring finding, an event that arrives while the loop is busy, the end of the service ending the
 * loop, and a security event of each severity, the highest reaching the escalation workflow.
 */
// These workflows hand cases to escalation, problem-rca and service-request's models, which the coverage
// library would count against this class: it enforces the flow-node coverage of its OWN two models
// instead (see the @AfterAll check); the receivers' coverage is enforced by their own process tests.
@ExcludeFromProcessCoverage
@CsmFlowTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InfoSecProcessTest {

    static final double FLOW_NODE_COVERAGE_AT_LEAST = 0.95;
    /** Tuesday 1 December 2026, 10:00 in Munich. */
    static final Instant TUESDAY_MORNING = Instant.parse("2026-12-01T09:00:00Z");

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
    JdbcTemplate jdbc;

    @Autowired
    InfoSecPlanRepository plans;

    @Autowired
    SecurityEventRepository events;

    @Autowired
    SecurityEvents securityEvents;

    @Autowired
    SecurityRegisters securityRegisters;

    @Autowired
    SecurityControlRepository controls;

    private final Set<String> instances = new HashSet<>();
    private int services;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        ClockUtil.setCurrentTime(Date.from(TUESDAY_MORNING));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @AfterAll
    void checkOwnCoverage() {
        for (String key : List.of(InfoSecProcess.KEY, SecurityEventProcess.KEY)) {
            String definitionId = repositoryService
                    .createProcessDefinitionQuery()
                    .processDefinitionKey(key)
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
                    "%s flow-node coverage: %d of %d (%.1f %%), not passed: %s%n",
                    key, all.size() - missing.size(), all.size(), coverage * 100, missing);
            assertThat(coverage)
                    .as("flow-node coverage of %s, not passed: %s", key, missing)
                    .isGreaterThanOrEqualTo(FLOW_NODE_COVERAGE_AT_LEAST);
        }
    }

    // ------------------------------------------------------------------ the InfoSec loop

    @Test
    void twoRoundsOfTheLoopEveryVersionKeptThePlanUpdatedAfterAnEventAndAfterAMonitoringFinding() {
        String service = service("ALPENWERK");
        ProcessInstance loop = loop(service);
        assertThat(loop).hasPassed(TASK_OPEN).isWaitingAt(TASK_RECEIVE_CLIENT_CRITERIA);
        assertThat(groups(loop, TASK_RECEIVE_CLIENT_CRITERIA))
                .containsExactlyInAnyOrder("service-manager", "delivery-manager", "isec");
        assertThat(loop)
                .variables()
                .containsEntry(CaseVariables.CLIENT_REFERENCE.name(), "ALPENWERK")
                .containsEntry(SERVICE_MANAGER.name(), "service-manager");

        // signed criteria need the date they were signed on
        Map<String, Object> criteria = new HashMap<>(Map.of(
                CLIENT_CRITERIA.name(), "ISO 27001 controls; logs kept 12 months; MFA for every admin",
                CRITERIA_SOURCE.name(), "client",
                CRITERIA_SIGNED.name(), true));
        assertThatThrownBy(() -> complete(loop, TASK_RECEIVE_CLIENT_CRITERIA, "service-manager", criteria))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(CRITERIA_SIGNED_ON.name());
        criteria.put(CRITERIA_SIGNED_ON.name(), "2026-11-20");
        complete(loop, TASK_RECEIVE_CLIENT_CRITERIA, "service-manager", criteria);
        assertThat(loop).hasPassed(TASK_RECORD_CLIENT_CRITERIA).isWaitingAt(TASK_PICK_INTERNAL_CRITERIA);
        assertThat(groups(loop, TASK_PICK_INTERNAL_CRITERIA)).containsExactly("isec");
        assertThat(registerEntries("infosec-criteria", service)).isEqualTo(1);
        complete(
                loop,
                TASK_PICK_INTERNAL_CRITERIA,
                "isec",
                Map.of(INTERNAL_CRITERIA.name(), new ArrayList<>(List.of("access-control", "logging-monitoring"))));
        assertThat(groups(loop, TASK_ISSUE_PLAN)).containsExactlyInAnyOrder("isec", "service-manager");

        // the plan needs its mitigation actions
        Map<String, Object> plan = plan("MFA everywhere; SIEM on all hosts", "P2W");
        plan.remove(MITIGATION_ACTIONS.name());
        assertThatThrownBy(() -> complete(loop, TASK_ISSUE_PLAN, "isec", plan))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(MITIGATION_ACTIONS.name());
        complete(loop, TASK_ISSUE_PLAN, "isec", plan("MFA everywhere; SIEM on all hosts", "P2W"));
        InfoSecPlan v1 = version(service, 1);
        assertThat(v1.getStatus()).isEqualTo(PlanStatus.ISSUED);
        assertThat(v1.getBasis()).isEqualTo(PlanBasis.INITIAL);
        assertThat(v1.isCriteriaSigned()).isTrue();
        assertThat(v1.getCriteriaSignedOn()).hasToString("2026-11-20");
        assertThat(v1.getCriteriaSource()).isEqualTo("CLIENT");
        assertThat(v1.getInternalCriteria()).isEqualTo("access-control, logging-monitoring");
        assertThat(v1.getMonitoringCycle()).isEqualTo("P2W");
        assertThat(v1.getIssuedBy()).isEqualTo("isec");

        implementAndTrain(loop, service, List.of("cse", "it"));
        assertThat(version(service, 1).getStatus()).isEqualTo(PlanStatus.IMPLEMENTED);
        assertThat(version(service, 1).getImplementedBy()).isEqualTo("it");
        assertThat(infosecTrainings(service, "cse", 1)).isEqualTo(1);
        assertThat(infosecTrainings(service, "it", 1)).isEqualTo(1);

        // watching: the monitoring round is due after the plan's cycle (two weeks)
        assertThat(loop).isWaitingAt(TIMER_MONITORING);
        Job timer = timer(loop, TIMER_MONITORING);
        assertThat(Duration.between(TUESDAY_MORNING, timer.getDuedate().toInstant()))
                .isEqualTo(Duration.ofDays(14));
        ClockUtil.setCurrentTime(timer.getDuedate());
        runJobs(loop.getId());
        assertThat(groups(loop, TASK_MONITOR)).containsExactlyInAnyOrder("delivery-manager", "isec", "it");
        complete(
                loop,
                TASK_MONITOR,
                "delivery-manager",
                Map.of(MONITORING_REPORT.name(), "SIEM weekly report: 2 blocked logins", UPDATE_NEEDED.name(), false));
        assertThat(loop).hasPassed(TASK_RECORD_MONITORING).isWaitingAt(TIMER_MONITORING);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM register_entry WHERE register = 'infosec-monitoring' AND reference LIKE ?",
                        Integer.class,
                        service + "@%"))
                .isEqualTo(1);

        // a security event of the service: handled, its lessons reach the loop, which runs the plan's actions
        SecurityEvent event = raise("ALPENWERK", service, "malware", "low", false);
        ProcessInstance handling = instanceOf(event.getReference());
        handle(handling, true, "Ransomware dropper blocked; two laptops reimaged");
        runJobs(handling.getId());
        assertThat(events.findByReference(event.getReference()).orElseThrow().getPlanFeedback())
                .isEqualTo(PlanFeedback.DELIVERED);
        assertThat(loop).hasPassed(BOUNDARY_SECURITY_EVENT).isWaitingAt(TASK_RUN_PLAN_ACTIONS);
        assertThat(groups(loop, TASK_RUN_PLAN_ACTIONS)).containsExactlyInAnyOrder("delivery-manager", "isec", "it");
        assertThat(loop)
                .variables()
                .containsEntry(SECURITY_EVENT_REFERENCE.name(), event.getReference())
                .containsEntry(PLAN_LESSONS.name(), "Block macros in mail attachments");
        complete(
                loop,
                TASK_RUN_PLAN_ACTIONS,
                "it",
                Map.of(
                        PLAN_ACTIONS_TAKEN.name(), "Contingency: isolated the segment, restored from backup",
                        PLAN_LESSONS.name(), "Block macros in mail attachments; backup restore took 3 h"));
        assertThat(registerEntries("infosec-plan-action", event.getReference())).isEqualTo(1);
        assertThat(groups(loop, TASK_UPDATE_PLAN)).containsExactly("isec");
        Map<String, Object> update = plan("MFA everywhere; SIEM on all hosts; macros blocked", "P1W");
        update.put(PLAN_LESSONS.name(), "Block macros in mail attachments; backup restore took 3 h");
        complete(loop, TASK_UPDATE_PLAN, "isec", update);

        // version 2 from the event, version 1 kept as superseded, the event applied
        InfoSecPlan v2 = version(service, 2);
        assertThat(v2.getBasis()).isEqualTo(PlanBasis.SECURITY_EVENT);
        assertThat(v2.getBasisReference()).isEqualTo(event.getReference());
        assertThat(v2.getLessons()).contains("backup restore took 3 h");
        assertThat(v2.getMitigationActions()).contains("macros blocked");
        assertThat(v2.getClientCriteria()).isEqualTo(v1.getClientCriteria());
        assertThat(version(service, 1).getStatus()).isEqualTo(PlanStatus.SUPERSEDED);
        SecurityEvent applied = events.findByReference(event.getReference()).orElseThrow();
        assertThat(applied.getPlanFeedback()).isEqualTo(PlanFeedback.APPLIED);
        assertThat(applied.getPlanVersion()).isEqualTo(2);

        // round two with the new version: implemented, trained, watched weekly; a finding calls for version 3
        implementAndTrain(loop, service, List.of("cse"));
        assertThat(infosecTrainings(service, "cse", 2)).isEqualTo(1);
        timer = timer(loop, TIMER_MONITORING);
        assertThat(Duration.between(
                        ClockUtil.getCurrentTime().toInstant(),
                        timer.getDuedate().toInstant()))
                .isEqualTo(Duration.ofDays(7));
        ClockUtil.setCurrentTime(timer.getDuedate());
        runJobs(loop.getId());
        assertThatThrownBy(() -> complete(
                        loop,
                        TASK_MONITOR,
                        "isec",
                        Map.of(MONITORING_REPORT.name(), "Pen test report", UPDATE_NEEDED.name(), true)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(MONITORING_FINDINGS.name());
        complete(
                loop,
                TASK_MONITOR,
                "isec",
                Map.of(
                        MONITORING_REPORT.name(), "Pen test report",
                        MONITORING_FINDINGS.name(), "TLS 1.0 still enabled on the VPN",
                        UPDATE_NEEDED.name(), true));
        assertThat(loop).hasPassed("End_UpdateNeeded").isWaitingAt(TASK_UPDATE_PLAN);
        Map<String, Object> tls = plan("MFA everywhere; SIEM; macros blocked; TLS 1.2+ only", "P1W");
        tls.put(PLAN_LESSONS.name(), "TLS 1.0 still enabled on the VPN");
        complete(loop, TASK_UPDATE_PLAN, "isec", tls);
        InfoSecPlan v3 = version(service, 3);
        assertThat(v3.getBasis()).isEqualTo(PlanBasis.MONITORING);
        assertThat(v3.getLessons()).isEqualTo("TLS 1.0 still enabled on the VPN");
        assertThat(plans.findByServiceReferenceOrderByVersionAsc(service))
                .extracting(InfoSecPlan::getVersion, InfoSecPlan::getStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, PlanStatus.SUPERSEDED),
                        org.assertj.core.groups.Tuple.tuple(2, PlanStatus.SUPERSEDED),
                        org.assertj.core.groups.Tuple.tuple(3, PlanStatus.ISSUED));
        assertThat(loop).isWaitingAt(TASK_IMPLEMENT);
    }

    @Test
    void aMonitoringRoundReviewsTheControlsDueAndOneNotEffectiveCallsForANewVersion() {
        String service = service("ALPENWERK");
        ProcessInstance loop = loop(service);
        issueFirstVersion(loop);
        implementAndTrain(loop, service, List.of("competence-manager"));
        // due by the round (1 January 2027): two of the service, one of the whole client; one due later
        String backup = control(service, "Backup policy", "policy", "P3M", "2026-12-15");
        String mfa = control(service, "MFA for administrators", "technological", "P1M", "2026-12-20");
        String later = control(service, "Supplier audits", "organisational", "P1Y", "2027-06-01");
        String cleanDesk = control(null, "Clean desk", "physical", "P1Y", "2026-12-31");

        Job timer = timer(loop, TIMER_MONITORING);
        ClockUtil.setCurrentTime(timer.getDuedate());
        runJobs(loop.getId());
        assertThat(loop).hasPassed(TASK_FIND_CONTROLS_DUE).isWaitingAt(TASK_REVIEW_CONTROLS);
        assertThat(groups(loop, TASK_REVIEW_CONTROLS)).containsExactly("isec");
        @SuppressWarnings("unchecked")
        List<String> due = (List<String>) runtimeService.getVariable(loop.getId(), CONTROLS_DUE.name());
        assertThat(due).containsExactly(backup, mfa, cleanDesk);
        assertThat((String) runtimeService.getVariable(loop.getId(), CONTROLS_DUE_TEXT.name()))
                .contains(backup, "Backup policy", "client-wide")
                .doesNotContain(later);

        // only a control that is due may be named, and the notes are required
        assertThatThrownBy(() -> complete(
                        loop,
                        TASK_REVIEW_CONTROLS,
                        "isec",
                        Map.of(INEFFECTIVE_CONTROLS.name(), later, CONTROL_REVIEW_NOTES.name(), "Looked at logs")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(INEFFECTIVE_CONTROLS.name());
        assertThatThrownBy(() -> complete(loop, TASK_REVIEW_CONTROLS, "isec", Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(CONTROL_REVIEW_NOTES.name());
        complete(
                loop,
                TASK_REVIEW_CONTROLS,
                "isec",
                Map.of(
                        INEFFECTIVE_CONTROLS.name(),
                        mfa.toLowerCase(java.util.Locale.ROOT),
                        CONTROL_REVIEW_NOTES.name(),
                        "Restore test passed; two admin accounts without MFA"));
        assertThat(loop).hasPassed(TASK_RECORD_CONTROL_REVIEW).isWaitingAt(TASK_MONITOR);

        // each due control reviewed and moved on by its own cycle; the one not effective is flagged
        SecurityControl reviewedBackup = controls.findByReference(backup).orElseThrow();
        assertThat(reviewedBackup.getStatus()).isEqualTo(ControlStatus.EFFECTIVE);
        assertThat(reviewedBackup.getNextReviewOn()).hasToString("2027-04-01");
        assertThat(reviewedBackup.getLastReviewedBy()).isEqualTo("isec");
        SecurityControl reviewedMfa = controls.findByReference(mfa).orElseThrow();
        assertThat(reviewedMfa.getStatus()).isEqualTo(ControlStatus.NEEDS_IMPROVEMENT);
        assertThat(reviewedMfa.getNextReviewOn()).hasToString("2027-02-01");
        assertThat(controls.findByReference(cleanDesk).orElseThrow().getNextReviewOn())
                .hasToString("2028-01-01");
        assertThat(controls.findByReference(later).orElseThrow().getLastReviewedAt())
                .isNull();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM register_audit WHERE register = 'security-control' AND reference = ?"
                                + " AND action = 'UPDATE'",
                        Integer.class,
                        mfa))
                .isEqualTo(1);

        // the monitoring round starts with the finding proposed; confirmed, it calls for version 2
        assertThat(loop)
                .variables()
                .containsEntry(UPDATE_NEEDED.name(), true)
                .hasEntrySatisfying(
                        MONITORING_FINDINGS.name(),
                        findings -> assertThat((String) findings).contains(mfa));
        complete(
                loop,
                TASK_MONITOR,
                "isec",
                Map.of(
                        MONITORING_REPORT.name(),
                        "Monthly SIEM report and the control reviews",
                        MONITORING_FINDINGS.name(),
                        "MFA missing on two admin accounts (" + mfa + ")",
                        UPDATE_NEEDED.name(),
                        true));
        assertThat(loop).isWaitingAt(TASK_UPDATE_PLAN);
    }

    @Test
    void anEventThatArrivesWhileTheLoopIsBusyWaitsAndIsTakenUpWhenItWatchesAgain() {
        String service = service("ALPENWERK");
        ProcessInstance loop = loop(service);
        issueFirstVersion(loop);
        assertThat(loop).isWaitingAt(TASK_IMPLEMENT);

        SecurityEvent event = raise("ALPENWERK", service, "phishing", "medium", false);
        ProcessInstance handling = instanceOf(event.getReference());
        handle(handling, true, "Phishing mail reported by two users, sender blocked");
        runJobs(handling.getId());
        assertThat(events.findByReference(event.getReference()).orElseThrow().getPlanFeedback())
                .isEqualTo(PlanFeedback.PENDING);
        assertThat(handling).isEnded();

        // training refuses someone who is no member of staff
        complete(
                loop,
                TASK_IMPLEMENT,
                "it",
                Map.of(CONFIGURATION_DATA.name(), "MFA policy v2", ACTION_REPORT.name(), "Rolled out"));
        assertThatThrownBy(() -> complete(loop, TASK_ORGANISE_TRAINING, "isec", training(List.of("not-a-person-x"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(TRAINED_MEMBERS.name());
        complete(loop, TASK_ORGANISE_TRAINING, "isec", training(List.of("csm")));

        // the loop watches again and takes the waiting event up first
        assertThat(loop).hasPassed(TASK_FIND_PENDING_EVENT, "End_EventPending").isWaitingAt(TASK_RUN_PLAN_ACTIONS);
        assertThat(loop).variables().containsEntry(SECURITY_EVENT_REFERENCE.name(), event.getReference());
        assertThat(events.findByReference(event.getReference()).orElseThrow().getPlanFeedback())
                .isEqualTo(PlanFeedback.DELIVERED);
        complete(
                loop,
                TASK_RUN_PLAN_ACTIONS,
                "isec",
                Map.of(PLAN_ACTIONS_TAKEN.name(), "Awareness mail sent", PLAN_LESSONS.name(), "Train on phishing"));
        Map<String, Object> update = plan("Quarterly phishing drills", "P1M");
        update.put(PLAN_LESSONS.name(), "Train on phishing");
        complete(loop, TASK_UPDATE_PLAN, "isec", update);
        assertThat(version(service, 2).getBasisReference()).isEqualTo(event.getReference());
        assertThat(events.findByReference(event.getReference()).orElseThrow().getPlanFeedback())
                .isEqualTo(PlanFeedback.APPLIED);
    }

    @Test
    void theServicesGoStartsItsInfoSecLoopAndItsEndEndsIt() {
        Map<String, Object> request = new HashMap<>();
        request.put(CaseVariables.CLIENT_REFERENCE.name(), "ALPENWERK");
        request.put(ServiceRequestProcess.SERVICE_NAME.name(), "Payroll operations");
        request.put(ServiceRequestProcess.CRITERIA.name(), "German-speaking team");
        request.put(ServiceRequestProcess.REQUIRED_SKILLS.name(), "payroll");
        request.put(ServiceRequestProcess.EXPECTED_START.name(), "2027-01-01");
        request.put(ServiceRequestProcess.TERM_END.name(), "2028-12-31");
        request.put(ServiceRequestProcess.PRICE_MODEL.name(), "fixed-price");
        request.put(ServiceRequestProcess.RISK.name(), "low");
        request.put(ServiceRequestProcess.DOCUMENTS.name(), "RFP.pdf");
        request.put(ServiceRequestProcess.REQUESTER_EMAIL.name(), "payroll@alpenwerk.example");
        ProcessInstance serviceRequest = runtimeService.startProcessInstanceByKey(ServiceRequestProcess.KEY, request);
        instances.add(serviceRequest.getId());
        complete(
                serviceRequest,
                ServiceRequestProcess.TASK_DECIDE,
                "dc-head",
                Map.of(
                        ServiceRequestProcess.DECISION.name(), "go",
                        ServiceRequestProcess.DECISION_REASON.name(), "Strategic client"));
        Map<String, Object> sow = new HashMap<>();
        sow.put(ServiceRequestProcess.SERVICE_MANAGER.name(), "service-manager");
        sow.put(ServiceRequestProcess.DELIVERY_MANAGER.name(), "delivery-manager");
        sow.put(ServiceRequestProcess.PRICE_MODEL.name(), "fixed-price");
        sow.put(ServiceRequestProcess.SCOPE.name(), "Run payroll");
        sow.put(ServiceRequestProcess.MILESTONES.name(), "M1: first payroll run 2027-01");
        complete(serviceRequest, ServiceRequestProcess.TASK_APPOINT_SERVICE, "dc-head", sow);
        runJobs(serviceRequest.getId());
        String service = (String)
                runtimeService.getVariable(serviceRequest.getId(), ServiceRequestProcess.SERVICE_REFERENCE.name());

        ProcessInstance loop = runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(InfoSecProcess.KEY)
                .processInstanceBusinessKey(service)
                .singleResult();
        assertThat(loop).isNotNull();
        instances.add(loop.getId());
        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .superProcessInstanceId(serviceRequest.getId())
                        .singleResult()
                        .getId())
                .isEqualTo(loop.getId());
        assertThat(loop)
                .isWaitingAt(TASK_RECEIVE_CLIENT_CRITERIA)
                .variables()
                .containsEntry(SERVICE_REFERENCE.name(), service)
                .containsEntry(CaseVariables.CLIENT_REFERENCE.name(), "ALPENWERK");
        issueFirstVersion(loop);
        assertThat(version(service, 1).getStatus()).isEqualTo(PlanStatus.ISSUED);

        // the end of the service cancels its life, and with it the InfoSec loop; the last version is closed
        runtimeService
                .createMessageCorrelation(ServiceRequestProcess.MESSAGE_END_REQUESTED)
                .processInstanceId(serviceRequest.getId())
                .setVariable(ServiceRequestProcess.END_REASON.name(), "Contract cancelled")
                .correlate();
        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .processInstanceId(loop.getId())
                        .count())
                .isZero();
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceId(loop.getId())
                        .singleResult()
                        .getEndTime())
                .isNotNull();
        assertThat(version(service, 1).getStatus()).isEqualTo(PlanStatus.CLOSED);
        assertThat(serviceRequest).isWaitingAt(ServiceRequestProcess.TASK_CONSOLIDATE_END);
    }

    // ------------------------------------------------------------------ security events

    @Test
    void aCriticalEventReachesTheEscalationWorkflowAndTheClientIsToldAtOnce() {
        String service = service("ALPENWERK");
        SecurityEvent event = raise("ALPENWERK", service, "data-leak", "medium", true);
        ProcessInstance instance = instanceOf(event.getReference());
        assertThat(instance)
                .hasPassed(SecurityEventProcess.TASK_CLASSIFY)
                .isWaitingAt(SecurityEventProcess.TASK_HANDLE);
        SecurityEvent classified = events.findByReference(event.getReference()).orElseThrow();
        assertThat(classified.getSeverity()).isEqualTo(SecuritySeverity.CRITICAL);
        assertThat(classified.getPriority()).isEqualTo("P1");
        assertThat(classified.isIncident()).isTrue();
        assertThat(classified.isEscalated()).isTrue();
        assertThat(groups(instance, SecurityEventProcess.TASK_HANDLE)).containsExactlyInAnyOrder("isec", "it");
        // the handling clock of the Standard tier's P1 target: 8 hours, 24x7
        Map<String, Object> clock = clock(event.getReference());
        assertThat(clock.get("metric")).isEqualTo(SecurityEventProcess.METRIC);
        assertThat(clock.get("priority")).isEqualTo("P1");
        assertThat(clock.get("target_duration")).isEqualTo("PT8H");
        assertThat(clock.get("calendar")).isEqualTo("TWENTY_FOUR_SEVEN");
        assertThat(((Timestamp) clock.get("due_at")).toInstant()).isEqualTo(TUESDAY_MORNING.plus(Duration.ofHours(8)));

        runJobs(instance.getId());
        assertThat(instance)
                .hasPassed(SecurityEventProcess.TASK_ESCALATE, SecurityEventProcess.TASK_TELL_CLIENT_REPORTED);
        ProcessInstance escalation = runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey("escalation")
                .variableValueEquals("breachedBusinessKey", event.getReference())
                .singleResult();
        assertThat(escalation)
                .as("the escalation workflow started on sla-breached")
                .isNotNull();
        instances.add(escalation.getId());
        runJobs(escalation.getId());
        Map<String, Object> row =
                jdbc.queryForMap("SELECT * FROM escalation WHERE breached_business_key = ?", event.getReference());
        assertThat(row.get("client_reference")).isEqualTo("ALPENWERK");
        assertThat(row.get("breached_metric")).isEqualTo("security-event.severity");
        assertThat(outbox(event.getReference(), "security-event-raised"))
                .extracting(r -> r.get("recipient"))
                .contains("isec@demo.csmflow.example", "it@demo.csmflow.example");
        assertThat(outbox(event.getReference(), "security-event-reported"))
                .isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.get("language")).isEqualTo("de");
                    assertThat((String) r.get("subject")).startsWith(event.getReference() + ": Sicherheitsereignis");
                });

        // the cause is unknown: a problem is opened; the client is told the outcome
        handle(instance, false, "Exposed bucket closed; access logs secured");
        runJobs(instance.getId());
        ProcessInstance problem = runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey("problem-rca")
                .variableValueEquals("sourceReference", event.getReference())
                .singleResult();
        assertThat(problem).as("problem-rca started on problem-requested").isNotNull();
        instances.add(problem.getId());
        SecurityEvent closed = events.findByReference(event.getReference()).orElseThrow();
        assertThat(closed.getStatus()).isEqualTo(SecurityEventStatus.CLOSED);
        assertThat(closed.isProblemRequested()).isTrue();
        assertThat(closed.getCauseKnown()).isFalse();
        assertThat(clock(event.getReference()).get("state")).isEqualTo("MET");
        assertThat(outbox(event.getReference(), "security-event-handled")).isNotEmpty();
        assertThat(instance).hasPassed(SecurityEventProcess.TASK_REQUEST_PROBLEM, SecurityEventProcess.END_CLOSED);
    }

    @Test
    void aHighEventOfAnEnhancedClientIsToldButNotEscalated() {
        SecurityEvent event = raise("HUDSON-MUTUAL", null, "malware", "high", false);
        ProcessInstance instance = instanceOf(event.getReference());
        SecurityEvent classified = events.findByReference(event.getReference()).orElseThrow();
        assertThat(classified.getSeverity()).isEqualTo(SecuritySeverity.HIGH);
        assertThat(classified.getPriority()).isEqualTo("P2");
        assertThat(clock(event.getReference()).get("target_duration")).isEqualTo("PT8H");
        runJobs(instance.getId());
        assertThat(instance)
                .hasNotPassed(SecurityEventProcess.TASK_ESCALATE)
                .hasPassed(SecurityEventProcess.TASK_TELL_CLIENT_REPORTED);
        assertThat(outbox(event.getReference(), "security-event-reported"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("language")).isEqualTo("en"));
        handle(instance, true, "Malware quarantined");
        runJobs(instance.getId());
        // no service named: nothing to feed back
        assertThat(instance)
                .hasNotPassed(SecurityEventProcess.TASK_FEED_PLAN)
                .hasPassed(SecurityEventProcess.END_CLOSED);
        assertThat(events.findByReference(event.getReference()).orElseThrow().getPlanFeedback())
                .isEqualTo(PlanFeedback.NONE);
    }

    @Test
    void aMediumEventIsHandledWithoutTellingTheClientAndAMissedTargetIsEscalated() {
        SecurityEvent event = raise("ALPENWERK", null, "malware", "high", false);
        ProcessInstance instance = instanceOf(event.getReference());
        assertThat(events.findByReference(event.getReference()).orElseThrow().getSeverity())
                .isEqualTo(SecuritySeverity.MEDIUM);
        runJobs(instance.getId());
        assertThat(instance)
                .hasPassed(SecurityEventProcess.TASK_TELL_ISEC)
                .hasNotPassed(SecurityEventProcess.TASK_TELL_CLIENT_REPORTED);
        assertThat(outbox(event.getReference(), "security-event-reported")).isEmpty();

        Date warning =
                (Date) runtimeService.getVariable(instance.getId(), SecurityEventProcess.RESOLUTION_WARNING.name());
        Date due = (Date) runtimeService.getVariable(instance.getId(), SecurityEventProcess.RESOLUTION_DUE.name());
        ClockUtil.setCurrentTime(warning);
        runJobs(instance.getId());
        assertThat(outbox(event.getReference(), "security-event-due-soon"))
                .extracting(r -> r.get("recipient"))
                .contains("isec@demo.csmflow.example");
        ClockUtil.setCurrentTime(due);
        runJobs(instance.getId());
        assertThat(outbox(event.getReference(), "security-event-overdue"))
                .extracting(r -> r.get("recipient"))
                .contains("service-manager@demo.csmflow.example");
        ProcessInstance escalation = runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey("escalation")
                .variableValueEquals("breachedBusinessKey", event.getReference())
                .singleResult();
        assertThat(escalation).isNotNull();
        instances.add(escalation.getId());
        assertThat(runtimeService.getVariable(escalation.getId(), "breachedMetric"))
                .isEqualTo(SecurityEventProcess.METRIC);

        handle(instance, true, "Patched");
        runJobs(instance.getId());
        assertThat(instance)
                .hasNotPassed(SecurityEventProcess.TASK_TELL_CLIENT_OUTCOME)
                .isEnded();
        assertThat(clock(event.getReference()).get("state")).isEqualTo("BREACHED");
    }

    @Test
    void aLowEventReportedInTasklistGetsItsReferenceAndIsRefusedWhenItsTypeIsUnknown() {
        Map<String, Object> form = new HashMap<>();
        form.put(CaseVariables.CLIENT_REFERENCE.name(), "alpenwerk");
        form.put(SecurityEventProcess.EVENT_TYPE.name(), "alien-invasion");
        form.put(SecurityEventProcess.ASSET.name(), "Visitor Wi-Fi");
        form.put(SecurityEventProcess.ASSET_CRITICALITY.name(), "low");
        form.put(SecurityEventProcess.PERSONAL_DATA.name(), false);
        form.put(SecurityEventProcess.DESCRIPTION.name(), "Port scan from the guest network");
        form.put(SecurityEventProcess.SOURCE.name(), "staff");
        identityService.setAuthentication("cse", List.of("cse"));
        assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(SecurityEventProcess.KEY, form))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(SecurityEventProcess.EVENT_TYPE.name());
        form.put(SecurityEventProcess.EVENT_TYPE.name(), "vulnerability");
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(SecurityEventProcess.KEY, form);
        identityService.clearAuthentication();
        instances.add(instance.getId());
        String reference =
                (String) runtimeService.getVariable(instance.getId(), SecurityEventProcess.EVENT_REFERENCE.name());
        assertThat(reference).matches("SEC-2026-\\d{4,}");
        SecurityEvent event = events.findByReference(reference).orElseThrow();
        assertThat(event.getClientReference()).isEqualTo("ALPENWERK");
        assertThat(event.getReportedBy()).isEqualTo("cse");
        assertThat(event.getSeverity()).isEqualTo(SecuritySeverity.LOW);
        assertThat(event.getPriority()).isEqualTo("P4");
        assertThat(clock(reference).get("target_duration")).isEqualTo("PT80H");
        handle(instance, true, "Guest network isolated");
        runJobs(instance.getId());
        assertThat(instance).isEnded();
    }

    @Test
    void anotherWorkflowRaisesAnEventByMessage() {
        String service = service("ALPENWERK");
        Map<String, Object> payload = new HashMap<>();
        payload.put(CaseVariables.CLIENT_REFERENCE.name(), "ALPENWERK");
        payload.put(SecurityEventProcess.SERVICE_REFERENCE.name(), service);
        payload.put(SecurityEventProcess.EVENT_TYPE.name(), "unauthorised-access");
        payload.put(SecurityEventProcess.ASSET.name(), "Payroll database");
        payload.put(SecurityEventProcess.ASSET_CRITICALITY.name(), "critical");
        payload.put(SecurityEventProcess.PERSONAL_DATA.name(), false);
        payload.put(SecurityEventProcess.DESCRIPTION.name(), "Change CHG-2026-0001 opened the admin port");
        payload.put(CaseVariables.SOURCE_BUSINESS_KEY.name(), "CHG-2026-0001");
        ProcessInstance instance = runtimeService
                .createMessageCorrelation(SecurityEventProcess.RAISED_MESSAGE)
                .setVariables(payload)
                .correlateStartMessage();
        instances.add(instance.getId());
        runJobs(instance.getId());
        String reference =
                (String) runtimeService.getVariable(instance.getId(), SecurityEventProcess.EVENT_REFERENCE.name());
        SecurityEvent event = events.findByReference(reference).orElseThrow();
        assertThat(event.getSource()).isEqualTo("workflow");
        assertThat(event.getReportedBy()).isEqualTo("CHG-2026-0001");
        assertThat(event.getServiceReference()).isEqualTo(service);
        assertThat(event.getSeverity()).isEqualTo(SecuritySeverity.CRITICAL);
        assertThat(instance)
                .hasPassed(SecurityEventProcess.START_RAISED_BY_WORKFLOW, SecurityEventProcess.TASK_ESCALATE);
        // no InfoSec loop runs for this service: the lessons wait there
        handle(instance, true, "Port closed, change rolled back");
        runJobs(instance.getId());
        assertThat(events.findByReference(reference).orElseThrow().getPlanFeedback())
                .isEqualTo(PlanFeedback.PENDING);
    }

    // ------------------------------------------------------------------ helpers

    private void issueFirstVersion(ProcessInstance loop) {
        complete(
                loop,
                TASK_RECEIVE_CLIENT_CRITERIA,
                "delivery-manager",
                Map.of(
                        CLIENT_CRITERIA.name(),
                        "Partner's baseline",
                        CRITERIA_SOURCE.name(),
                        "partner",
                        CRITERIA_SIGNED.name(),
                        false));
        complete(
                loop,
                TASK_PICK_INTERNAL_CRITERIA,
                "isec",
                Map.of(INTERNAL_CRITERIA.name(), new ArrayList<>(List.of("awareness-training"))));
        complete(loop, TASK_ISSUE_PLAN, "service-manager", plan("Awareness first", "P1M"));
    }

    private void implementAndTrain(ProcessInstance loop, String service, List<String> members) {
        assertThat(groups(loop, TASK_IMPLEMENT)).containsExactlyInAnyOrder("isec", "it");
        complete(
                loop,
                TASK_IMPLEMENT,
                "it",
                Map.of(
                        CONFIGURATION_DATA.name(),
                        "MFA on IdP; SIEM agents 4.2",
                        ACTION_REPORT.name(),
                        "All hosts done"));
        assertThat(groups(loop, TASK_ORGANISE_TRAINING)).containsExactly("isec");
        complete(loop, TASK_ORGANISE_TRAINING, "isec", training(members));
        assertThat(loop).hasPassed(TASK_RECORD_TRAINING);
    }

    private static Map<String, Object> training(List<String> members) {
        return Map.of(
                TRAINING_TOPIC.name(), "Service InfoSec criteria",
                TRAINING_MATERIAL.name(), "InfoSec deck v1",
                TRAINED_MEMBERS.name(), new ArrayList<>(members),
                TRAINED_ON.name(), "2026-12-01");
    }

    private static Map<String, Object> plan(String mitigation, String cycle) {
        Map<String, Object> plan = new HashMap<>();
        plan.put(SERVICE_CRITERIA.name(), "Admin access only with MFA; logs 12 months");
        plan.put(MITIGATION_ACTIONS.name(), mitigation);
        plan.put(CONTINGENCY_ACTIONS.name(), "Isolate the segment; restore from backup; tell the client");
        plan.put(MONITORING_CYCLE.name(), cycle);
        plan.put(INTERNAL_CRITERIA.name(), new ArrayList<>(List.of("access-control", "logging-monitoring")));
        return plan;
    }

    private SecurityEvent raise(String client, String service, String type, String criticality, boolean personal) {
        SecurityEvent event = securityEvents.raise(new SecurityEvents.Report(
                client, service, type, "Mail gateway", criticality, personal, "Seen by the SIEM at 09:00", "siem"));
        instances.add(instanceOf(event.getReference()).getId());
        return event;
    }

    private void handle(ProcessInstance instance, boolean causeKnown, String actions) {
        Map<String, Object> handling = new HashMap<>();
        handling.put(SecurityEventProcess.ACTIONS_TAKEN.name(), actions);
        handling.put(SecurityEventProcess.CAUSE_KNOWN.name(), causeKnown);
        if (causeKnown) {
            handling.put(SecurityEventProcess.CAUSE.name(), "A user opened a macro attachment");
        }
        handling.put(SecurityEventProcess.LESSONS.name(), "Block macros in mail attachments");
        handling.put(SecurityEventProcess.RESOLUTION.name(), "Contained within the hour, no data lost");
        complete(instance, SecurityEventProcess.TASK_HANDLE, "isec", handling);
    }

    private String control(String service, String name, String category, String cycle, String firstReview) {
        return securityRegisters
                .addControl(new SecurityRegisters.NewControl(
                        "ALPENWERK",
                        service,
                        name,
                        name + ": what it requires and how it is checked",
                        category,
                        "isec",
                        cycle,
                        java.time.LocalDate.parse(firstReview)))
                .getReference();
    }

    private ProcessInstance instanceOf(String reference) {
        return runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(SecurityEventProcess.KEY)
                .processInstanceBusinessKey(reference)
                .singleResult();
    }

    private String service(String client) {
        String reference = "SVC-IST-" + (++services) + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Timestamp now = Timestamp.from(TUESDAY_MORNING);
        jdbc.update(
                "INSERT INTO managed_service (reference, client_reference, request_reference, service_name,"
                        + " service_manager, delivery_manager, price_model, scope, starts_on, term_end,"
                        + " staffing_follow_up_cycle, governance_cycle, team_assessment_cycle,"
                        + " individual_assessment_cycle, status, created_at, updated_at)"
                        + " VALUES (?, ?, ?, 'InfoSec test service', 'service-manager', 'delivery-manager',"
                        + " 'fixed-price', 'Test scope', DATE '2026-01-01', DATE '2027-12-31', 'P1M', 'P1M', 'P3M',"
                        + " 'P6M', 'ENDED', ?, ?)",
                reference,
                client,
                "SR-" + reference,
                now,
                now);
        return reference;
    }

    private ProcessInstance loop(String service) {
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(
                InfoSecProcess.KEY, service, Map.of(SERVICE_REFERENCE.name(), service));
        instances.add(instance.getId());
        return instance;
    }

    private InfoSecPlan version(String service, int version) {
        return plans.findByServiceReferenceOrderByVersionAsc(service).stream()
                .filter(plan -> plan.getVersion() == version)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no version " + version + " of " + service));
    }

    private Task task(ProcessInstance instance, String key) {
        return taskService
                .createTaskQuery()
                .processInstanceId(instance.getId())
                .taskDefinitionKey(key)
                .singleResult();
    }

    private List<String> groups(ProcessInstance instance, String key) {
        return taskService.getIdentityLinksForTask(task(instance, key).getId()).stream()
                .map(IdentityLink::getGroupId)
                .filter(group -> group != null)
                .toList();
    }

    /** Claims as the user (the engine records who did it) and completes; the demo users' id is their group's. */
    private void complete(ProcessInstance instance, String key, String user, Map<String, Object> variables) {
        Task task = task(instance, key);
        assertThat(task).as("task %s", key).isNotNull();
        identityService.setAuthentication(user, List.of(user));
        try {
            taskService.complete(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private Job timer(ProcessInstance instance, String activity) {
        return managementService
                .createJobQuery()
                .processInstanceId(instance.getId())
                .activityId(activity)
                .singleResult();
    }

    /** Executes the due jobs of the instance (async steps, timers due by the engine clock) until none is left. */
    private void runJobs(String instanceId) {
        for (int round = 0; round < 50; round++) {
            Date now = ClockUtil.getCurrentTime();
            List<Job> jobs = managementService.createJobQuery().processInstanceId(instanceId).active().list().stream()
                    .filter(job -> job.getRetries() > 0)
                    .filter(job -> job.getDuedate() == null || !job.getDuedate().after(now))
                    .toList();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> managementService.executeJob(job.getId()));
        }
        throw new IllegalStateException("Jobs keep coming for " + instanceId);
    }

    private Map<String, Object> clock(String reference) {
        return jdbc.queryForMap(
                "SELECT * FROM sla_clock WHERE business_key = ? AND clock_name = ?",
                reference,
                SecurityEventProcess.CLOCK_NAME);
    }

    private List<Map<String, Object>> outbox(String reference, String template) {
        return jdbc.queryForList(
                "SELECT recipient, language, subject, body_text FROM notification_outbox"
                        + " WHERE business_key = ? AND template_id = ? ORDER BY id",
                reference,
                template);
    }

    /** InfoSec trainings of a person for the service's plan version, in the training-record register. */
    private int infosecTrainings(String service, String userId, int planVersion) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM training_record WHERE service_reference = ? AND user_id = ? AND kind = "
                        + "'INFOSEC_AWARENESS' AND course LIKE ?",
                Integer.class,
                service,
                userId,
                "%(InfoSec plan v" + planVersion + ")");
    }

    private int registerEntries(String register, String reference) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM register_entry WHERE register = ? AND reference = ?",
                Integer.class,
                register,
                reference);
    }
}
