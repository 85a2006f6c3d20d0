package com.csmflow.escalation;

import static com.csmflow.engine.CaseVariables.*;
import static com.csmflow.escalation.EscalationFixtures.at;
import static com.csmflow.escalation.EscalationFixtures.now;
import static com.csmflow.escalation.EscalationProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.csmflow.problem.ProblemProcess;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * bpmn/escalation.bpmn path by path on PostgreSQL, time driven by the engine clock. The class also
 * enforces that its tests pass through at least 95 % of the escalation model's flow nodes.
 */
// This workflow hands cases to other workflows (sla-breached, problem-requested), whose models the
// coverage library would count against this class. The class enforces 95 % of its OWN model instead
// (see the @AfterAll check); the receivers' coverage is enforced by their own process tests.
@ExcludeFromProcessCoverage
@CsmFlowTest
class EscalationProcessTest {

    static final double FLOW_NODE_COVERAGE_AT_LEAST = 0.95;
    /** Monday 2 March 2026, 14:00 UTC: 15:00 in Munich, 09:00 in New York - business time for both demo clients. */
    static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    ManagementService managementService;

    @Autowired
    TaskService taskService;

    @Autowired
    FormService formService;

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    HistoryService historyService;

    @Autowired
    DecisionService decisionService;

    @Autowired
    IdentityService identityService;

    @Autowired
    ProcessEngine processEngine;

    @Autowired
    EscalationRepository escalations;

    @Autowired
    EscalationEventRepository events;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper objectMapper;

    private static final Set<String> instancesBefore = new HashSet<>();
    private static HistoryService history;
    private static RepositoryService repository;
    private EscalationFixtures fx;
    private String probeDeployment;

    @BeforeEach
    void setUp() {
        fx = new EscalationFixtures(runtimeService, managementService, taskService);
        BpmnAwareTests.init(processEngine);
        history = historyService;
        repository = repositoryService;
        if (instancesBefore.isEmpty()) {
            instancesBefore.add("-");
            historyService
                    .createHistoricProcessInstanceQuery()
                    .processDefinitionKey(KEY)
                    .list()
                    .forEach(instance -> instancesBefore.add(instance.getId()));
        }
        at(T0);
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        if (probeDeployment != null) {
            repositoryService.deleteDeployment(probeDeployment, true);
        }
    }

    @Test
    void acknowledgedInTimeUpdatedResolvedConfirmedAndClosedWithKnownRootCause() {
        ProcessDefinition definition = repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey(KEY)
                .latestVersion()
                .singleResult();
        ProcessInstance instance = formService.submitStartForm(
                definition.getId(),
                Map.of(
                        CLIENT_REFERENCE.name(),
                        "ALPENWERK",
                        SUBJECT.name(),
                        "Backups failed three nights in a row",
                        DESCRIPTION.name(),
                        "No restore point since Friday",
                        REPORTED_IMPACT.name(),
                        "high",
                        CONTACT_NAME.name(),
                        "Katharina Huber",
                        CONTACT_EMAIL.name(),
                        "k.huber@alpenwerk.example",
                        SOURCE.name(),
                        "staff"));
        String id = instance.getId();
        fx.runAsync(id);
        String reference = runtimeService
                .createProcessInstanceQuery()
                .processInstanceId(id)
                .singleResult()
                .getBusinessKey();
        assertThat(reference).matches("ESC-2026-\\d{4,}");
        Escalation raised = escalations.findByReference(reference).orElseThrow();
        // Standard client, high impact -> high / P2: acknowledge within 2 business hours (Munich 15:00 -> 17:00)
        assertThat(raised.getSeverity()).isEqualTo("high");
        assertThat(raised.getPriority()).isEqualTo("P2");
        assertThat(raised.getLevelReached()).isEqualTo(EscalationLevel.CSM);
        assertThat(raised.getSource()).isEqualTo("staff");
        assertThat(fx.dateVariable(id, ACKNOWLEDGE_DUE).toInstant()).isEqualTo(Instant.parse("2026-03-02T16:00:00Z"));
        assertThat(outbox(reference, "escalation-raised")).isNotEmpty();

        at(T0.plus(Duration.ofMinutes(40)));
        fx.complete(id, TASK_ACKNOWLEDGE, Map.of(ACKNOWLEDGEMENT_NOTE.name(), "On it, restoring the job schedule"));
        assertThat(runtimeService.getVariable(id, ACKNOWLEDGE_STATE.name())).isEqualTo("MET");
        Escalation acknowledged = escalations.findByReference(reference).orElseThrow();
        assertThat(acknowledged.getStatus()).isEqualTo(EscalationStatus.ACKNOWLEDGED);
        assertThat(acknowledged.getAcknowledgedAt()).isEqualTo(now());
        assertThat(outbox(reference, "escalation-acknowledged")).contains("k.huber@alpenwerk.example");

        at(T0.plus(Duration.ofMinutes(90)));
        fx.complete(
                id, TASK_WRITE_UPDATE, Map.of(CLIENT_UPDATE.name(), "The backup agent is patched, first run tonight"));
        assertThat(kinds(reference)).contains(EscalationEventKind.UPDATE_SENT);
        assertThat(outbox(reference, "escalation-update"))
                .contains("k.huber@alpenwerk.example", "f.wimmer@alpenwerk.example");
        assertThat(fx.task(id, TASK_WRITE_UPDATE))
                .as("the next update of the cadence")
                .isNotNull();

        at(T0.plus(Duration.ofHours(3)));
        // 001: the technical side of a service escalation is the CSE's
        BpmnAwareTests.assertThat(fx.task(id, TASK_WORK)).hasCandidateGroup("cse");
        fx.completeAs(
                identityService,
                "cse",
                id,
                TASK_WORK,
                Map.of(WORK_OUTCOME.name(), "resolved", RESOLUTION.name(), "Agent patched, backups ran"));
        assertThat(fx.task(id, TASK_WRITE_UPDATE))
                .as("no more updates once resolved")
                .isNull();
        assertThat(runtimeService.getVariable(id, RESOLUTION_STATE.name())).isEqualTo("PAUSED");
        fx.complete(
                id,
                TASK_RECORD_CLIENT_ANSWER,
                Map.of(CLIENT_CONFIRMED.name(), true, CLIENT_COMMENT.name(), "Confirmed by phone"));
        assertThat(runtimeService.getVariable(id, RESOLUTION_STATE.name())).isEqualTo("MET");
        fx.complete(
                id,
                TASK_CLOSE,
                Map.of(
                        ROOT_CAUSE_KNOWN.name(),
                        true,
                        ROOT_CAUSE.name(),
                        "Agent bug after update",
                        CLOSING_SUMMARY.name(),
                        "Closed with the client"));

        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .processInstanceId(id)
                        .count())
                .isZero();
        Escalation closed = escalations.findByReference(reference).orElseThrow();
        assertThat(closed.getStatus()).isEqualTo(EscalationStatus.CLOSED);
        assertThat(closed.getRootCauseKnown()).isTrue();
        assertThat(kinds(reference))
                .containsSubsequence(
                        EscalationEventKind.RAISED,
                        EscalationEventKind.SEVERITY_SET,
                        EscalationEventKind.ACKNOWLEDGED,
                        EscalationEventKind.UPDATE_SENT,
                        EscalationEventKind.RESOLVED,
                        EscalationEventKind.CONFIRMED,
                        EscalationEventKind.CLOSED);
        assertThat(problemRequest(reference)).isNull();
        assertThat(outbox(reference, "escalation-closed")).contains("k.huber@alpenwerk.example");
    }

    @Test
    void eachRungOfTheLadderGetsATaskToTakeOwnershipOrDirectAndTheLevelsBelowSeeItsDecision() {
        String id = raise("HUDSON-MUTUAL", "critical", "Trading floor network down");
        String reference = businessKey(id);
        // Enhanced, critical -> P1 round the clock: acknowledge 15 min, resolution 4 h (warning at 75 %), DC head 2 h
        // after the missed resolution (escalation.dc-head, 24x7 for Enhanced P1)
        assertThat(escalations.findByReference(reference).orElseThrow().getPriority())
                .isEqualTo("P1");

        // not acknowledged in time: the service manager is told and gets the task to take over or direct
        fx.fireAt(id, TIMER_ACK_OVERDUE, T0.plus(Duration.ofMinutes(15)));
        assertLevel(reference, EscalationLevel.SERVICE_MANAGER);
        assertThat(outbox(reference, "escalation-ack-overdue")).contains("service-manager@demo.csmflow.example");
        BpmnAwareTests.assertThat(fx.task(id, TASK_DIRECT_ACKNOWLEDGEMENT)).hasCandidateGroup("service-manager");
        at(T0.plus(Duration.ofMinutes(20)));
        fx.completeAs(
                identityService,
                "service-manager",
                id,
                TASK_DIRECT_ACKNOWLEDGEMENT,
                Map.of(RUNG_DECISION.name(), "takeOwnership", RUNG_NOTE.name(), "I run the bridge call myself"));
        assertThat(runtimeService.getVariable(id, ESCALATION_OWNER.name())).isEqualTo("service-manager");
        assertThat(outbox(reference, "escalation-rung-decision")).contains("csm@demo.csmflow.example");

        // resolution at risk (75 %): the service manager rung
        fx.fireAt(id, TIMER_RUNG_SERVICE_MANAGER, T0.plus(Duration.ofHours(3)));
        assertThat(outbox(reference, "escalation-rung-service-manager"))
                .contains("service-manager@demo.csmflow.example");
        Task serviceManager = fx.task(id, TASK_OWN_SERVICE_MANAGER);
        BpmnAwareTests.assertThat(serviceManager).hasCandidateGroup("service-manager");
        fx.completeAs(
                identityService,
                "service-manager",
                id,
                TASK_OWN_SERVICE_MANAGER,
                Map.of(RUNG_DECISION.name(), "directWork", RUNG_NOTE.name(), "CSE to fail over to the second line"));

        // resolution target missed: the delivery manager rung, and the DC head clock starts
        fx.fireAt(id, TIMER_RUNG_DELIVERY_MANAGER, T0.plus(Duration.ofHours(4)));
        assertLevel(reference, EscalationLevel.DELIVERY_MANAGER);
        assertThat(outbox(reference, "escalation-rung-delivery-manager"))
                .contains("delivery-manager@demo.csmflow.example", "service-manager@demo.csmflow.example");
        assertThat(fx.dateVariable(id, DC_HEAD_DUE).toInstant()).isEqualTo(T0.plus(Duration.ofHours(6)));
        BpmnAwareTests.assertThat(fx.task(id, TASK_OWN_DELIVERY_MANAGER)).hasCandidateGroup("delivery-manager");
        at(T0.plus(Duration.ofMinutes(250)));
        fx.completeAs(
                identityService,
                "delivery-manager",
                id,
                TASK_OWN_DELIVERY_MANAGER,
                Map.of(RUNG_DECISION.name(), "takeOwnership", RUNG_NOTE.name(), "Vendor escalation opened"));
        assertThat(runtimeService.getVariable(id, ESCALATION_OWNER.name())).isEqualTo("delivery-manager");

        // DC head target passed: the top rung
        fx.fireAt(id, TIMER_RUNG_DC_HEAD, T0.plus(Duration.ofHours(6)));
        assertLevel(reference, EscalationLevel.DC_HEAD);
        assertThat(outbox(reference, "escalation-rung-dc-head"))
                .contains(
                        "dc-head@demo.csmflow.example",
                        "delivery-manager@demo.csmflow.example",
                        "service-manager@demo.csmflow.example");
        BpmnAwareTests.assertThat(fx.task(id, TASK_OWN_DC_HEAD)).hasCandidateGroup("dc-head");
        at(T0.plus(Duration.ofMinutes(370)));
        fx.completeAs(
                identityService,
                "dc-head",
                id,
                TASK_OWN_DC_HEAD,
                Map.of(
                        RUNG_DECISION.name(),
                        "directWork",
                        RUNG_NOTE.name(),
                        "Second vendor engineer on site by 22:00"));
        // every decision was mailed to the rungs below and the owner until then
        assertThat(outbox(reference, "escalation-rung-decision"))
                .contains(
                        "csm@demo.csmflow.example",
                        "service-manager@demo.csmflow.example",
                        "delivery-manager@demo.csmflow.example")
                .doesNotContain("dc-head@demo.csmflow.example");

        Escalation escalation = escalations.findByReference(reference).orElseThrow();
        List<EscalationEvent> timeline = events.findByEscalationIdOrderByOccurredAtAscIdAsc(escalation.getId());
        List<EscalationEvent> ladder = timeline.stream()
                .filter(event -> event.getKind() == EscalationEventKind.LADDER_STEP)
                .toList();
        assertThat(ladder)
                .extracting(EscalationEvent::getLevel)
                .containsExactly(
                        EscalationLevel.SERVICE_MANAGER,
                        EscalationLevel.SERVICE_MANAGER,
                        EscalationLevel.DELIVERY_MANAGER,
                        EscalationLevel.DC_HEAD);
        assertThat(ladder)
                .extracting(EscalationEvent::getOccurredAt)
                .containsExactly(
                        T0.plus(Duration.ofMinutes(15)),
                        T0.plus(Duration.ofHours(3)),
                        T0.plus(Duration.ofHours(4)),
                        T0.plus(Duration.ofHours(6)));
        List<EscalationEvent> decisions = timeline.stream()
                .filter(event -> event.getKind() == EscalationEventKind.OWNERSHIP_TAKEN
                        || event.getKind() == EscalationEventKind.WORK_DIRECTED)
                .toList();
        assertThat(decisions)
                .extracting(EscalationEvent::getKind, EscalationEvent::getLevel, EscalationEvent::getUserId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                EscalationEventKind.OWNERSHIP_TAKEN,
                                EscalationLevel.SERVICE_MANAGER,
                                "service-manager"),
                        org.assertj.core.groups.Tuple.tuple(
                                EscalationEventKind.WORK_DIRECTED, EscalationLevel.SERVICE_MANAGER, "service-manager"),
                        org.assertj.core.groups.Tuple.tuple(
                                EscalationEventKind.OWNERSHIP_TAKEN,
                                EscalationLevel.DELIVERY_MANAGER,
                                "delivery-manager"),
                        org.assertj.core.groups.Tuple.tuple(
                                EscalationEventKind.WORK_DIRECTED, EscalationLevel.DC_HEAD, "dc-head"));
        assertThat(decisions.get(3).getDetail()).isEqualTo("Second vendor engineer on site by 22:00");
        assertThat(fx.task(id, TASK_ACKNOWLEDGE)).as("still waiting for a CSM").isNotNull();
        runtimeService.deleteProcessInstance(id, "test done");
    }

    @Test
    void theDcHeadRungOfABusinessHoursClientCountsInItsBusinessTimeAndPausesWhileWaitingForTheClient() {
        // Monday 2 March 2026, 08:00 in Munich: high (P2) for a Standard client, resolution 16 business hours
        Instant monday = Instant.parse("2026-03-02T07:00:00Z");
        at(monday);
        String id = raise("ALPENWERK", "high", "Payroll interface down");
        String reference = businessKey(id);
        Instant tuesday15 = Instant.parse("2026-03-03T14:00:00Z"); // Tuesday 15:00 in Munich
        assertThat(fx.dateVariable(id, RESOLUTION_DUE).toInstant()).isEqualTo(tuesday15);
        assertThat(fx.timer(id, TIMER_RUNG_DC_HEAD))
                .as("no DC head clock before the target is missed")
                .isNull();

        fx.fireAt(id, TIMER_RUNG_DELIVERY_MANAGER, tuesday15);
        // 4 business hours: 2 on Tuesday until 17:00, 2 from Wednesday 08:00 -> Wednesday 10:00 in Munich, not
        // Tuesday 19:00 (four wall-clock hours)
        Instant wednesday10 = Instant.parse("2026-03-04T09:00:00Z");
        assertThat(fx.dateVariable(id, DC_HEAD_DUE).toInstant()).isEqualTo(wednesday10);
        assertThat(fx.timer(id, TIMER_RUNG_DC_HEAD).getDuedate().toInstant()).isEqualTo(wednesday10);
        assertThat(jdbc.queryForObject(
                        "SELECT calendar FROM sla_clock WHERE business_key = ? AND clock_name = 'escalationDcHead'",
                        String.class,
                        reference))
                .isEqualTo("BUSINESS");
        fx.completeAs(
                identityService,
                "delivery-manager",
                id,
                TASK_OWN_DELIVERY_MANAGER,
                Map.of(RUNG_DECISION.name(), "takeOwnership", RUNG_NOTE.name(), "I take this over"));

        // Wednesday 09:30 in Munich the CSE needs the client: the DC head clock pauses with the resolution clock
        at(Instant.parse("2026-03-04T08:30:00Z"));
        fx.completeAs(identityService, "csm", id, TASK_ACKNOWLEDGE, Map.of());
        fx.completeAs(
                identityService,
                "cse",
                id,
                TASK_WORK,
                Map.of(
                        WORK_OUTCOME.name(),
                        "waitingForClient",
                        INFORMATION_REQUEST.name(),
                        "Which cost centres fail?"));
        assertThat(runtimeService.getVariable(id, DC_HEAD_STATE.name())).isEqualTo("PAUSED");
        assertThat(fx.timer(id, TIMER_RUNG_DC_HEAD).isSuspended()).isTrue();

        // the client answers two business hours later: the DC head rung moves by two hours
        at(Instant.parse("2026-03-04T10:30:00Z"));
        runtimeService
                .createMessageCorrelation(CLIENT_RESPONSE_MESSAGE)
                .processInstanceBusinessKey(reference)
                .setVariable(CLIENT_RESPONSE.name(), "Cost centres 4100 and 4200")
                .correlate();
        fx.runAsync(id);
        Instant movedDue = Instant.parse("2026-03-04T11:00:00Z");
        assertThat(runtimeService.getVariable(id, DC_HEAD_STATE.name())).isEqualTo("RUNNING");
        assertThat(fx.timer(id, TIMER_RUNG_DC_HEAD).isSuspended()).isFalse();
        assertThat(fx.timer(id, TIMER_RUNG_DC_HEAD).getDuedate().toInstant()).isEqualTo(movedDue);

        fx.fireAt(id, TIMER_RUNG_DC_HEAD, movedDue);
        assertLevel(reference, EscalationLevel.DC_HEAD);
        fx.completeAs(
                identityService,
                "dc-head",
                id,
                TASK_OWN_DC_HEAD,
                Map.of(RUNG_DECISION.name(), "takeOwnership", RUNG_NOTE.name(), "Board informed, I own it"));
        assertThat(outbox(reference, "escalation-rung-decision"))
                .as("the owner until now (the delivery manager) and the rungs below hear the decision")
                .contains("delivery-manager@demo.csmflow.example", "service-manager@demo.csmflow.example");

        // resolved: the DC head clock stops with the escalation's handling
        at(Instant.parse("2026-03-04T12:00:00Z"));
        fx.completeAs(
                identityService,
                "cse",
                id,
                TASK_WORK,
                Map.of(WORK_OUTCOME.name(), "resolved", RESOLUTION.name(), "Mapping table fixed"));
        assertThat(runtimeService.getVariable(id, DC_HEAD_STATE.name())).isEqualTo("BREACHED");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM sla_clock WHERE business_key = ? AND state IN ('RUNNING', 'PAUSED') "
                                + "AND clock_name = 'escalationDcHead'",
                        Integer.class,
                        reference))
                .isZero();
        assertThat(kinds(reference)).contains(EscalationEventKind.OWNERSHIP_TAKEN, EscalationEventKind.RESOLVED);
        runtimeService.deleteProcessInstance(id, "test done");
    }

    @Test
    void aCommercialQueryGoesToTheAccountManagerNotTheCsm() {
        Map<String, Object> variables = new HashMap<>();
        variables.put(CLIENT_REFERENCE.name(), "ALPENWERK");
        variables.put(SUBJECT.name(), "Price of a second site under the contract");
        variables.put(DESCRIPTION.name(), "What does adding the Linz site cost per month?");
        variables.put(REPORTED_IMPACT.name(), "low");
        variables.put(SOURCE.name(), "client");
        variables.put(CATEGORY.name(), "commercial");
        variables.put(CONTACT_EMAIL.name(), "k.huber@alpenwerk.example");
        String id = runtimeService.startProcessInstanceByKey(KEY, variables).getId();
        fx.runAsync(id);
        String reference = businessKey(id);

        ProcessInstance instance = runtimeService
                .createProcessInstanceQuery()
                .processInstanceId(id)
                .singleResult();
        BpmnAwareTests.assertThat(instance).isWaitingAt(TASK_ANSWER_COMMERCIAL_QUERY);
        BpmnAwareTests.assertThat(fx.task(id, TASK_ANSWER_COMMERCIAL_QUERY)).hasCandidateGroup("account-manager");
        assertThat(fx.task(id, TASK_ACKNOWLEDGE)).as("not a CSM task").isNull();
        assertThat(outbox(reference, "escalation-commercial-query"))
                .containsExactly("account-manager@demo.csmflow.example");
        assertThat(outbox(reference, "escalation-raised"))
                .as("the CSMs are not asked")
                .isEmpty();
        assertThat(escalations.findByReference(reference).orElseThrow().getCategory())
                .isEqualTo("commercial");

        at(T0.plus(Duration.ofHours(2)));
        fx.completeAs(
                identityService,
                "account-manager",
                id,
                TASK_ANSWER_COMMERCIAL_QUERY,
                Map.of(COMMERCIAL_ANSWER.name(), "EUR 1,400 per month; the offer follows by mail"));
        BpmnAwareTests.assertThat(instance).isEnded();
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceId(id)
                        .singleResult()
                        .getEndActivityId())
                .isEqualTo(END_COMMERCIAL_ANSWERED);
        Escalation answered = escalations.findByReference(reference).orElseThrow();
        assertThat(answered.getStatus()).isEqualTo(EscalationStatus.CLOSED);
        assertThat(answered.getResolution()).isEqualTo("EUR 1,400 per month; the offer follows by mail");
        assertThat(kinds(reference))
                .containsExactly(
                        EscalationEventKind.RAISED,
                        EscalationEventKind.COMMERCIAL_QUERY,
                        EscalationEventKind.COMMERCIAL_ANSWERED);
        assertThat(events.findByEscalationIdOrderByOccurredAtAscIdAsc(answered.getId())
                        .get(2)
                        .getUserId())
                .isEqualTo("account-manager");
        assertThat(outbox(reference, "escalation-commercial-answer")).contains("k.huber@alpenwerk.example");
    }

    @Test
    void anEscalationFromAMajorIncidentIsAtLeastHighWhateverTheReportedImpact() {
        Map<String, Object> variables = new HashMap<>();
        variables.put(CLIENT_REFERENCE.name(), "ALPENWERK");
        variables.put(SUBJECT.name(), "Major incident 4711: site Graz offline");
        variables.put(REPORTED_IMPACT.name(), "low");
        variables.put(SOURCE.name(), "major-incident");
        variables.put(CONTACT_EMAIL.name(), null);
        String id = runtimeService.startProcessInstanceByKey(KEY, variables).getId();
        fx.runAsync(id);
        Escalation escalation = escalations.findByReference(businessKey(id)).orElseThrow();
        assertThat(escalation.getSeverity()).isEqualTo("high");
        assertThat(escalation.getPriority()).isEqualTo("P2");
        runtimeService.deleteProcessInstance(id, "test done");
    }

    @Test
    void anUnknownCategoryIsRefusedNamingTheField() {
        Map<String, Object> variables = new HashMap<>();
        variables.put(CLIENT_REFERENCE.name(), "ALPENWERK");
        variables.put(SUBJECT.name(), "Discount?");
        variables.put(REPORTED_IMPACT.name(), "low");
        variables.put(CATEGORY.name(), "sales");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> runtimeService.startProcessInstanceByKey(KEY, variables))
                .hasMessageContaining(CATEGORY.name());
    }

    @Test
    void updatesFollowTheCadenceWithReminderAndBreachWhenLate() {
        String id = raise("HUDSON-MUTUAL", "critical", "Mail gateway rejecting mail");
        String reference = businessKey(id);
        at(T0.plus(Duration.ofMinutes(5)));
        fx.complete(id, TASK_ACKNOWLEDGE, Map.of());
        // P1 Enhanced: an update every hour, reminder at 75 %
        assertThat(fx.dateVariable(id, UPDATE_DUE).toInstant()).isEqualTo(T0.plus(Duration.ofHours(1)));

        fx.fireAt(id, TIMER_UPDATE_REMINDER, T0.plus(Duration.ofMinutes(45)));
        assertThat(outbox(reference, "escalation-update-reminder")).contains("csm@demo.csmflow.example");
        assertThat(kinds(reference)).doesNotContain(EscalationEventKind.UPDATE_LATE);

        fx.fireAt(id, TIMER_UPDATE_LATE, T0.plus(Duration.ofHours(1)));
        assertThat(kinds(reference)).contains(EscalationEventKind.UPDATE_LATE);
        assertThat(outbox(reference, "escalation-update-late"))
                .contains("csm@demo.csmflow.example", "service-manager@demo.csmflow.example");

        at(T0.plus(Duration.ofMinutes(70)));
        fx.complete(id, TASK_WRITE_UPDATE, Map.of(CLIENT_UPDATE.name(), "Gateway restarted, queue draining"));
        assertThat(jdbc.queryForObject(
                        "SELECT state FROM sla_clock WHERE business_key = ? AND clock_name = "
                                + "'escalationUpdate' ORDER BY id LIMIT 1",
                        String.class,
                        reference))
                .isEqualTo("BREACHED");
        // the next update is due an hour after this one
        Instant nextDue = T0.plus(Duration.ofMinutes(130));
        assertThat(fx.dateVariable(id, UPDATE_DUE).toInstant()).isEqualTo(nextDue);
        assertThat(fx.timer(id, TIMER_UPDATE_LATE).getDuedate().toInstant()).isEqualTo(nextDue);
        runtimeService.deleteProcessInstance(id, "test done");
    }

    @Test
    void waitingForTheClientPausesTheClockAReopenResumesItAndAnUnknownRootCauseRequestsAProblem() {
        String id = raise("HUDSON-MUTUAL", "critical", "VPN drops every few minutes");
        String reference = businessKey(id);
        at(T0.plus(Duration.ofMinutes(5)));
        fx.complete(id, TASK_ACKNOWLEDGE, Map.of());
        assertThat(fx.timer(id, TIMER_RUNG_DELIVERY_MANAGER).getDuedate().toInstant())
                .isEqualTo(T0.plus(Duration.ofHours(4)));

        at(T0.plus(Duration.ofMinutes(10)));
        fx.complete(
                id,
                TASK_WORK,
                Map.of(
                        WORK_OUTCOME.name(),
                        "waitingForClient",
                        INFORMATION_REQUEST.name(),
                        "Please send the client logs of an affected laptop"));
        assertThat(runtimeService.getVariable(id, RESOLUTION_STATE.name())).isEqualTo("PAUSED");
        assertThat(escalations.findByReference(reference).orElseThrow().getStatus())
                .isEqualTo(EscalationStatus.WAITING_FOR_CLIENT);
        assertThat(fx.timer(id, TIMER_RUNG_DELIVERY_MANAGER).isSuspended())
                .as("no ladder while paused")
                .isTrue();
        assertThat(outbox(reference, "escalation-information-requested"))
                .contains("dana.whitfield@hudsonmutual.example");

        // two hours later the client answers: everything due moves by two hours
        at(T0.plus(Duration.ofMinutes(130)));
        runtimeService
                .createMessageCorrelation(CLIENT_RESPONSE_MESSAGE)
                .processInstanceBusinessKey(reference)
                .setVariable(CLIENT_RESPONSE.name(), "Logs attached")
                .correlate();
        fx.runAsync(id);
        assertThat(runtimeService.getVariable(id, RESOLUTION_STATE.name())).isEqualTo("RUNNING");
        assertThat(fx.dateVariable(id, RESOLUTION_DUE).toInstant()).isEqualTo(T0.plus(Duration.ofHours(6)));
        Job deliveryManagerRung = fx.timer(id, TIMER_RUNG_DELIVERY_MANAGER);
        assertThat(deliveryManagerRung.isSuspended()).isFalse();
        assertThat(deliveryManagerRung.getDuedate().toInstant()).isEqualTo(T0.plus(Duration.ofHours(6)));
        assertThat(fx.timer(id, TIMER_RUNG_SERVICE_MANAGER).getDuedate().toInstant())
                .isEqualTo(T0.plus(Duration.ofHours(5)));
        assertThat(fx.timer(id, TIMER_RUNG_DC_HEAD))
                .as("started with the delivery-manager rung")
                .isNull();
        assertThat(kinds(reference)).contains(EscalationEventKind.PAUSED, EscalationEventKind.RESUMED);

        // resolved after 2:20; the clock waits for the client's confirmation, and the client reopens an hour later
        at(T0.plus(Duration.ofMinutes(140)));
        fx.complete(id, TASK_WORK, Map.of(WORK_OUTCOME.name(), "resolved", RESOLUTION.name(), "MTU lowered"));
        assertThat(runtimeService.getVariable(id, RESOLUTION_STATE.name())).isEqualTo("PAUSED");
        at(T0.plus(Duration.ofMinutes(200)));
        runtimeService
                .createMessageCorrelation(CLIENT_ANSWER_MESSAGE)
                .processInstanceBusinessKey(reference)
                .setVariables(Map.of(CLIENT_CONFIRMED.name(), false, CLIENT_COMMENT.name(), "Drops are back"))
                .correlate();
        fx.runAsync(id);
        Escalation reopened = escalations.findByReference(reference).orElseThrow();
        assertThat(reopened.getReopenCount()).isEqualTo(1);
        assertThat(reopened.getStatus()).isEqualTo(EscalationStatus.ACKNOWLEDGED);
        assertThat(runtimeService.getVariable(id, RESOLUTION_STATE.name())).isEqualTo("RUNNING");
        assertThat(fx.dateVariable(id, RESOLUTION_DUE).toInstant()).isEqualTo(T0.plus(Duration.ofHours(7)));
        assertThat(fx.task(id, TASK_ACKNOWLEDGE))
                .as("acknowledged before: straight back to work")
                .isNull();
        assertThat(fx.task(id, TASK_WORK)).isNotNull();
        assertThat(fx.task(id, TASK_WRITE_UPDATE)).as("updates resume").isNotNull();

        at(T0.plus(Duration.ofMinutes(260)));
        fx.complete(
                id,
                TASK_WORK,
                Map.of(WORK_OUTCOME.name(), "resolved", RESOLUTION.name(), "Firmware of the concentrator updated"));
        fx.complete(id, TASK_RECORD_CLIENT_ANSWER, Map.of(CLIENT_CONFIRMED.name(), true));
        fx.complete(id, TASK_CLOSE, Map.of(ROOT_CAUSE_KNOWN.name(), false, CLOSING_SUMMARY.name(), "Stable for a day"));

        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .processInstanceId(id)
                        .count())
                .isZero();
        Map<String, Object> request = problemRequest(reference);
        assertThat(request)
                .containsEntry(ProblemProcess.SOURCE_TYPE.name(), "escalation")
                .containsEntry(ProblemProcess.SOURCE_REFERENCE.name(), reference)
                .containsEntry(CLIENT_REFERENCE.name(), "HUDSON-MUTUAL")
                .containsEntry(PRIORITY.name(), "P1")
                .containsEntry(ProblemProcess.SUMMARY.name(), "VPN drops every few minutes");
        Escalation closed = escalations.findByReference(reference).orElseThrow();
        assertThat(closed.getRootCauseKnown()).isFalse();
        assertThat(kinds(reference)).contains(EscalationEventKind.REOPENED, EscalationEventKind.CLOSED);
    }

    @Test
    void anSlaBreachOpensAnEscalationAndASecondBreachOfTheSameCaseJoinsIt() {
        String breachedCase = "CHG-2026-" + (1000 + Math.abs(UUID.randomUUID().hashCode() % 8999));
        probeDeployment = repositoryService
                .createDeployment()
                .name("sla-breach-probe")
                .addModelInstance(
                        "sla-breach-probe.bpmn",
                        Bpmn.createExecutableProcess("sla-breach-probe")
                                .camundaHistoryTimeToLive(1)
                                .startEvent()
                                .serviceTask("Task_ReportBreach")
                                .camundaDelegateExpression("${publishMessage}")
                                .camundaInputParameter("messageName", SLA_BREACHED_MESSAGE)
                                .camundaInputParameter(
                                        "payload",
                                        "{\"breachedBusinessKey\": \"${breachedBusinessKey}\", "
                                                + "\"breachedMetric\": \"${breachedMetric}\", \"clientReference\": \"ALPENWERK\", "
                                                + "\"summary\": \"CAB decision overdue\", \"priority\": \"P2\"}")
                                .endEvent()
                                .done())
                .deploy()
                .getId();

        runtimeService.startProcessInstanceByKey(
                "sla-breach-probe",
                breachedCase,
                Map.of(BREACHED_BUSINESS_KEY.name(), breachedCase, BREACHED_METRIC.name(), "cab.decision"));
        ProcessInstance first = runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(KEY)
                .variableValueEquals(BREACHED_BUSINESS_KEY.name(), breachedCase)
                .singleResult();
        fx.runAsync(first.getId());
        String reference = businessKey(first.getId());
        Escalation opened = escalations.findByReference(reference).orElseThrow();
        assertThat(opened.getSource()).isEqualTo("sla-breach");
        assertThat(opened.getBreachedBusinessKey()).isEqualTo(breachedCase);
        assertThat(opened.getBreachedMetric()).isEqualTo("cab.decision");
        assertThat(opened.getClientReference()).isEqualTo("ALPENWERK");
        assertThat(opened.getReportedImpact()).isEqualTo("high");
        assertThat(fx.task(first.getId(), TASK_ACKNOWLEDGE)).isNotNull();

        at(T0.plus(Duration.ofMinutes(20)));
        runtimeService.startProcessInstanceByKey(
                "sla-breach-probe",
                breachedCase,
                Map.of(BREACHED_BUSINESS_KEY.name(), breachedCase, BREACHED_METRIC.name(), "emergency-cab.decision"));
        List<HistoricProcessInstance> started = historyService
                .createHistoricProcessInstanceQuery()
                .processDefinitionKey(KEY)
                .variableValueEquals(BREACHED_BUSINESS_KEY.name(), breachedCase)
                .list();
        assertThat(started).hasSize(2);
        HistoricProcessInstance second = started.stream()
                .filter(i -> !i.getId().equals(first.getId()))
                .findFirst()
                .orElseThrow();
        fx.runAsync(second.getId());
        fx.runAsync(first.getId());

        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceId(second.getId())
                        .singleResult()
                        .getEndActivityId())
                .isEqualTo(END_JOINED);
        assertThat(escalations.findByBreachedBusinessKeyAndStatusNotOrderByRaisedAtAsc(
                        breachedCase, EscalationStatus.CLOSED))
                .extracting(Escalation::getReference)
                .containsExactly(reference);
        List<EscalationEvent> joined = events.findByEscalationIdOrderByOccurredAtAscIdAsc(opened.getId()).stream()
                .filter(event -> event.getKind() == EscalationEventKind.BREACH_JOINED)
                .toList();
        assertThat(joined).hasSize(1);
        assertThat(joined.get(0).getDetail()).isEqualTo(breachedCase + " missed emergency-cab.decision");
        assertThat(joined.get(0).getOccurredAt()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
        assertThat(outbox(reference, "escalation-breach-joined")).contains("csm@demo.csmflow.example");
        runtimeService.deleteProcessInstance(first.getId(), "test done");
    }

    @Test
    void theAcknowledgementClockRunsOnTheStandardClientsCalendarAndRoundTheClockForEnhancedCritical() {
        // Friday 6 March 2026, 16:30 in Munich: a high escalation of a Standard client (2 business hours)
        at(Instant.parse("2026-03-06T15:30:00Z"));
        String standard = raise("ALPENWERK", "high", "Invoices not exported");
        // 30 minutes on Friday until 17:00, the other 90 from Monday 08:00: due Monday 09:30 in Munich
        assertThat(fx.dateVariable(standard, ACKNOWLEDGE_DUE).toInstant())
                .isEqualTo(Instant.parse("2026-03-09T08:30:00Z"));
        assertThat(fx.timer(standard, TIMER_ACK_OVERDUE).getDuedate().toInstant())
                .isEqualTo(Instant.parse("2026-03-09T08:30:00Z"));

        // Saturday 7 March 2026, 03:00 in New York: critical for an Enhanced client, 15 minutes round the clock
        at(Instant.parse("2026-03-07T08:00:00Z"));
        String enhanced = raise("HUDSON-MUTUAL", "critical", "Core banking unreachable");
        assertThat(fx.dateVariable(enhanced, ACKNOWLEDGE_DUE).toInstant())
                .isEqualTo(Instant.parse("2026-03-07T08:15:00Z"));
        fx.fireAt(enhanced, TIMER_ACK_OVERDUE, Instant.parse("2026-03-07T08:15:00Z"));
        assertLevel(businessKey(enhanced), EscalationLevel.SERVICE_MANAGER);
        runtimeService.deleteProcessInstance(standard, "test done");
        runtimeService.deleteProcessInstance(enhanced, "test done");
    }

    @Test
    void theSeverityTableWeighsTierImpactSourceAndRepetitionAndEveryRuleIsUsed() {
        Set<String> before = decisionInstanceIds();
        assertThat(decide("STANDARD", "critical", "client", false))
                .containsEntry(SEVERITY.name(), "critical")
                .containsEntry(PRIORITY.name(), "P1")
                .containsEntry(URGENT_UPDATES.name(), true);
        assertThat(decide("ENHANCED", "high", "client", true)).containsEntry(SEVERITY.name(), "critical");
        // a major incident is at least high, whatever the reported impact
        assertThat(decide("STANDARD", "low", "major-incident", false))
                .containsEntry(SEVERITY.name(), "high")
                .containsEntry(PRIORITY.name(), "P2");
        assertThat(decide("ENHANCED", "medium", "major-incident", false)).containsEntry(SEVERITY.name(), "high");
        assertThat(decide("STANDARD", "critical", "major-incident", false)).containsEntry(SEVERITY.name(), "critical");
        assertThat(decide("STANDARD", "high", "client", true)).containsEntry(SEVERITY.name(), "high");
        assertThat(decide("STANDARD", "medium", "sla-breach", false)).containsEntry(PRIORITY.name(), "P2");
        assertThat(decide("ENHANCED", "medium", "client", true)).containsEntry(PRIORITY.name(), "P2");
        assertThat(decide("ENHANCED", "medium", "staff", false))
                .containsEntry(SEVERITY.name(), "medium")
                .containsEntry(URGENT_UPDATES.name(), false);
        assertThat(decide("STANDARD", "low", "client", true)).containsEntry(PRIORITY.name(), "P3");
        assertThat(decide("STANDARD", "low", "client", false))
                .containsEntry(SEVERITY.name(), "low")
                .containsEntry(PRIORITY.name(), "P4");

        // every rule of the deployed table matched at least once
        Set<String> matched = historyService
                .createHistoricDecisionInstanceQuery()
                .decisionDefinitionKey(SEVERITY_DECISION)
                .includeOutputs()
                .list()
                .stream()
                .filter(instance -> !before.contains(instance.getId()))
                .flatMap(instance -> instance.getOutputs().stream())
                .map(HistoricDecisionOutputInstance::getRuleId)
                .collect(Collectors.toCollection(TreeSet::new));
        String definitionId = repositoryService
                .createDecisionDefinitionQuery()
                .decisionDefinitionKey(SEVERITY_DECISION)
                .latestVersion()
                .singleResult()
                .getId();
        Set<String> rules =
                repositoryService.getDmnModelInstance(definitionId).getModelElementsByType(Rule.class).stream()
                        .map(Rule::getId)
                        .collect(Collectors.toCollection(TreeSet::new));
        assertThat(rules).contains("Rule_MajorIncident");
        assertThat(matched).isEqualTo(rules);
    }

    private Set<String> decisionInstanceIds() {
        return historyService
                .createHistoricDecisionInstanceQuery()
                .decisionDefinitionKey(SEVERITY_DECISION)
                .list()
                .stream()
                .map(HistoricDecisionInstance::getId)
                .collect(Collectors.toSet());
    }

    /** Enforces the 95 % flow-node coverage of bpmn/escalation.bpmn over this class's instances. */
    @AfterAll
    static void flowNodeCoverageOfTheEscalationModel() {
        ProcessDefinition definition = repository
                .createProcessDefinitionQuery()
                .processDefinitionKey(KEY)
                .latestVersion()
                .singleResult();
        Set<String> nodes =
                repository.getBpmnModelInstance(definition.getId()).getModelElementsByType(FlowNode.class).stream()
                        .map(FlowNode::getId)
                        .collect(Collectors.toCollection(TreeSet::new));
        Set<String> passed = new HashSet<>();
        for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
                .processDefinitionId(definition.getId())
                .list()) {
            if (!instancesBefore.contains(instance.getId())) {
                history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list().stream()
                        .map(HistoricActivityInstance::getActivityId)
                        .forEach(passed::add);
            }
        }
        Set<String> missed = new TreeSet<>(nodes);
        missed.removeAll(passed);
        double coverage = (nodes.size() - missed.size()) / (double) nodes.size();
        System.out.printf(
                "escalation.bpmn flow-node coverage %.1f %% (%d of %d), not passed: %s%n",
                coverage * 100, nodes.size() - missed.size(), nodes.size(), missed);
        assertThat(coverage)
                .as("flow-node coverage of escalation.bpmn; not passed: %s", missed)
                .isGreaterThanOrEqualTo(FLOW_NODE_COVERAGE_AT_LEAST);
    }

    private Map<String, Object> decide(String tier, String impact, String source, boolean repeated) {
        return decisionService
                .evaluateDecisionTableByKey(
                        SEVERITY_DECISION,
                        Variables.createVariables()
                                .putValue(CLIENT_TIER.name(), tier)
                                .putValue(REPORTED_IMPACT.name(), impact)
                                .putValue(SOURCE.name(), source)
                                .putValue(REPEATED_WITHIN_30_DAYS.name(), repeated))
                .getSingleResult()
                .getEntryMap();
    }

    /** Started like the REST API does: business key given, source client. */
    private String raise(String client, String impact, String subject) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(CLIENT_REFERENCE.name(), client);
        variables.put(SUBJECT.name(), subject);
        variables.put(REPORTED_IMPACT.name(), impact);
        variables.put(SOURCE.name(), "client");
        variables.put(CONTACT_EMAIL.name(), null);
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(KEY, variables);
        fx.runAsync(instance.getId());
        return instance.getId();
    }

    private String businessKey(String processInstanceId) {
        return historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId)
                .singleResult()
                .getBusinessKey();
    }

    private void assertLevel(String reference, EscalationLevel level) {
        assertThat(escalations.findByReference(reference).orElseThrow().getLevelReached())
                .isEqualTo(level);
    }

    private List<EscalationEventKind> kinds(String reference) {
        Escalation escalation = escalations.findByReference(reference).orElseThrow();
        return events.findByEscalationIdOrderByOccurredAtAscIdAsc(escalation.getId()).stream()
                .map(EscalationEvent::getKind)
                .toList();
    }

    private List<String> outbox(String businessKey, String template) {
        return jdbc.queryForList(
                "SELECT recipient FROM notification_outbox WHERE business_key = ? AND template_id = ?",
                String.class,
                businessKey,
                template);
    }

    /**
     * The problem-requested message: a started problem workflow (once it is deployed) or, until then, the
     * undelivered-message register entry. Null when neither exists.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> problemRequest(String reference) {
        List<String> kept = jdbc.queryForList(
                "SELECT data FROM register_entry WHERE register = 'undelivered-message' " + "AND reference = ?",
                String.class,
                "problem-requested:" + reference);
        if (!kept.isEmpty()) {
            try {
                return objectMapper.readValue(kept.get(0), Map.class);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        List<org.camunda.bpm.engine.history.HistoricVariableInstance> started = historyService
                .createHistoricVariableInstanceQuery()
                .variableName(ProblemProcess.SOURCE_REFERENCE.name())
                .list()
                .stream()
                .filter(variable -> reference.equals(variable.getValue()))
                .toList();
        if (started.isEmpty()) {
            return null;
        }
        Map<String, Object> payload = new HashMap<>();
        historyService
                .createHistoricVariableInstanceQuery()
                .processInstanceId(started.get(0).getProcessInstanceId())
                .list()
                .forEach(variable -> payload.put(variable.getName(), variable.getValue()));
        return payload;
    }
}
