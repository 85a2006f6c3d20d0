package com.csmflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.csmflow.client.Client;
import com.csmflow.client.ClientRepository;
import com.csmflow.client.CsmTier;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.ProcessVariable;
import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The SLA clock pattern in a process (src/test/resources/sla/sla-clock-pattern.bpmn) on PostgreSQL:
 * one test per real-world failure case (holidays and weekends, time zones with DST, pausing while
 * waiting for the client, priority changes mid-flight) and the warning/breach timers firing at the
 * right instants. Time moves with the engine clock; due jobs are executed explicitly, the way the
 * job executor would (active timers whose due date has come).
 *
 * <p>Seeded Standard-tier targets used: cab.decision P1 = PT8H, P2 = PT16H, P3 = PT40H, all on
 * business hours with a warning at 75 %.
 */
@CsmFlowTest
class SlaClockProcessTest {

    static final String PROCESS = "sla-clock-pattern-test";
    static final String SAME_TRANSACTION = "sla-clock-same-transaction-test";
    // the names of the test model
    static final ProcessVariable<String> METRIC = ProcessVariable.text("metric");
    static final String CLOCK = "cabDecision";
    static final ProcessVariable<Date> DUE = SlaClockVariables.due(CLOCK);
    static final ProcessVariable<Date> WARNING = SlaClockVariables.warning(CLOCK);
    static final ProcessVariable<String> STATE = SlaClockVariables.state(CLOCK);
    static final String TASK_DECIDE = "Task_Decide";
    static final String TASK_STOP_CLOCK = "Task_StopClock";
    static final String TASK_STOP_CLOCK_BREACHED = "Task_StopClockBreached";
    static final String TIMER_WARNING = "Timer_CabDecisionWarning";
    static final String TIMER_DUE = "Timer_CabDecisionDue";
    static final String END_WARNED = "End_Warned";
    static final String END_BREACHED = "End_Breached";
    static final String END_DECIDED = "End_Decided";
    static final String CLIENT_WAITING = "sla-test-client-waiting";
    static final String CLIENT_RESPONDED = "sla-test-client-responded";
    static final String PRIORITY_CHANGED = "sla-test-priority-changed";
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Autowired
    ProcessEngine engine;

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    TaskService taskService;

    @Autowired
    IdentityService identityService;

    @Autowired
    ManagementService managementService;

    @Autowired
    HistoryService historyService;

    @Autowired
    ClientRepository clientRepository;

    @Autowired
    SlaClockRepository clockRepository;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    private String deploymentId;

    @BeforeEach
    void deploy() {
        BpmnAwareTests.init(engine);
        deploymentId = repositoryService
                .createDeployment()
                .name("sla-clock-pattern-test")
                .addClasspathResource("sla/sla-clock-pattern.bpmn")
                .addClasspathResource("sla/sla-clock-same-transaction.bpmn")
                .deploy()
                .getId();
    }

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        repositoryService.deleteDeployment(deploymentId, true);
    }

    // --- the failure cases -------------------------------------------------------------------

    @Test
    void warningAndBreachTimersFireAtTheRightInstants() throws Exception {
        String client = client(BERLIN, "DE-BY");
        // Monday 16 March 2026 10:00; P2 = 16 business hours, warning at 12
        ProcessInstance pi = start(client, "P2", at("2026-03-16T10:00", BERLIN));
        Instant warning = at("2026-03-17T14:00", BERLIN);
        Instant due = at("2026-03-18T10:00", BERLIN);
        assertThat(variable(pi, WARNING)).isEqualTo(Date.from(warning));
        assertThat(variable(pi, DUE)).isEqualTo(Date.from(due));
        assertThat(timerDue(pi, TIMER_WARNING)).isEqualTo(warning);
        assertThat(timerDue(pi, TIMER_DUE)).isEqualTo(due);

        assertThat(fireDueTimersAt(pi, warning.minusSeconds(1))).isZero();
        assertThat(pi).hasNotPassed(TIMER_WARNING);
        assertThat(fireDueTimersAt(pi, warning)).isEqualTo(1);
        assertThat(pi).hasPassed(TIMER_WARNING, END_WARNED).isWaitingAt(TASK_DECIDE);

        assertThat(fireDueTimersAt(pi, due.minusSeconds(1))).isZero();
        assertThat(fireDueTimersAt(pi, due)).isEqualTo(1);
        assertThat(pi)
                .hasPassed(TIMER_DUE, TASK_STOP_CLOCK_BREACHED, END_BREACHED)
                .isEnded();

        SlaClock clock = clockOf(pi);
        assertThat(clock.getState()).isEqualTo(SlaClockState.BREACHED);
        assertThat(clock.isBreached()).isTrue();
        assertThat(clock.getElapsedTime()).isEqualTo(Duration.ofHours(16));
        assertThat(clock.getPausedTime()).isZero();
        assertThat(clock.getStoppedAt()).isEqualTo(due);
        // the stop wrote the new state, not the instants it left as they were (tuning 12)
        assertThat(writes(pi, STATE)).containsExactly("RUNNING", "BREACHED");
        assertThat(writes(pi, DUE)).containsExactly(Date.from(due));
        assertThat(writes(pi, WARNING)).containsExactly(Date.from(warning));

        // the rows are visible through the API
        JsonNode rows = json.readTree(rest.withBasicAuth("service-manager", "service-manager")
                .getForObject("/api/sla-clocks?businessKey=" + pi.getBusinessKey(), String.class));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("state").asText()).isEqualTo("BREACHED");
        assertThat(rows.get(0).get("elapsedTime").asText()).isEqualTo("PT16H");
        assertThat(rows.get(0).get("dueAt").asText()).isEqualTo(due.toString());
        JsonNode met = json.readTree(rest.withBasicAuth("csm", "csm")
                .getForObject("/api/sla-clocks?businessKey=" + pi.getBusinessKey() + "&state=MET", String.class));
        assertThat(met).isEmpty();
    }

    @Test
    void weekendAndPublicHolidayAreSkipped() {
        String client = client(BERLIN, "DE-BY");
        // Thursday 30 April 2026 14:00; Friday 1 May is Labour Day, then the weekend. P1 = 8 business hours:
        // 3 h on Thursday, 5 h from Monday 09:00 -> due Monday 4 May 14:00, warning (6 h) Monday 12:00
        ProcessInstance pi = start(client, "P1", at("2026-04-30T14:00", BERLIN));
        assertThat(timerDue(pi, TIMER_DUE)).isEqualTo(at("2026-05-04T14:00", BERLIN));
        assertThat(timerDue(pi, TIMER_WARNING)).isEqualTo(at("2026-05-04T12:00", BERLIN));

        // on wall-clock time both timers would have fired on the holiday
        assertThat(fireDueTimersAt(pi, at("2026-05-01T23:00", BERLIN))).isZero();
        assertThat(fireDueTimersAt(pi, at("2026-05-03T23:00", BERLIN))).isZero();
        assertThat(fireDueTimersAt(pi, at("2026-05-04T12:00", BERLIN))).isEqualTo(1);

        completeDecisionAt(pi, at("2026-05-04T13:00", BERLIN));
        SlaClock clock = clockOf(pi);
        assertThat(clock.getState()).isEqualTo(SlaClockState.MET);
        assertThat(clock.getElapsedTime()).isEqualTo(Duration.ofHours(7));
    }

    @Test
    void daylightSavingChangeInTheClientsTimeZone() {
        // the server runs in UTC; the client works 09:00-17:00 in New York, which moves to EDT on Sunday 8 March
        String client = client(NEW_YORK, "US-NY");
        // Friday 6 March 2026 15:00 EST (20:00Z) + 8 business hours: 2 h Friday, 6 h Monday from 09:00 EDT
        ProcessInstance pi = start(client, "P1", at("2026-03-06T15:00", NEW_YORK));
        assertThat(timerDue(pi, TIMER_DUE)).isEqualTo(Instant.parse("2026-03-09T19:00:00Z"));
        assertThat(timerDue(pi, TIMER_WARNING)).isEqualTo(Instant.parse("2026-03-09T17:00:00Z"));

        // one hour before the due instant (14:00 EDT) the decision is made: 7 business hours, met
        completeDecisionAt(pi, Instant.parse("2026-03-09T18:00:00Z"));
        SlaClock clock = clockOf(pi);
        assertThat(clock.getState()).isEqualTo(SlaClockState.MET);
        assertThat(clock.getElapsedTime()).isEqualTo(Duration.ofHours(7));
    }

    @Test
    void clockPausedOverAWeekendWhileWaitingForTheClient() {
        String client = client(BERLIN, "DE-BY");
        // Thursday 12 March 10:00, P1 = 8 h: warning Thursday 16:00, due Friday 10:00
        ProcessInstance pi = start(client, "P1", at("2026-03-12T10:00", BERLIN));
        assertThat(timerDue(pi, TIMER_DUE)).isEqualTo(at("2026-03-13T10:00", BERLIN));

        // Thursday 15:00 (5 h counted) the CAB waits for the client
        correlateAt(pi, CLIENT_WAITING, Map.of(), at("2026-03-12T15:00", BERLIN));
        assertThat(clockOf(pi).getState()).isEqualTo(SlaClockState.PAUSED);
        assertThat(managementService
                        .createJobQuery()
                        .processInstanceId(pi.getId())
                        .timers()
                        .suspended()
                        .count())
                .isEqualTo(2);
        // nothing fires while paused, though the original warning and due instants pass
        assertThat(fireDueTimersAt(pi, at("2026-03-13T10:00", BERLIN))).isZero();
        assertThat(fireDueTimersAt(pi, at("2026-03-15T20:00", BERLIN))).isZero();

        // Monday 16 March 11:00 the client answers: the pause lasted 2 + 8 + 2 = 12 business hours,
        // 3 business hours remain -> due Monday 14:00, warning (6 h, 1 h left) Monday 12:00
        correlateAt(pi, CLIENT_RESPONDED, Map.of(), at("2026-03-16T11:00", BERLIN));
        assertThat(timerDue(pi, TIMER_DUE)).isEqualTo(at("2026-03-16T14:00", BERLIN));
        assertThat(timerDue(pi, TIMER_WARNING)).isEqualTo(at("2026-03-16T12:00", BERLIN));
        assertThat(variable(pi, DUE)).isEqualTo(Date.from(at("2026-03-16T14:00", BERLIN)));
        assertThat(managementService
                        .createJobQuery()
                        .processInstanceId(pi.getId())
                        .timers()
                        .suspended()
                        .count())
                .isZero();

        assertThat(fireDueTimersAt(pi, at("2026-03-16T11:59", BERLIN))).isZero();
        assertThat(fireDueTimersAt(pi, at("2026-03-16T12:00", BERLIN))).isEqualTo(1);
        completeDecisionAt(pi, at("2026-03-16T13:00", BERLIN));

        SlaClock clock = clockOf(pi);
        assertThat(clock.getState()).isEqualTo(SlaClockState.MET);
        assertThat(clock.getElapsedTime()).isEqualTo(Duration.ofHours(7));
        assertThat(clock.getPausedTime()).isEqualTo(Duration.ofHours(12));
        // start and resume moved the due instant; the pause and the stop did not write it
        assertThat(writes(pi, DUE))
                .containsExactly(Date.from(at("2026-03-13T10:00", BERLIN)), Date.from(at("2026-03-16T14:00", BERLIN)));
        assertThat(writes(pi, STATE)).containsExactly("RUNNING", "PAUSED", "RUNNING", "MET");
    }

    @Test
    void priorityChangeMidFlightRetargetsTheTimersKeepingElapsedAndPausedTime() {
        String client = client(BERLIN, "DE-BY");
        // Monday 16 March 09:00 at P3 (40 business hours)
        ProcessInstance pi = start(client, "P3", at("2026-03-16T09:00", BERLIN));
        assertThat(timerDue(pi, TIMER_DUE)).isEqualTo(at("2026-03-20T17:00", BERLIN));
        // an hour's pause on Monday afternoon
        correlateAt(pi, CLIENT_WAITING, Map.of(), at("2026-03-16T13:00", BERLIN));
        correlateAt(pi, CLIENT_RESPONDED, Map.of(), at("2026-03-16T14:00", BERLIN));

        // Tuesday 10:00, 8 business hours counted (4 + 3 + 1), the change becomes P2 (16 h):
        // 8 h remain -> due Wednesday 10:00; warning at 12 h, 4 h left -> Tuesday 14:00
        correlateAt(pi, PRIORITY_CHANGED, Map.of(CaseVariables.PRIORITY.name(), "P2"), at("2026-03-17T10:00", BERLIN));
        SlaClock retargeted = clockOf(pi);
        assertThat(retargeted.getPriority()).isEqualTo(SlaPriority.P2);
        assertThat(retargeted.getTargetDuration()).isEqualTo("PT16H");
        assertThat(retargeted.getElapsedTime()).isEqualTo(Duration.ofHours(8));
        assertThat(retargeted.getPausedTime()).isEqualTo(Duration.ofHours(1));
        assertThat(timerDue(pi, TIMER_DUE)).isEqualTo(at("2026-03-18T10:00", BERLIN));
        assertThat(timerDue(pi, TIMER_WARNING)).isEqualTo(at("2026-03-17T14:00", BERLIN));

        assertThat(fireDueTimersAt(pi, at("2026-03-17T14:00", BERLIN))).isEqualTo(1);
        assertThat(pi).hasPassed(TIMER_WARNING);
        completeDecisionAt(pi, at("2026-03-17T15:00", BERLIN));

        SlaClock clock = clockOf(pi);
        assertThat(clock.getState()).isEqualTo(SlaClockState.MET);
        assertThat(clock.getElapsedTime()).isEqualTo(Duration.ofHours(13));
        assertThat(clock.getPausedTime()).isEqualTo(Duration.ofHours(1));
        assertThat(clock.getStartedAt()).isEqualTo(at("2026-03-16T09:00", BERLIN));
    }

    @Test
    void raisingThePriorityPastItsTargetBreachesAtOnce() {
        String client = client(BERLIN, "DE-BY");
        ProcessInstance pi = start(client, "P3", at("2026-03-16T09:00", BERLIN));
        // Tuesday 09:00 (8 h counted) the change becomes P1, whose 8 h are used up: both timers are due now
        Instant now = at("2026-03-17T09:00", BERLIN);
        correlateAt(pi, PRIORITY_CHANGED, Map.of(CaseVariables.PRIORITY.name(), "critical"), now);
        assertThat(timerDue(pi, TIMER_DUE)).isEqualTo(now);
        assertThat(timerDue(pi, TIMER_WARNING)).isEqualTo(now);
        assertThat(fireDueTimersAt(pi, now)).isPositive();
        assertThat(pi).hasPassed(END_BREACHED).isEnded();
        SlaClock clock = clockOf(pi);
        assertThat(clock.getState()).isEqualTo(SlaClockState.BREACHED);
        assertThat(clock.getPriority()).isEqualTo(SlaPriority.P1);
        assertThat(clock.getElapsedTime()).isEqualTo(Duration.ofHours(8));
    }

    /**
     * One transaction starts the clock, creates the work's breach timer and, as the work's first step,
     * pauses the clock (the timer is not in the database yet when the pause runs): the timer is held all
     * the same, and follows the resume.
     */
    @Test
    void aTimerCreatedInTheTransactionThatPausesTheClockIsHeldAndFollowsTheResume() {
        String client = client(BERLIN, "DE-BY");
        // Monday 16 March 10:00, P1 = 8 h: due Tuesday 10:00, but the clock is paused at once
        ClockUtil.setCurrentTime(Date.from(at("2026-03-16T10:00", BERLIN)));
        ProcessInstance pi = runtimeService.startProcessInstanceByKey(
                SAME_TRANSACTION,
                "CHG-TEST-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of("priority", "P1", "clientReference", client));
        assertThat(clockOf(pi).getState()).isEqualTo(SlaClockState.PAUSED);
        Job breach = managementService
                .createJobQuery()
                .processInstanceId(pi.getId())
                .activityId("Timer_CabDecisionDue")
                .singleResult();
        assertThat(breach.isSuspended())
                .as("timer created in the pausing transaction is held")
                .isTrue();
        assertThat(fireDueTimersAt(pi, at("2026-03-17T10:00", BERLIN))).isZero();

        // Tuesday 11:00 the client responds: paused 7 + 2 business hours, 8 h left -> due Wednesday 11:00
        correlateAt(pi, "sla-test-same-transaction-resume", Map.of(), at("2026-03-17T11:00", BERLIN));
        assertThat(timerDue(pi, "Timer_CabDecisionDue")).isEqualTo(at("2026-03-18T11:00", BERLIN));
        assertThat(fireDueTimersAt(pi, at("2026-03-18T10:59", BERLIN))).isZero();
        assertThat(fireDueTimersAt(pi, at("2026-03-18T11:00", BERLIN))).isEqualTo(1);
        assertThat(pi)
                .hasPassed("Task_ResumeClock", "Task_Decide", "Task_StopClock", "End_Breached")
                .isEnded();
        SlaClock clock = clockOf(pi);
        assertThat(clock.getState()).isEqualTo(SlaClockState.BREACHED);
        assertThat(clock.getElapsedTime()).isEqualTo(Duration.ofHours(8));
        assertThat(clock.getPausedTime()).isEqualTo(Duration.ofHours(9));
    }

    // --- helpers -----------------------------------------------------------------------------

    static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    /** A Standard-tier client working Monday to Friday 09:00-17:00; unique per test. */
    private String client(ZoneId zone, String holidayRegion) {
        String reference = "SLA-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        clientRepository.save(new Client(
                reference,
                "SLA clock test " + reference,
                CsmTier.STANDARD,
                "en",
                zone,
                LocalTime.of(9, 0),
                LocalTime.of(17, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                holidayRegion));
        return reference;
    }

    private ProcessInstance start(String client, String priority, Instant now) {
        ClockUtil.setCurrentTime(Date.from(now));
        String businessKey = "CHG-TEST-" + UUID.randomUUID().toString().substring(0, 8);
        return runtimeService.startProcessInstanceByKey(
                PROCESS,
                businessKey,
                Map.of(
                        METRIC.name(),
                        "cab.decision",
                        CaseVariables.PRIORITY.name(),
                        priority,
                        CaseVariables.CLIENT_REFERENCE.name(),
                        client));
    }

    private void correlateAt(ProcessInstance pi, String message, Map<String, Object> variables, Instant now) {
        ClockUtil.setCurrentTime(Date.from(now));
        runtimeService
                .createMessageCorrelation(message)
                .processInstanceId(pi.getId())
                .setVariables(variables)
                .correlate();
    }

    /** A CAB member (not an admin) decides: the stop delegate runs with that user's engine authorizations. */
    private void completeDecisionAt(ProcessInstance pi, Instant now) {
        ClockUtil.setCurrentTime(Date.from(now));
        String taskId = taskService
                .createTaskQuery()
                .processInstanceId(pi.getId())
                .taskDefinitionKey(TASK_DECIDE)
                .singleResult()
                .getId();
        identityService.setAuthentication("cab", List.of("cab"));
        try {
            taskService.complete(taskId);
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(pi).hasPassed(TASK_STOP_CLOCK, END_DECIDED).isEnded();
    }

    /** What the job executor would do at {@code now}: run the active timers that are due. */
    private int fireDueTimersAt(ProcessInstance pi, Instant now) {
        ClockUtil.setCurrentTime(Date.from(now));
        int fired = 0;
        List<Job> due;
        // one at a time: an interrupting timer removes the other timers of its activity
        while (!(due = managementService
                        .createJobQuery()
                        .processInstanceId(pi.getId())
                        .timers()
                        .active()
                        .duedateLowerThan(Date.from(now.plusMillis(1)))
                        .orderByJobDuedate()
                        .asc()
                        .list())
                .isEmpty()) {
            managementService.executeJob(due.get(0).getId());
            fired++;
        }
        return fired;
    }

    private Instant timerDue(ProcessInstance pi, String activityId) {
        Job job = managementService
                .createJobQuery()
                .processInstanceId(pi.getId())
                .activityId(activityId)
                .singleResult();
        assertThat(job).as("timer job of " + activityId).isNotNull();
        return job.getDuedate().toInstant();
    }

    /**
     * Every value the process variable took, in order: the history's variable updates, or the historic
     * variable's one value while it never changed (a value the machine set has its first update row
     * written when it first changes, docs/performance.md tuning 26).
     */
    private List<Object> writes(ProcessInstance pi, ProcessVariable<?> variable) {
        List<Object> updates = historyService
                .createHistoricDetailQuery()
                .processInstanceId(pi.getId())
                .variableUpdates()
                .orderPartiallyByOccurrence()
                .asc()
                .list()
                .stream()
                .map(HistoricVariableUpdate.class::cast)
                .filter(update -> update.getVariableName().equals(variable.name()))
                .map(HistoricVariableUpdate::getValue)
                .toList();
        if (!updates.isEmpty()) {
            return updates;
        }
        return historyService
                .createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId())
                .variableName(variable.name())
                .list()
                .stream()
                .map(HistoricVariableInstance::getValue)
                .toList();
    }

    private Object variable(ProcessInstance pi, ProcessVariable<?> variable) {
        return runtimeService.getVariable(pi.getId(), variable.name());
    }

    private SlaClock clockOf(ProcessInstance pi) {
        List<SlaClock> clocks = clockRepository.search(
                pi.getBusinessKey(), null, null, org.springframework.data.domain.Pageable.unpaged());
        assertThat(clocks).hasSize(1);
        return clocks.get(0);
    }
}
