package com.csmflow.change;

import static com.csmflow.change.ChangeProcess.ADVISORY_BOARD;
import static com.csmflow.change.ChangeProcess.ADVISORY_BOARD_AGENDA;
import static com.csmflow.change.ChangeProcess.ADVISORY_BOARD_AT;
import static com.csmflow.change.ChangeProcess.APPROVAL_PERCENTAGE;
import static com.csmflow.change.ChangeProcess.APPROVAL_RULE;
import static com.csmflow.change.ChangeProcess.BILLABLE;
import static com.csmflow.change.ChangeProcess.CAB_AGENDA;
import static com.csmflow.change.ChangeProcess.CAB_DECISION;
import static com.csmflow.change.ChangeProcess.CAB_DECISION_BREACHED;
import static com.csmflow.change.ChangeProcess.CAB_DECISION_DUE;
import static com.csmflow.change.ChangeProcess.CAB_DECISION_STATE;
import static com.csmflow.change.ChangeProcess.CAB_DECISION_WARNING;
import static com.csmflow.change.ChangeProcess.CAB_MEETING_AT;
import static com.csmflow.change.ChangeProcess.CAB_MEMBERS;
import static com.csmflow.change.ChangeProcess.CAB_REQUIRED;
import static com.csmflow.change.ChangeProcess.CAB_VOTERS;
import static com.csmflow.change.ChangeProcess.CHANGE_CLASS;
import static com.csmflow.change.ChangeProcess.CONFIGURATION_UPDATES;
import static com.csmflow.change.ChangeProcess.DECIDED_BY;
import static com.csmflow.change.ChangeProcess.DECISION;
import static com.csmflow.change.ChangeProcess.DECISION_COMMENT;
import static com.csmflow.change.ChangeProcess.DESCRIPTION;
import static com.csmflow.change.ChangeProcess.EMERGENCY_CAB_DECISION_DUE;
import static com.csmflow.change.ChangeProcess.EMERGENCY_CAB_DECISION_STATE;
import static com.csmflow.change.ChangeProcess.END_CAB_BREACH_REPORTED;
import static com.csmflow.change.ChangeProcess.END_CAB_REMINDED;
import static com.csmflow.change.ChangeProcess.END_CHANGE_CLOSED;
import static com.csmflow.change.ChangeProcess.END_CHANGE_REJECTED;
import static com.csmflow.change.ChangeProcess.END_CLIENT_TOLD_APPROVED;
import static com.csmflow.change.ChangeProcess.END_CLIENT_TOLD_RECEIVED;
import static com.csmflow.change.ChangeProcess.EVENT_CLIENT_APPROVAL;
import static com.csmflow.change.ChangeProcess.IMPACT;
import static com.csmflow.change.ChangeProcess.IMPACTED_SERVICES;
import static com.csmflow.change.ChangeProcess.IMPLEMENTATION_NOTES;
import static com.csmflow.change.ChangeProcess.IMPLEMENTATION_RESULT;
import static com.csmflow.change.ChangeProcess.LESSONS_LEARNED;
import static com.csmflow.change.ChangeProcess.MAJOR_CHANGE;
import static com.csmflow.change.ChangeProcess.NON_STANDARD;
import static com.csmflow.change.ChangeProcess.NOTICE_AT;
import static com.csmflow.change.ChangeProcess.NOTICE_DUE_TEXT;
import static com.csmflow.change.ChangeProcess.NOTICE_LATE;
import static com.csmflow.change.ChangeProcess.PIR_OUTCOME;
import static com.csmflow.change.ChangeProcess.REQUESTED_TYPE;
import static com.csmflow.change.ChangeProcess.REQUESTER_EMAIL;
import static com.csmflow.change.ChangeProcess.RETROSPECTIVE_VERDICT;
import static com.csmflow.change.ChangeProcess.REVIEW_NOTES;
import static com.csmflow.change.ChangeProcess.RISK_LEVEL;
import static com.csmflow.change.ChangeProcess.ROLLBACK_NOTES;
import static com.csmflow.change.ChangeProcess.SCHEDULE_NOTES;
import static com.csmflow.change.ChangeProcess.SHORT_NOTICE;
import static com.csmflow.change.ChangeProcess.SHORT_NOTICE_REASON;
import static com.csmflow.change.ChangeProcess.TASK_ALERT_EMERGENCY_CAB;
import static com.csmflow.change.ChangeProcess.TASK_ALERT_EMERGENCY_FALLBACK;
import static com.csmflow.change.ChangeProcess.TASK_CAB_VOTE;
import static com.csmflow.change.ChangeProcess.TASK_CHOOSE_APPROVAL_RULE;
import static com.csmflow.change.ChangeProcess.TASK_CLASSIFY_CHANGE;
import static com.csmflow.change.ChangeProcess.TASK_CLOSE_CHANGE;
import static com.csmflow.change.ChangeProcess.TASK_CONFIRM_SHORT_NOTICE;
import static com.csmflow.change.ChangeProcess.TASK_EMERGENCY_CAB_DECISION;
import static com.csmflow.change.ChangeProcess.TASK_EMERGENCY_RETROSPECTIVE;
import static com.csmflow.change.ChangeProcess.TASK_IMPLEMENT_CHANGE;
import static com.csmflow.change.ChangeProcess.TASK_INVITE_ADVISORY_BOARD;
import static com.csmflow.change.ChangeProcess.TASK_INVITE_CAB;
import static com.csmflow.change.ChangeProcess.TASK_INVITE_CAB_MEMBERS;
import static com.csmflow.change.ChangeProcess.TASK_OFFER_CAB_ATTENDANCE;
import static com.csmflow.change.ChangeProcess.TASK_POST_IMPLEMENTATION_REVIEW;
import static com.csmflow.change.ChangeProcess.TASK_PREPARE_ADVISORY_BOARD;
import static com.csmflow.change.ChangeProcess.TASK_PREPARE_CAB;
import static com.csmflow.change.ChangeProcess.TASK_PUBLISH_CAB_BREACH;
import static com.csmflow.change.ChangeProcess.TASK_RECORD_BILLING;
import static com.csmflow.change.ChangeProcess.TASK_RECORD_CLIENT_APPROVAL;
import static com.csmflow.change.ChangeProcess.TASK_RECORD_DECISION;
import static com.csmflow.change.ChangeProcess.TASK_RECORD_NOTICE_SENT;
import static com.csmflow.change.ChangeProcess.TASK_RECORD_ROLLBACK;
import static com.csmflow.change.ChangeProcess.TASK_RECORD_SHORT_NOTICE;
import static com.csmflow.change.ChangeProcess.TASK_REGISTER_CHANGE;
import static com.csmflow.change.ChangeProcess.TASK_REPORT_CAB_BREACH;
import static com.csmflow.change.ChangeProcess.TASK_REQUEST_PROBLEM;
import static com.csmflow.change.ChangeProcess.TASK_ROLL_BACK;
import static com.csmflow.change.ChangeProcess.TASK_SCHEDULE_CHANGE;
import static com.csmflow.change.ChangeProcess.TASK_SEND_MAINTENANCE_NOTICE;
import static com.csmflow.change.ChangeProcess.TASK_SERVICE_MANAGER_DECISION;
import static com.csmflow.change.ChangeProcess.TASK_START_CAB_CLOCK;
import static com.csmflow.change.ChangeProcess.TASK_START_EMERGENCY_CLOCK;
import static com.csmflow.change.ChangeProcess.TASK_STOP_CAB_CLOCK;
import static com.csmflow.change.ChangeProcess.TASK_STOP_EMERGENCY_CLOCK;
import static com.csmflow.change.ChangeProcess.TASK_TECHNICAL_REVIEW;
import static com.csmflow.change.ChangeProcess.TASK_TELL_CLIENT_APPROVED;
import static com.csmflow.change.ChangeProcess.TASK_TELL_CLIENT_RECEIVED;
import static com.csmflow.change.ChangeProcess.TASK_TELL_OUTCOME;
import static com.csmflow.change.ChangeProcess.TASK_TELL_REJECTION;
import static com.csmflow.change.ChangeProcess.TASK_UPDATE_CONFIGURATION;
import static com.csmflow.change.ChangeProcess.TASK_WARN_CAB_DECISION;
import static com.csmflow.change.ChangeProcess.TIMER_CAB_DECISION_DUE;
import static com.csmflow.change.ChangeProcess.TIMER_CAB_DECISION_WARNING;
import static com.csmflow.change.ChangeProcess.TIMER_EMERGENCY_CAB_DUE;
import static com.csmflow.change.ChangeProcess.TIMER_NOTICE_DUE;
import static com.csmflow.change.ChangeProcess.TIMER_WINDOW_START;
import static com.csmflow.change.ChangeProcess.TITLE;
import static com.csmflow.change.ChangeProcess.URGENCY;
import static com.csmflow.change.ChangeProcess.VETO;
import static com.csmflow.change.ChangeProcess.VETOED_BY;
import static com.csmflow.change.ChangeProcess.VOTE;
import static com.csmflow.change.ChangeProcess.VOTE_COMMENT;
import static com.csmflow.change.ChangeProcess.WINDOW_END;
import static com.csmflow.change.ChangeProcess.WINDOW_START;
import static com.csmflow.change.ChangeProcess.WINDOW_START_AT;
import static com.csmflow.change.ChangeProcess.WINDOW_TEXT;
import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;
import static com.csmflow.engine.CaseVariables.PRIORITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.csmflow.api.InvalidInputException;
import com.csmflow.engine.ProcessVariable;
import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.TestServers;
import com.csmflow.notification.DeliveryJobs;
import com.csmflow.notification.NotificationDeliveryProcess;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every path through change-request, on the engine with its real delegates, decision tables, register
 * and SLA clocks (embedded PostgreSQL), time moved with the engine clock. After all paths, at least 95 %
 * of the flow nodes of the model must have been passed by the instances of this class.
 */
// This workflow hands cases to other workflows (sla-breached, problem-requested), whose models the
// coverage library would count against this class. The class enforces 95 % of its OWN model instead
// (see the @AfterAll check); the receivers' coverage is enforced by their own process tests.
@ExcludeFromProcessCoverage
@CsmFlowTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeRequestProcessTest {

    static final double FLOW_NODE_COVERAGE_AT_LEAST = 0.95;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Monday 1 June 2026, 09:00 in Munich; Thursday 4 June is Corpus Christi, a holiday in Bavaria. */
    private static final Instant MONDAY_MORNING =
            ZonedDateTime.of(2026, 6, 1, 9, 0, 0, 0, BERLIN).toInstant();
    /** Saturday 6 June 2026, 02:00-04:00 in Munich. */
    private static final ZonedDateTime WINDOW = ZonedDateTime.of(2026, 6, 6, 2, 0, 0, 0, BERLIN);

    private static final List<String> EXTRA_CAB = List.of("cab-test-1", "cab-test-2", "cab-test-3");
    private static final String CAB_AND_ISEC = "cab-isec-test";

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
    org.camunda.bpm.engine.FormService formService;

    @Autowired
    ChangeRecordRepository changes;

    @Autowired
    CabVoteRepository votes;

    @Autowired
    ChangeService changeService;

    @Autowired
    JdbcTemplate jdbc;

    private final List<String> instances = new ArrayList<>();

    @BeforeAll
    void createCabMembers() {
        for (String id : EXTRA_CAB) {
            createUser(id, "cab");
        }
        createUser(CAB_AND_ISEC, "cab", "isec");
    }

    @AfterAll
    void removeCabMembersAndCheckCoverage() {
        for (String id : EXTRA_CAB) {
            identityService.deleteUser(id);
        }
        identityService.deleteUser(CAB_AND_ISEC);

        String definitionId = repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey(ChangeProcess.KEY)
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
                    .map(id -> id.replace("#multiInstanceBody", ""))
                    .forEach(passed::add);
        }
        Set<String> missing = new HashSet<>(all);
        missing.removeAll(passed);
        double coverage = (all.size() - missing.size()) / (double) all.size();
        System.out.printf(
                "change-request flow-node coverage: %d of %d (%.1f %%), not passed: %s%n",
                all.size() - missing.size(), all.size(), coverage * 100, missing);
        assertThat(coverage)
                .as("flow-node coverage of change-request, not passed: %s", missing)
                .isGreaterThanOrEqualTo(FLOW_NODE_COVERAGE_AT_LEAST);
    }

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    // ------------------------------------------------------------------ paths

    @Test
    void standardChangeIsPreApprovedAndClosesWithoutReview() {
        ZonedDateTime window = WINDOW.plusWeeks(2);
        ProcessInstance instance = start(request("standard", "low", "low", "ALPENWERK", window, false));
        String key = businessKey(instance);
        assertThat(key).matches("CHG-2026-\\d{4,}");

        assertThat(instance)
                .hasPassed(TASK_REGISTER_CHANGE, TASK_CLASSIFY_CHANGE, TASK_CHOOSE_APPROVAL_RULE, TASK_RECORD_DECISION)
                .hasNotPassed(TASK_PREPARE_CAB, TASK_START_EMERGENCY_CLOCK)
                .isWaitingAt(TASK_SCHEDULE_CHANGE);
        assertThat(instance)
                .variables()
                .containsEntry(CHANGE_CLASS.name(), "standard")
                .containsEntry(PRIORITY.name(), "P4")
                .containsEntry(CAB_REQUIRED.name(), false)
                .containsEntry(CAB_DECISION.name(), "PRE_APPROVED");
        ChangeRecord record = changes.findByReference(key).orElseThrow();
        assertThat(record.getStatus()).isEqualTo("APPROVED");
        assertThat(record.getOrigin().getProcessInstanceId()).isEqualTo(instance.getId());

        complete(instance, TASK_SCHEDULE_CHANGE, Map.of());
        // Standard P4: change.notice PT40H = 5 business days before Saturday 20 June: Monday 15 June, 08:00 Munich
        assertThat(dateVariable(instance, NOTICE_AT))
                .isEqualTo(ZonedDateTime.of(2026, 6, 15, 8, 0, 0, 0, BERLIN).toInstant());
        // the register and schedule steps write back the request's values and the unchanged window:
        // the variable history gets a row only for a new value (docs/performance.md, tuning 17)
        assertThat(repeatedWrites(instance)).isEmpty();
        passNoticeAndWindow(instance);
        complete(
                instance,
                TASK_IMPLEMENT_CHANGE,
                Map.of(
                        IMPLEMENTATION_RESULT.name(),
                        "success",
                        IMPLEMENTATION_NOTES.name(),
                        "Firmware 17.3 installed"));
        complete(instance, TASK_TECHNICAL_REVIEW, Map.of(REVIEW_NOTES.name(), "All tunnels up"));
        runJobs(instance);

        assertThat(instance)
                .hasPassed(TASK_TELL_OUTCOME, TASK_CLOSE_CHANGE)
                .hasNotPassed(
                        TASK_UPDATE_CONFIGURATION,
                        TASK_RECORD_BILLING,
                        TASK_POST_IMPLEMENTATION_REVIEW,
                        TASK_PREPARE_CAB)
                .isEnded();
        assertThat(changes.findByReference(key).orElseThrow().getStatus()).isEqualTo("CLOSED");
    }

    @Test
    void normalChangeApprovedByAllCabMembersThenImplementedReviewedBilledAndClosedByThePir() {
        ProcessInstance instance = start(request("normal", "high", "medium", "ALPENWERK", WINDOW, true));
        String key = businessKey(instance);
        assertThat(instance)
                .variables()
                .containsEntry(CHANGE_CLASS.name(), "normal")
                .containsEntry(RISK_LEVEL.name(), "high")
                .containsEntry(APPROVAL_RULE.name(), "all")
                .containsEntry(MAJOR_CHANGE.name(), true);
        assertThat(task(instance, TASK_PREPARE_CAB)).hasCandidateGroup("csm");
        // the CAB decision clock runs from here: the CSM's "Prepare the CAB" is due with it (issue 16)
        assertThat(task(instance, TASK_PREPARE_CAB).getDueDate()).isNotNull();
        assertThat(task(instance, TASK_PREPARE_CAB).getDueDate().toInstant())
                .isEqualTo(dateVariable(instance, CAB_DECISION_DUE));

        prepareCab(instance, "cab,cab-test-1,cab-test-2");
        assertThat(taskService
                        .createTaskQuery()
                        .processInstanceId(instance.getId())
                        .taskDefinitionKey(TASK_CAB_VOTE)
                        .list())
                .extracting(Task::getAssignee)
                .containsExactlyInAnyOrder("cab", "cab-test-1", "cab-test-2");
        assertThat(instance)
                .variables()
                .containsEntry(CAB_VOTERS.name(), List.of("cab", "cab-test-1", "cab-test-2"))
                .containsEntry(IMPACTED_SERVICES.name(), List.of("Networking", "VPN"))
                .doesNotContainKey("cabVoterList");
        // a vote is personal: assigned to the member, offered to no group
        assertThat(candidateGroups(task(instance, TASK_CAB_VOTE, "cab"))).isEmpty();

        vote(instance, "cab", "approve", false, "Low blast radius");
        vote(instance, "cab-test-1", "approve", false, null);
        assertThat(instance).isWaitingAt(TASK_CAB_VOTE);
        vote(instance, "cab-test-2", "approve", false, "Rollback plan is fine");

        // high impact: the decision table asks for the customer advisory board, led by the CSM (seed 002)
        assertThat(instance)
                .hasPassed(TASK_STOP_CAB_CLOCK, TASK_RECORD_DECISION)
                .isWaitingAt(TASK_PREPARE_ADVISORY_BOARD)
                .variables()
                .containsEntry(ADVISORY_BOARD.name(), true);
        assertThat(task(instance, TASK_PREPARE_ADVISORY_BOARD)).hasCandidateGroup("csm");
        assertThat(outboxRows(key, "change-approved"))
                .as("not approved before the client is")
                .isEmpty();
        holdAdvisoryBoard(instance);
        assertThat(outboxRows(key, "change-advisory-board-invitation"))
                .extracting(row -> row.get("audience"))
                .contains("CLIENT");
        changeService.clientApproval(key, new ClientApprovalBody(true, "Dr. Wimmer (IT head)", "Go ahead"));
        assertThat(instance)
                .hasPassed(EVENT_CLIENT_APPROVAL, TASK_RECORD_CLIENT_APPROVAL)
                .isWaitingAt(TASK_SCHEDULE_CHANGE);
        runJobs(instance);
        assertThat(instance).hasPassed(TASK_TELL_CLIENT_APPROVED, END_CLIENT_TOLD_APPROVED);
        // the client heard that the change was received and, after its own board, that it is approved
        assertThat(outboxRows(key, "change-received"))
                .extracting(row -> row.get("audience"))
                .contains("CLIENT");
        assertThat(outboxRows(key, "change-approved"))
                .extracting(row -> row.get("audience"))
                .contains("CLIENT");
        assertThat(changes.findByReference(key).orElseThrow().getDecisionReason())
                .isEqualTo("Approved by the client's advisory board (Dr. Wimmer (IT head)): Go ahead");
        assertThatThrownBy(() -> changeService.clientApproval(key, new ClientApprovalBody(false, "late", null)))
                .as("answered once; a second answer is a conflict")
                .isInstanceOf(com.csmflow.api.ConflictException.class);
        assertThat(instance)
                .variables()
                .containsEntry(CAB_DECISION.name(), "APPROVED")
                .containsEntry(CAB_DECISION_STATE.name(), "MET");
        assertThat(votes.findByChangeReferenceOrderByVotedAtAscIdAsc(key))
                .extracting(CabVote::getVoter, CabVote::getVote)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cab", "approve"),
                        org.assertj.core.groups.Tuple.tuple("cab-test-1", "approve"),
                        org.assertj.core.groups.Tuple.tuple("cab-test-2", "approve"));

        complete(instance, TASK_SCHEDULE_CHANGE, Map.of(SCHEDULE_NOTES.name(), "Change window agreed with Mr Wimmer"));
        // Standard P3: 3 business days before Saturday 6 June, skipping Corpus Christi: Tuesday 2 June 08:00
        Instant noticeAt = ZonedDateTime.of(2026, 6, 2, 8, 0, 0, 0, BERLIN).toInstant();
        assertThat(dateVariable(instance, NOTICE_AT)).isEqualTo(noticeAt);
        assertThat(timerDue(instance, TIMER_NOTICE_DUE)).isEqualTo(noticeAt);
        passNoticeAndWindow(instance);
        assertThat(changes.findByReference(key).orElseThrow().getNoticeSentAt()).isEqualTo(noticeAt);

        complete(
                instance,
                TASK_IMPLEMENT_CHANGE,
                Map.of(IMPLEMENTATION_RESULT.name(), "success", IMPLEMENTATION_NOTES.name(), "Core switch replaced"));
        complete(instance, TASK_TECHNICAL_REVIEW, Map.of(REVIEW_NOTES.name(), "Config matches the plan"));
        complete(
                instance,
                TASK_UPDATE_CONFIGURATION,
                Map.of(CONFIGURATION_UPDATES.name(), "COG 4.2, CMDB CI core-sw-01"));
        runJobs(instance);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM register_entry WHERE register = 'billing-record' "
                                + "AND business_key = ?",
                        Integer.class,
                        key))
                .isEqualTo(1);

        Task pir = task(instance, TASK_POST_IMPLEMENTATION_REVIEW);
        assertThat(pir).hasCandidateGroup("csm");
        complete(
                instance,
                TASK_POST_IMPLEMENTATION_REVIEW,
                Map.of(PIR_OUTCOME.name(), "achieved", LESSONS_LEARNED.name(), "Book the window earlier"));
        assertThat(instance)
                .hasPassed(
                        TASK_UPDATE_CONFIGURATION,
                        TASK_RECORD_BILLING,
                        TASK_POST_IMPLEMENTATION_REVIEW,
                        TASK_CLOSE_CHANGE)
                .hasNotPassed(TASK_EMERGENCY_RETROSPECTIVE)
                .isEnded();
        ChangeRecord closed = changes.findByReference(key).orElseThrow();
        assertThat(closed.getStatus()).isEqualTo("CLOSED");
        assertThat(closed.getImplementationResult()).isEqualTo("SUCCESS");
        assertThat(closed.getClosedAt()).isNotNull();
    }

    @Test
    void normalChangeRejectedByMajorityClientIsToldWhy() throws Exception {
        ProcessInstance instance = start(request("normal", "medium", "low", "ALPENWERK", WINDOW, false));
        String key = businessKey(instance);
        assertThat(instance).variables().containsEntry(APPROVAL_RULE.name(), "majority");
        prepareCab(instance, "cab,cab-test-1,cab-test-2");

        vote(instance, "cab", "reject", false, "No rollback plan");
        assertThat(instance).isWaitingAt(TASK_CAB_VOTE);
        vote(instance, "cab-test-1", "reject", false, "Clashes with month-end closing");

        // two of three against: a majority can no longer be reached, the third member's task is withdrawn
        assertThat(taskService
                        .createTaskQuery()
                        .processInstanceId(instance.getId())
                        .taskAssignee("cab-test-2")
                        .count())
                .isZero();
        assertThat(instance).hasPassed(TASK_RECORD_DECISION).variables().containsEntry(CAB_DECISION.name(), "REJECTED");
        runJobs(instance);
        assertThat(instance).hasPassed(TASK_TELL_REJECTION, END_CHANGE_REJECTED).isEnded();
        ChangeRecord record = changes.findByReference(key).orElseThrow();
        assertThat(record.getStatus()).isEqualTo("REJECTED");
        assertThat(record.getDecisionReason()).contains("No rollback plan").contains("month-end closing");
        assertThat(votes.findByChangeReferenceOrderByVotedAtAscIdAsc(key)).hasSize(2);

        deliverNotifications(key);
        MimeMessage mail = mailTo("k.huber@alpenwerk.example", key, "nicht genehmigt");
        assertThat(mail.getSubject()).contains("nicht genehmigt");
        assertThat(mail.getContent().toString()).contains("No rollback plan");
        assertThat(mailTo("requester@alpenwerk.example", key)).isNotNull();
    }

    @Test
    void cabRuleAnyOneApprovalIsEnough() {
        ProcessInstance instance = start(request("normal", "low", "low", "ALPENWERK", WINDOW, false));
        assertThat(instance).variables().containsEntry(APPROVAL_RULE.name(), "any");
        prepareCab(instance, "cab,cab-test-1,cab-test-2");
        vote(instance, "cab-test-1", "approve", false, "Fine");
        assertThat(taskService
                        .createTaskQuery()
                        .processInstanceId(instance.getId())
                        .taskDefinitionKey(TASK_CAB_VOTE)
                        .count())
                .isZero();
        assertThat(instance)
                .isWaitingAt(TASK_SCHEDULE_CHANGE)
                .variables()
                .containsEntry(CAB_DECISION.name(), "APPROVED");
    }

    @Test
    void cabRuleMajorityTwoOfThreeApprove() {
        ProcessInstance instance = start(request("normal", "medium", "low", "ALPENWERK", WINDOW, false));
        prepareCab(instance, "cab,cab-test-1,cab-test-2");
        vote(instance, "cab", "approve", false, null);
        vote(instance, "cab-test-1", "reject", false, "Too early");
        assertThat(instance).isWaitingAt(TASK_CAB_VOTE);
        vote(instance, "cab-test-2", "approve", false, null);
        assertThat(instance)
                .isWaitingAt(TASK_SCHEDULE_CHANGE)
                .variables()
                .containsEntry(CAB_DECISION.name(), "APPROVED");
    }

    @Test
    void cabRulePercentageEnhancedClientNeedsThreeQuarters() {
        ProcessInstance instance = start(request(
                "normal",
                "medium",
                "low",
                "HUDSON-MUTUAL",
                ZonedDateTime.of(2026, 6, 13, 22, 0, 0, 0, ZoneId.of("America/New_York")),
                false));
        assertThat(instance)
                .variables()
                .containsEntry(APPROVAL_RULE.name(), "percentage")
                .containsEntry(APPROVAL_PERCENTAGE.name(), 75);
        prepareCab(instance, "cab,cab-test-1,cab-test-2,cab-test-3");
        // an Enhanced client is offered a seat at the CAB meeting (seed 000), in its own language
        assertThat(instance).hasPassed(TASK_OFFER_CAB_ATTENDANCE);
        assertThat(outboxRows(businessKey(instance), "change-cab-attendance-offer"))
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.get("audience")).isEqualTo("CLIENT"));
        vote(instance, "cab", "approve", false, null);
        vote(instance, "cab-test-1", "reject", false, "Prefer next week");
        vote(instance, "cab-test-2", "approve", false, null);
        // 2 of 4 so far: a majority rule would be undecided too, but 3 of 4 (75 %) is still reachable
        assertThat(instance).isWaitingAt(TASK_CAB_VOTE);
        vote(instance, "cab-test-3", "approve", false, null);
        assertThat(instance)
                .isWaitingAt(TASK_SCHEDULE_CHANGE)
                .variables()
                .containsEntry(CAB_DECISION.name(), "APPROVED");
        assertThat(changes.findByReference(businessKey(instance)).orElseThrow().getDecisionReason())
                .contains("3 of 4")
                .contains("percentage 75 %");

        complete(instance, TASK_SCHEDULE_CHANGE, Map.of());
        // Enhanced P3: change.notice PT16H = 2 business days in New York before Saturday 13 June: Thursday 07:00
        assertThat(dateVariable(instance, NOTICE_AT))
                .isEqualTo(ZonedDateTime.of(2026, 6, 11, 7, 0, 0, 0, ZoneId.of("America/New_York"))
                        .toInstant());
    }

    @Test
    void cabVetoFromInformationSecurityRejectsAtOnceAVetoFromOthersDoesNot() {
        ProcessInstance instance = start(request("normal", "low", "low", "ALPENWERK", WINDOW, false));
        String key = businessKey(instance);
        prepareCab(instance, "cab,cab-test-1," + CAB_AND_ISEC);
        // a Standard client is not offered a seat at the CAB
        assertThat(instance).hasNotPassed(TASK_OFFER_CAB_ATTENDANCE);
        assertThat(outboxRows(key, "change-cab-attendance-offer")).isEmpty();

        vote(instance, "cab-test-1", "reject", true, "I do not like it");
        assertThat(instance).isWaitingAt(TASK_CAB_VOTE); // not in isec: an ordinary rejection
        vote(instance, CAB_AND_ISEC, "reject", true, "Opens the management VLAN to the internet");

        assertThat(taskService
                        .createTaskQuery()
                        .processInstanceId(instance.getId())
                        .taskAssignee("cab")
                        .count())
                .isZero();
        assertThat(instance)
                .hasPassed(TASK_RECORD_DECISION)
                .variables()
                .containsEntry(CAB_DECISION.name(), "VETOED")
                .containsEntry(VETOED_BY.name(), CAB_AND_ISEC);
        assertThat(votes.findByChangeReferenceOrderByVotedAtAscIdAsc(key))
                .extracting(CabVote::getVoter, CabVote::isVeto)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cab-test-1", false),
                        org.assertj.core.groups.Tuple.tuple(CAB_AND_ISEC, true));
        assertThat(changes.findByReference(key).orElseThrow().getDecisionReason())
                .startsWith("Vetoed by " + CAB_AND_ISEC + " (isec)")
                .contains("management VLAN");
        runJobs(instance);
        assertThat(instance).isEnded();
    }

    @Test
    void cabDecisionOverdueWarnsThenNotifiesCsmAndServiceManagerAndRecordsTheBreach() throws Exception {
        ProcessInstance instance = start(request("normal", "medium", "low", "ALPENWERK", WINDOW, false));
        String key = businessKey(instance);
        prepareCab(instance, "cab,cab-test-1");

        Instant warning = dateVariable(instance, CAB_DECISION_WARNING);
        Instant due = dateVariable(instance, CAB_DECISION_DUE);
        assertThat(timerDue(instance, TIMER_CAB_DECISION_WARNING)).isEqualTo(warning);
        assertThat(timerDue(instance, TIMER_CAB_DECISION_DUE)).isEqualTo(due);

        ClockUtil.setCurrentTime(Date.from(warning.plusSeconds(60)));
        runJobs(instance);
        assertThat(instance).hasPassed(TASK_WARN_CAB_DECISION, END_CAB_REMINDED).isWaitingAt(TASK_CAB_VOTE);

        ClockUtil.setCurrentTime(Date.from(due.plusSeconds(60)));
        runJobs(instance);
        assertThat(instance)
                .hasPassed(TASK_REPORT_CAB_BREACH, TASK_PUBLISH_CAB_BREACH, END_CAB_BREACH_REPORTED)
                .isWaitingAt(TASK_CAB_VOTE);
        deliverNotifications(key);
        assertThat(mailTo("service-manager@demo.csmflow.example", key).getSubject())
                .contains("CAB decision overdue");
        assertThat(mailTo("csm@demo.csmflow.example", key)).isNotNull();
        // no escalation workflow listens yet on this branch: the request waits in the register
        boolean escalationStarted = runtimeService
                        .createProcessInstanceQuery()
                        .variableValueEquals("breachedBusinessKey", key)
                        .count()
                > 0;
        boolean kept = jdbc.queryForObject(
                        "SELECT COUNT(*) FROM register_entry WHERE reference = ?", Integer.class, "sla-breached:" + key)
                == 1;
        assertThat(escalationStarted || kept).isTrue();

        vote(instance, "cab", "approve", false, null);
        vote(instance, "cab-test-1", "approve", false, null);
        assertThat(instance)
                .isWaitingAt(TASK_SCHEDULE_CHANGE)
                .variables()
                .containsEntry(CAB_DECISION_STATE.name(), "BREACHED")
                .containsEntry(CAB_DECISION_BREACHED.name(), true);
    }

    @Test
    void emergencyChangeDecidedInTimeImplementedAndReviewedInRetrospect() throws Exception {
        ZonedDateTime window = ZonedDateTime.of(2026, 6, 1, 13, 0, 0, 0, BERLIN);
        ProcessInstance instance = start(request("emergency", "high", "critical", "ALPENWERK", window, false));
        String key = businessKey(instance);
        assertThat(instance)
                .variables()
                .containsEntry(CHANGE_CLASS.name(), "emergency")
                .containsEntry(PRIORITY.name(), "P1");
        // the CSM (who manages emergency changes) and the emergency CAB are alerted at once, before anyone decides
        assertThat(instance).isWaitingAt(TASK_ALERT_EMERGENCY_CAB);
        runJobs(instance);
        deliverNotifications(key);
        assertThat(instance).hasPassed(TASK_ALERT_EMERGENCY_CAB).isWaitingAt(TASK_EMERGENCY_CAB_DECISION);
        assertThat(staffRecipients(key, "change-emergency-alert"))
                .containsExactlyInAnyOrderElementsOf(groupMails("csm", "cab"));
        assertThat(outboxRows(key, "change-emergency-alert")).allSatisfy(row -> {
            assertThat(row.get("not_before")).isNull();
            assertThat(row.get("status")).isEqualTo("SENT");
        });
        assertThat(mailTo(groupMails("csm").get(0), key, "Emergency change").getSubject())
                .isEqualTo("Emergency change " + key + " P1: Replace core switch (emergency)");
        assertThat(task(instance, TASK_EMERGENCY_CAB_DECISION)).hasCandidateGroup("cab");

        ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.plusSeconds(20 * 60)));
        claimAndComplete(
                instance,
                TASK_EMERGENCY_CAB_DECISION,
                "cab",
                Map.of(DECISION.name(), "approve", DECISION_COMMENT.name(), "Exploited in the wild, patch now"));
        assertThat(instance)
                .hasPassed(TASK_STOP_EMERGENCY_CLOCK)
                .isWaitingAt(TASK_SCHEDULE_CHANGE)
                .variables()
                .containsEntry(EMERGENCY_CAB_DECISION_STATE.name(), "MET")
                .containsEntry(DECIDED_BY.name(), "cab");
        assertThat(votes.findByChangeReferenceOrderByVotedAtAscIdAsc(key))
                .extracting(CabVote::getBoard)
                .containsExactly("EMERGENCY_CAB");

        complete(instance, TASK_SCHEDULE_CHANGE, Map.of());
        // the window is today: too close for a business day's notice, so the CSM decides
        assertThat(instance)
                .isWaitingAt(TASK_CONFIRM_SHORT_NOTICE)
                .variables()
                .containsEntry(NOTICE_LATE.name(), true)
                .containsEntry(WINDOW_TEXT.name(), "Mon 1 Jun 2026, 13:00 CEST to Mon 1 Jun 2026, 15:00 CEST")
                .containsEntry(NOTICE_DUE_TEXT.name(), "Fri 29 May 2026, 08:00 CEST");
        assertThat(task(instance, TASK_CONFIRM_SHORT_NOTICE)).hasCandidateGroup("csm");
        assertThat(outboxRows(key, "change-maintenance-notice"))
                .as("nothing sent before the decision")
                .isEmpty();
        // a confirmation needs its reason: refused, the task stays
        assertThatThrownBy(() -> complete(instance, TASK_CONFIRM_SHORT_NOTICE, Map.of(SHORT_NOTICE.name(), "confirm")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(SHORT_NOTICE_REASON.name());
        assertThat(instance).isWaitingAt(TASK_CONFIRM_SHORT_NOTICE);

        identityService.setAuthentication("csm", List.of("csm"));
        complete(
                instance,
                TASK_CONFIRM_SHORT_NOTICE,
                Map.of(SHORT_NOTICE.name(), "confirm", SHORT_NOTICE_REASON.name(), "Exploited in the wild"));
        identityService.clearAuthentication();
        runJobs(instance);
        deliverNotifications(key);
        Instant confirmedAt = ClockUtil.getCurrentTime().toInstant();
        assertThat(instance)
                .hasPassed(TASK_RECORD_SHORT_NOTICE, TASK_SEND_MAINTENANCE_NOTICE, TASK_RECORD_NOTICE_SENT)
                .hasNotPassed(TIMER_NOTICE_DUE)
                .isWaitingAt(TIMER_WINDOW_START);
        // the confirmed short notice goes at once: not held for business hours, sent now
        assertThat(outboxRows(key, "change-maintenance-notice"))
                .filteredOn(row -> "CLIENT".equals(row.get("audience")))
                .isNotEmpty()
                .allSatisfy(row -> {
                    assertThat(row.get("not_before")).isNull();
                    assertThat(row.get("status")).isEqualTo("SENT");
                    assertThat(((java.sql.Timestamp) row.get("sent_at")).toInstant())
                            .isEqualTo(confirmedAt);
                });
        ChangeRecord confirmed = changes.findByReference(key).orElseThrow();
        assertThat(confirmed.getShortNoticeReason()).isEqualTo("Exploited in the wild");
        assertThat(confirmed.getShortNoticeConfirmedBy()).isEqualTo("csm");
        assertThat(confirmed.getNoticeAt()).isEqualTo(confirmedAt);
        assertThat(jdbc.queryForList(
                        "SELECT action FROM register_audit WHERE register = 'change' AND reference = ?", key))
                .extracting(row -> row.get("action"))
                .contains("SHORT_NOTICE");
        ClockUtil.setCurrentTime(Date.from(dateVariable(instance, WINDOW_START_AT)));
        runJobs(instance);
        assertThat(instance).isWaitingAt(TASK_IMPLEMENT_CHANGE);
        complete(
                instance,
                TASK_IMPLEMENT_CHANGE,
                Map.of(IMPLEMENTATION_RESULT.name(), "success", IMPLEMENTATION_NOTES.name(), "Patched"));
        complete(instance, TASK_TECHNICAL_REVIEW, Map.of(REVIEW_NOTES.name(), "ok"));
        complete(instance, TASK_UPDATE_CONFIGURATION, Map.of(CONFIGURATION_UPDATES.name(), "CMDB firmware version"));
        runJobs(instance);
        assertThat(task(instance, TASK_EMERGENCY_RETROSPECTIVE)).hasCandidateGroup("cab");
        complete(instance, TASK_EMERGENCY_RETROSPECTIVE, Map.of(RETROSPECTIVE_VERDICT.name(), "justified"));
        complete(instance, TASK_POST_IMPLEMENTATION_REVIEW, Map.of(PIR_OUTCOME.name(), "achieved"));
        assertThat(instance)
                .hasPassed(TASK_EMERGENCY_RETROSPECTIVE, TASK_POST_IMPLEMENTATION_REVIEW, END_CHANGE_CLOSED)
                .hasNotPassed(TASK_SERVICE_MANAGER_DECISION)
                .isEnded();
    }

    @Test
    void aShortNoticeMovedTheWindowIsScheduledAgainAndTheClientToldInTime() {
        ProcessInstance instance = start(request("standard", "low", "low", "ALPENWERK", WINDOW.plusWeeks(2), false));
        String key = businessKey(instance);
        // the CSM schedules the window for this afternoon: inside the five business days of lead time
        ZonedDateTime today = ZonedDateTime.of(2026, 6, 1, 15, 0, 0, 0, BERLIN);
        complete(
                instance,
                TASK_SCHEDULE_CHANGE,
                Map.of(
                        WINDOW_START.name(), today.toOffsetDateTime().toString(),
                        WINDOW_END.name(), today.plusHours(1).toOffsetDateTime().toString()));
        assertThat(instance).isWaitingAt(TASK_CONFIRM_SHORT_NOTICE);

        complete(instance, TASK_CONFIRM_SHORT_NOTICE, Map.of(SHORT_NOTICE.name(), "move"));
        assertThat(instance).isWaitingAt(TASK_SCHEDULE_CHANGE).hasNotPassed(TASK_RECORD_SHORT_NOTICE);
        complete(
                instance,
                TASK_SCHEDULE_CHANGE,
                Map.of(
                        WINDOW_START.name(),
                                WINDOW.plusWeeks(2).toOffsetDateTime().toString(),
                        WINDOW_END.name(),
                                WINDOW.plusWeeks(2)
                                        .plusHours(2)
                                        .toOffsetDateTime()
                                        .toString()));
        assertThat(instance).isWaitingAt(TIMER_NOTICE_DUE).variables().containsEntry(NOTICE_LATE.name(), false);
        assertThat(dateVariable(instance, NOTICE_AT))
                .isEqualTo(ZonedDateTime.of(2026, 6, 15, 8, 0, 0, 0, BERLIN).toInstant());
        assertThat(outboxRows(key, "change-maintenance-notice")).isEmpty();
        ChangeRecord record = changes.findByReference(key).orElseThrow();
        assertThat(record.getShortNoticeReason()).isNull();
        assertThat(record.getWindowStart()).isEqualTo(WINDOW.plusWeeks(2).toInstant());
    }

    @Test
    void aNoticeDueAtNightIsNeverHeldPastTheWindowItAnnounces() throws Exception {
        ZoneId newYork = ZoneId.of("America/New_York");
        // Tuesday 2 June, 05:00 in New York: before Hudson Mutual's business day opens (07:00)
        ZonedDateTime window = ZonedDateTime.of(2026, 6, 2, 5, 0, 0, 0, newYork);
        ProcessInstance instance = start(request("emergency", "high", "critical", "HUDSON-MUTUAL", window, false));
        String key = businessKey(instance);
        assertThat(instance).variables().containsEntry(PRIORITY.name(), "P1");
        runJobs(instance); // the emergency alert
        claimAndComplete(
                instance,
                TASK_EMERGENCY_CAB_DECISION,
                "cab",
                Map.of(DECISION.name(), "approve", DECISION_COMMENT.name(), "ok"));
        complete(instance, TASK_SCHEDULE_CHANGE, Map.of());
        // Enhanced P1: change.notice PT4H around the clock: Tuesday 01:00 in New York, in time
        Instant noticeAt = window.minusHours(4).toInstant();
        assertThat(instance).isWaitingAt(TIMER_NOTICE_DUE);
        assertThat(dateVariable(instance, NOTICE_AT)).isEqualTo(noticeAt);

        ClockUtil.setCurrentTime(Date.from(noticeAt));
        runJobs(instance);
        deliverNotifications(key);
        assertThat(instance).hasPassed(TASK_SEND_MAINTENANCE_NOTICE).isWaitingAt(TIMER_WINDOW_START);
        // holding it for business hours (07:00) would tell the client two hours after the window opened
        assertThat(outboxRows(key, "change-maintenance-notice"))
                .filteredOn(row -> "CLIENT".equals(row.get("audience")))
                .isNotEmpty()
                .allSatisfy(row -> {
                    assertThat(row.get("not_before")).isNull();
                    assertThat(((java.sql.Timestamp) row.get("sent_at")).toInstant())
                            .isEqualTo(noticeAt);
                    assertThat((String) row.get("hold_note"))
                            .isEqualTo("Sent at once, outside business hours: the client's business hours open at"
                                    + " Tue 2 Jun 2026, 07:00 EDT, not before the event it is about"
                                    + " (Tue 2 Jun 2026, 05:00 EDT)");
                });
        assertThat(mailTo("noc@hudsonmutual.example", key, "Scheduled maintenance")
                        .getSubject())
                .contains("Scheduled maintenance Tue 2 Jun 2026, 05:00 EDT");
    }

    @Test
    void emergencyCabTooSlowTheServiceManagerDecides() {
        ProcessInstance instance = start(request(
                "emergency", "medium", "high", "ALPENWERK", ZonedDateTime.of(2026, 6, 1, 18, 0, 0, 0, BERLIN), false));
        String key = businessKey(instance);
        Instant due = dateVariable(instance, EMERGENCY_CAB_DECISION_DUE);
        // Standard P2: emergency-cab.decision PT4H of business time from 09:00
        assertThat(due).isEqualTo(MONDAY_MORNING.plusSeconds(4 * 3600));

        runJobs(instance);
        assertThat(staffRecipients(key, "change-emergency-alert"))
                .containsExactlyInAnyOrderElementsOf(groupMails("csm", "cab"));
        assertThat(staffRecipients(key, "change-emergency-fallback")).isEmpty();

        ClockUtil.setCurrentTime(Date.from(due.plusSeconds(60)));
        runJobs(instance);
        assertThat(instance)
                .hasPassed(TIMER_EMERGENCY_CAB_DUE, TASK_ALERT_EMERGENCY_FALLBACK)
                .isWaitingAt(TASK_SERVICE_MANAGER_DECISION);
        // the fallback tells the service managers it is theirs now, and the CSM and the CAB that it moved
        assertThat(staffRecipients(key, "change-emergency-fallback"))
                .containsExactlyInAnyOrderElementsOf(groupMails("service-manager", "csm", "cab"));
        assertThat(task(instance, TASK_SERVICE_MANAGER_DECISION)).hasCandidateGroup("service-manager");

        claimAndComplete(
                instance,
                TASK_SERVICE_MANAGER_DECISION,
                "service-manager",
                Map.of(DECISION.name(), "reject", DECISION_COMMENT.name(), "Wait for the vendor fix"));
        assertThat(instance)
                .variables()
                .containsEntry(EMERGENCY_CAB_DECISION_STATE.name(), "BREACHED")
                .containsEntry(CAB_DECISION.name(), "REJECTED");
        assertThat(votes.findByChangeReferenceOrderByVotedAtAscIdAsc(key))
                .extracting(CabVote::getBoard, CabVote::getVoter)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SERVICE_MANAGER", "service-manager"));
        runJobs(instance);
        assertThat(instance).hasPassed(TASK_TELL_REJECTION).isEnded();
    }

    @Test
    void theClientsAdvisoryBoardRejectsASignificantChangeAndTheClientIsToldWhy() {
        ProcessInstance instance = start(request("normal", "high", "low", "HUDSON-MUTUAL", WINDOW, false));
        String key = businessKey(instance);
        runJobs(instance);
        assertThat(instance).hasPassed(TASK_TELL_CLIENT_RECEIVED, END_CLIENT_TOLD_RECEIVED);
        assertThat(outboxRows(key, "change-received"))
                .extracting(row -> row.get("audience"))
                .contains("CLIENT");
        // not at the board yet: the client cannot answer
        assertThatThrownBy(() -> changeService.clientApproval(key, new ClientApprovalBody(true, "early", null)))
                .isInstanceOf(com.csmflow.api.ConflictException.class);

        prepareCab(instance, "cab");
        vote(instance, "cab", "approve", false, "Fine by us");
        assertThat(instance).isWaitingAt(TASK_PREPARE_ADVISORY_BOARD);
        holdAdvisoryBoard(instance);

        changeService.clientApproval(
                key, new ClientApprovalBody(false, "J. Miller (CIO)", "Not during our quarter close"));
        assertThat(instance).hasPassed(TASK_RECORD_CLIENT_APPROVAL).hasNotPassed(TASK_SCHEDULE_CHANGE);
        runJobs(instance);
        assertThat(instance).hasPassed(TASK_TELL_REJECTION, END_CHANGE_REJECTED).isEnded();
        ChangeRecord rejected = changes.findByReference(key).orElseThrow();
        assertThat(rejected.getStatus()).isEqualTo("REJECTED");
        assertThat(rejected.getCabDecision()).isEqualTo("CLIENT_REJECTED");
        assertThat(rejected.getDecisionReason())
                .isEqualTo("Rejected by the client's advisory board (J. Miller (CIO)): Not during our quarter close");
        assertThat(outboxRows(key, "change-rejected"))
                .extracting(row -> row.get("audience"))
                .contains("CLIENT");
        assertThat(outboxRows(key, "change-approved")).isEmpty();
    }

    @Test
    void failedImplementationIsRolledBackAndRaisesAProblem() {
        ProcessInstance instance = start(request("normal", "low", "low", "ALPENWERK", WINDOW, true));
        String key = businessKey(instance);
        prepareCab(instance, "cab");
        vote(instance, "cab", "approve", false, null);
        complete(instance, TASK_SCHEDULE_CHANGE, Map.of());
        passNoticeAndWindow(instance);
        complete(
                instance,
                TASK_IMPLEMENT_CHANGE,
                Map.of(
                        IMPLEMENTATION_RESULT.name(),
                        "failed",
                        IMPLEMENTATION_NOTES.name(),
                        "Firmware upload corrupted"));
        assertThat(changes.findByReference(key).orElseThrow().getStatus()).isEqualTo("FAILED");
        assertThat(task(instance, TASK_ROLL_BACK)).hasCandidateGroup("cse");
        complete(instance, TASK_ROLL_BACK, Map.of(ROLLBACK_NOTES.name(), "Previous firmware restored"));
        runJobs(instance);

        assertThat(instance)
                .hasPassed(TASK_ROLL_BACK, TASK_RECORD_ROLLBACK, TASK_REQUEST_PROBLEM, TASK_TELL_OUTCOME)
                .hasNotPassed(TASK_TECHNICAL_REVIEW, TASK_RECORD_BILLING);
        boolean problemStarted = runtimeService
                        .createProcessInstanceQuery()
                        .variableValueEquals("sourceReference", key)
                        .count()
                > 0;
        boolean kept = jdbc.queryForObject(
                        "SELECT COUNT(*) FROM register_entry WHERE reference = ? AND data LIKE ?",
                        Integer.class,
                        "problem-requested:" + key,
                        "%\"sourceType\":\"change\"%")
                == 1;
        assertThat(problemStarted || kept).isTrue();
        assertThat(changes.findByReference(key).orElseThrow().getImplementationResult())
                .isEqualTo("ROLLED_BACK");

        complete(instance, TASK_POST_IMPLEMENTATION_REVIEW, Map.of(PIR_OUTCOME.name(), "not-achieved"));
        assertThat(instance).isEnded();
        assertThat(changes.findByReference(key).orElseThrow().getStatus()).isEqualTo("CLOSED");
    }

    @Test
    void startedFromTheTasklistStartFormTheChangeGetsItsRegisterReferenceAsBusinessKey() {
        String definitionId = repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey(ChangeProcess.KEY)
                .latestVersion()
                .singleResult()
                .getId();
        Map<String, Object> fields = new HashMap<>();
        fields.put(CLIENT_REFERENCE.name(), "HUDSON-MUTUAL");
        fields.put(TITLE.name(), "Rotate VPN certificates");
        fields.put(REQUESTED_TYPE.name(), "standard");
        fields.put(NON_STANDARD.name(), true); // not in the catalogue: becomes a normal change
        fields.put(IMPACTED_SERVICES.name(), "VPN");
        fields.put(URGENCY.name(), "medium");
        fields.put(IMPACT.name(), "low");
        fields.put(WINDOW_START.name(), "2026-06-13T22:00-04:00"); // form-js datetime, utc_offset
        fields.put(WINDOW_END.name(), "2026-06-13T23:30-04:00");
        fields.put(BILLABLE.name(), false);
        ProcessInstance instance = formService.submitStartForm(definitionId, fields);
        instances.add(instance.getId());
        String key = businessKey(instance);
        assertThat(key).matches("CHG-2026-\\d{4,}");
        assertThat(instance)
                .isWaitingAt(TASK_PREPARE_CAB)
                .variables()
                .containsEntry(CHANGE_CLASS.name(), "normal")
                .containsEntry(APPROVAL_RULE.name(), "any")
                .containsEntry(WINDOW_START.name(), "2026-06-13T22:00-04:00")
                // the form's comma-separated text field becomes a list once, in the register step
                .containsEntry(IMPACTED_SERVICES.name(), List.of("VPN"));
        ChangeRecord record = changes.findByReference(key).orElseThrow();
        assertThat(record.getWindowStart()).isEqualTo(Instant.parse("2026-06-14T02:00:00Z"));
        assertThat(record.getStatus()).isEqualTo("CLASSIFIED");
        runtimeService.deleteProcessInstance(instance.getId(), "start form probe");
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, Object> request(
            String type, String impact, String urgency, String client, ZonedDateTime window, boolean billable) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(CLIENT_REFERENCE.name(), client);
        variables.put(TITLE.name(), "Replace core switch (" + type + ")");
        variables.put(DESCRIPTION.name(), "Replace the end-of-life core switch");
        variables.put(REQUESTED_TYPE.name(), type);
        variables.put(NON_STANDARD.name(), false);
        variables.put(IMPACTED_SERVICES.name(), "Networking, VPN");
        variables.put(URGENCY.name(), urgency);
        variables.put(IMPACT.name(), impact);
        variables.put(WINDOW_START.name(), window.toOffsetDateTime().toString());
        variables.put(WINDOW_END.name(), window.plusHours(2).toOffsetDateTime().toString());
        variables.put(BILLABLE.name(), billable);
        variables.put(REQUESTER_EMAIL.name(), "requester@alpenwerk.example");
        return variables;
    }

    /** Variables written twice in a row with the same value ("name=value"). */
    private List<String> repeatedWrites(ProcessInstance instance) {
        Map<String, Object> last = new HashMap<>();
        List<String> repeated = new ArrayList<>();
        historyService
                .createHistoricDetailQuery()
                .processInstanceId(instance.getId())
                .variableUpdates()
                .orderPartiallyByOccurrence()
                .asc()
                .list()
                .stream()
                .map(HistoricVariableUpdate.class::cast)
                .forEach(update -> {
                    String scoped = update.getVariableInstanceId();
                    if (last.containsKey(scoped) && Objects.equals(last.get(scoped), update.getValue())) {
                        repeated.add(update.getVariableName() + "=" + update.getValue());
                    }
                    last.put(scoped, update.getValue());
                });
        return repeated;
    }

    private ProcessInstance start(Map<String, Object> variables) {
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(ChangeProcess.KEY, variables);
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

    private void prepareCab(ProcessInstance instance, String members) {
        complete(
                instance,
                TASK_PREPARE_CAB,
                Map.of(
                        CAB_AGENDA.name(),
                        "1. Scope 2. Risk 3. Rollback",
                        CAB_MEMBERS.name(),
                        members,
                        CAB_MEETING_AT.name(),
                        "2026-06-01T14:00+02:00"));
        runJobs(instance); // invitation mail
        assertThat(instance)
                .hasPassed(TASK_INVITE_CAB, TASK_START_CAB_CLOCK, TASK_INVITE_CAB_MEMBERS)
                .isWaitingAt(TASK_CAB_VOTE);
    }

    /** The CSM schedules the customer advisory board; the client's representatives are invited. */
    private void holdAdvisoryBoard(ProcessInstance instance) {
        complete(
                instance,
                TASK_PREPARE_ADVISORY_BOARD,
                Map.of(
                        ADVISORY_BOARD_AGENDA.name(), "1. Impact on your services 2. Window 3. Rollback",
                        ADVISORY_BOARD_AT.name(), "2026-06-02T10:00+02:00"));
        runJobs(instance); // the invitation
        assertThat(instance).hasPassed(TASK_INVITE_ADVISORY_BOARD).isWaitingAt(EVENT_CLIENT_APPROVAL);
    }

    private void vote(ProcessInstance instance, String member, String vote, boolean veto, String comment) {
        Task task = task(instance, TASK_CAB_VOTE, member);
        Map<String, Object> variables = new HashMap<>();
        variables.put(VOTE.name(), vote);
        variables.put(VETO.name(), veto);
        variables.put(VOTE_COMMENT.name(), comment);
        taskService.complete(task.getId(), variables);
    }

    private Task task(ProcessInstance instance, String definitionKey) {
        return taskService
                .createTaskQuery()
                .processInstanceId(instance.getId())
                .taskDefinitionKey(definitionKey)
                .singleResult();
    }

    private Task task(ProcessInstance instance, String definitionKey, String assignee) {
        return taskService
                .createTaskQuery()
                .processInstanceId(instance.getId())
                .taskDefinitionKey(definitionKey)
                .taskAssignee(assignee)
                .singleResult();
    }

    private void complete(ProcessInstance instance, String definitionKey, Map<String, Object> variables) {
        Task task = task(instance, definitionKey);
        assertThat(task).as("task %s", definitionKey).isNotNull();
        taskService.complete(task.getId(), variables);
    }

    private void claimAndComplete(
            ProcessInstance instance, String definitionKey, String user, Map<String, Object> variables) {
        Task task = task(instance, definitionKey);
        taskService.claim(task.getId(), user);
        taskService.complete(task.getId(), variables);
    }

    /** Notice timer, notice mail, window timer: moves the engine clock to each instant. */
    private void passNoticeAndWindow(ProcessInstance instance) {
        runJobs(instance);
        if (task(instance, TASK_CONFIRM_SHORT_NOTICE) != null) {
            // inside the lead time: the CSM confirms the short notice, which goes at once
            complete(
                    instance,
                    TASK_CONFIRM_SHORT_NOTICE,
                    Map.of(
                            SHORT_NOTICE.name(),
                            "confirm",
                            SHORT_NOTICE_REASON.name(),
                            "Agreed with the client's IT lead"));
            runJobs(instance);
            assertThat(instance)
                    .hasPassed(TASK_RECORD_SHORT_NOTICE, TASK_SEND_MAINTENANCE_NOTICE, TASK_RECORD_NOTICE_SENT);
        } else {
            Instant noticeAt = dateVariable(instance, NOTICE_AT);
            if (ClockUtil.getCurrentTime().toInstant().isBefore(noticeAt)) {
                ClockUtil.setCurrentTime(Date.from(noticeAt));
            }
            runJobs(instance);
            assertThat(instance).hasPassed(TIMER_NOTICE_DUE, TASK_SEND_MAINTENANCE_NOTICE, TASK_RECORD_NOTICE_SENT);
        }
        Instant windowAt = dateVariable(instance, WINDOW_START_AT);
        if (ClockUtil.getCurrentTime().toInstant().isBefore(windowAt)) {
            ClockUtil.setCurrentTime(Date.from(windowAt));
        }
        runJobs(instance);
        assertThat(instance).hasPassed(TIMER_WINDOW_START).isWaitingAt(TASK_IMPLEMENT_CHANGE);
    }

    /** Executes the due jobs of the instance (async steps, timers) until none is left. */
    private void runJobs(ProcessInstance instance) {
        for (int round = 0; round < 50; round++) {
            List<Job> jobs = managementService
                    .createJobQuery()
                    .processInstanceId(instance.getId())
                    .executable()
                    .list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> managementService.executeJob(job.getId()));
        }
        throw new IllegalStateException("Jobs keep coming for " + instance.getId());
    }

    private List<Map<String, Object>> outboxRows(String businessKey, String template) {
        return jdbc.queryForList(
                "SELECT audience, status, not_before, sent_at, hold_note FROM notification_outbox"
                        + " WHERE business_key = ? AND template_id = ?",
                businessKey,
                template);
    }

    private List<String> staffRecipients(String businessKey, String template) {
        return jdbc.queryForList(
                "SELECT recipient FROM notification_outbox WHERE business_key = ? AND template_id = ?"
                        + " AND audience = 'STAFF'",
                String.class,
                businessKey,
                template);
    }

    /** The distinct mail addresses of the members of these groups. */
    private List<String> groupMails(String... groups) {
        return Arrays.stream(groups)
                .flatMap(group -> identityService.createUserQuery().memberOfGroup(group).list().stream())
                .map(User::getEmail)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }

    private void deliverNotifications(String businessKey) {
        DeliveryJobs.run(managementService, businessKey); // a failed one hands over to an instance, run next
        for (ProcessInstance delivery : runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(businessKey)
                .processDefinitionKey(NotificationDeliveryProcess.KEY)
                .list()) {
            runJobs(delivery);
        }
    }

    private MimeMessage mailTo(String address, String businessKey) throws Exception {
        return mailTo(address, businessKey, "");
    }

    /** The mail to this address about this change whose subject contains the text (a change sends several). */
    private MimeMessage mailTo(String address, String businessKey, String subjectPart) throws Exception {
        for (MimeMessage mail : TestServers.mail().getReceivedMessages()) {
            if (Arrays.stream(mail.getAllRecipients())
                            .anyMatch(r -> r.toString().contains(address))
                    && mail.getSubject().contains(businessKey)
                    && mail.getSubject().contains(subjectPart)) {
                return mail;
            }
        }
        throw new AssertionError("No mail to " + address + " about " + businessKey);
    }

    private Instant dateVariable(ProcessInstance instance, ProcessVariable<Date> variable) {
        return ((Date) runtimeService.getVariable(instance.getId(), variable.name())).toInstant();
    }

    private Instant timerDue(ProcessInstance instance, String activityId) {
        return managementService
                .createJobQuery()
                .processInstanceId(instance.getId())
                .activityId(activityId)
                .singleResult()
                .getDuedate()
                .toInstant();
    }

    private List<String> candidateGroups(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> "candidate".equals(link.getType()))
                .map(link -> link.getGroupId())
                .toList();
    }

    private void createUser(String id, String... groups) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setFirstName("Test");
            user.setLastName(id);
            user.setEmail(id + "@test.csmflow.example");
            user.setPassword(id);
            // a fixture like the demo users (password = id), so outside the password policy
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
