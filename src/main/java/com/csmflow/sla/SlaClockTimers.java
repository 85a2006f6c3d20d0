package com.csmflow.sla;

import com.csmflow.engine.EngineIdentity;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps a clock's BPMN timers in step with the clock.
 *
 * <p>The pattern: a started clock writes {@code <clock>Due} and {@code <clock>Warning} (java.util.Date)
 * into the process; timer events use them as {@code timeDate="${cabDecisionDue}"}. A timer's
 * due date is fixed when the timer is created, so when the clock moves (start, resume, re-target) the
 * waiting timers of this process instance whose definition names one of the clock's variables are
 * recalculated ({@code ManagementService#recalculateJobDuedate}, which evaluates the expression again
 * against the updated variables) and activated. While the clock is paused or stopped they are
 * suspended, so nothing fires.
 *
 * <p>When: just before the transaction of the clock change commits, after the engine has flushed
 * that transaction's commands, through the public {@link ManagementService} in commands of their own
 * that join the same database transaction. A delegate's own command cannot do it with public API:
 * the job query reads the database only, so it misses timers created earlier in the same command
 * (still only in the engine's cache) and still returns timers the command has already deleted; and
 * the suspension updates ({@code suspendJobById}) are bulk statements that the engine flushes before
 * its own updates and deletes of those timers, which then fail their optimistic lock. After the
 * flush the query sees exactly the timers that will be committed, and the adjustment still commits
 * or rolls back with the clock change, so no timer can fire in between (not so with a separate
 * asynchronous step). The last change of a clock in a transaction decides (pause, then resume:
 * the timers follow).
 */
@Component
class SlaClockTimers {

    /** A timer that is exactly one variable, e.g. "DATE: ${cabDecisionDue}" (a timer definition's configuration). */
    private static final Pattern SINGLE_VARIABLE_DATE = Pattern.compile("DATE: \\$\\{(\\w+)}");

    private final ManagementService managementService;
    private final EngineIdentity identity;
    /** The transaction resource holding this transaction's pending adjustments. */
    private final Object transactionKey = new Object();
    /** (process definition, clock) -> job definition id -> timer configuration; fixed once deployed. */
    private final Map<String, Map<String, String>> clockTimerDefinitions = new ConcurrentHashMap<>();

    SlaClockTimers(ManagementService managementService, EngineIdentity identity) {
        this.managementService = managementService;
        this.identity = identity;
    }

    static String dueVariable(String clockName) {
        return SlaClockVariables.due(clockName).name();
    }

    static String warningVariable(String clockName) {
        return SlaClockVariables.warning(clockName).name();
    }

    /** Writes the clock's instants and state into the process (highest scope). */
    void publish(DelegateExecution execution, SlaClock clock) {
        // pause and stop leave due and warning as they were: only what changed is written (tuning 12)
        SlaClockVariables.due(clock.getClockName()).setIfChanged(execution, Date.from(clock.getDueAt()));
        SlaClockVariables.warning(clock.getClockName()).setIfChanged(execution, Date.from(clock.getWarningAt()));
        SlaClockVariables.state(clock.getClockName())
                .setIfChanged(execution, clock.getState().name());
        SlaClockVariables.breached(clock.getClockName()).setIfChanged(execution, clock.isBreached());
    }

    /** Paused or stopped: the clock's waiting timers must not fire. */
    void hold(DelegateExecution execution, SlaClock clock) {
        atCommit(new Adjustment(execution.getProcessInstanceId(), execution.getProcessDefinitionId(), clock, false));
    }

    /** Started, resumed or re-targeted: waiting timers take the clock's new instants and may fire again. */
    void follow(DelegateExecution execution, SlaClock clock) {
        atCommit(new Adjustment(execution.getProcessInstanceId(), execution.getProcessDefinitionId(), clock, true));
    }

    private record Adjustment(
            String processInstanceId,
            String processDefinitionId,
            String clockName,
            boolean running,
            Date due,
            Date warning) {

        Adjustment(String processInstanceId, String processDefinitionId, SlaClock clock, boolean running) {
            this(
                    processInstanceId,
                    processDefinitionId,
                    clock.getClockName(),
                    running,
                    Date.from(clock.getDueAt()),
                    Date.from(clock.getWarningAt()));
        }

        String key() {
            return processInstanceId + "/" + clockName;
        }
    }

    private void atCommit(Adjustment adjustment) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            // the engine runs on the Spring transaction manager (docs/architecture.md): never true in this application
            throw new IllegalStateException("SLA clock timers need the engine's Spring-managed transaction");
        }
        @SuppressWarnings("unchecked")
        Map<String, Adjustment> pending =
                (Map<String, Adjustment>) TransactionSynchronizationManager.getResource(transactionKey);
        if (pending == null) {
            pending = new LinkedHashMap<>();
            TransactionSynchronizationManager.bindResource(transactionKey, pending);
            TransactionSynchronizationManager.registerSynchronization(new PendingAdjustments(pending));
        }
        pending.remove(adjustment.key());
        pending.put(adjustment.key(), adjustment);
    }

    /** Applies a transaction's adjustments before it commits; keeps them out of a nested (suspending) transaction. */
    private final class PendingAdjustments implements TransactionSynchronization {

        private final Map<String, Adjustment> pending;

        PendingAdjustments(Map<String, Adjustment> pending) {
            this.pending = pending;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            pending.values().forEach(SlaClockTimers.this::apply);
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(transactionKey);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(transactionKey, pending);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(transactionKey);
        }
    }

    /**
     * Each step is a command of its own (as the platform: the user whose action moved the clock need not
     * hold job permissions), because due-date updates and suspension bulk updates of the same timers in
     * one flush clash on the timers' optimistic lock. Timers already where they should be are left alone.
     */
    private void apply(Adjustment adjustment) {
        Map<String, String> definitions =
                timerDefinitionsNaming(adjustment.processDefinitionId(), adjustment.clockName());
        if (definitions.isEmpty()) {
            return;
        }
        List<Job> timers = identity
                .asPlatform(() -> managementService
                        .createJobQuery()
                        .processInstanceId(adjustment.processInstanceId())
                        .timers()
                        .list())
                .stream()
                .filter(job -> job.getJobDefinitionId() != null && definitions.containsKey(job.getJobDefinitionId()))
                .toList();
        if (!adjustment.running()) {
            List<Job> active = timers.stream().filter(job -> !job.isSuspended()).toList();
            if (!active.isEmpty()) {
                identity.asPlatform(() -> active.forEach(job -> managementService.suspendJobById(job.getId())));
            }
            return;
        }
        List<Job> moved = timers.stream()
                .filter(job -> !isDueAt(job, expectedDue(definitions.get(job.getJobDefinitionId()), adjustment)))
                .toList();
        if (!moved.isEmpty()) {
            // evaluates each timer's timeDate expression again, against the variables the clock wrote
            identity.asPlatform(
                    () -> moved.forEach(job -> managementService.recalculateJobDuedate(job.getId(), false)));
        }
        List<Job> suspended = timers.stream().filter(Job::isSuspended).toList();
        if (!suspended.isEmpty()) {
            identity.asPlatform(() -> suspended.forEach(job -> managementService.activateJobById(job.getId())));
        }
    }

    /** By instant: the engine may hand out a java.sql.Timestamp, which equals no plain Date. */
    private static boolean isDueAt(Job job, Date expected) {
        return expected != null && job.getDuedate() != null && job.getDuedate().getTime() == expected.getTime();
    }

    /** The instant a timer bound to exactly one of the clock's variables should have; null (unknown) otherwise. */
    private static Date expectedDue(String configuration, Adjustment adjustment) {
        Matcher single = SINGLE_VARIABLE_DATE.matcher(configuration);
        if (!single.matches()) {
            return null;
        }
        String variable = single.group(1);
        if (variable.equals(dueVariable(adjustment.clockName()))) {
            return adjustment.due();
        }
        return variable.equals(warningVariable(adjustment.clockName())) ? adjustment.warning() : null;
    }

    /** Timer definitions of the process whose expression names the clock's due or warning variable. */
    private Map<String, String> timerDefinitionsNaming(String processDefinitionId, String clockName) {
        return clockTimerDefinitions.computeIfAbsent(processDefinitionId + "/" + clockName, key -> {
            Pattern clockVariable = Pattern.compile("\\b(" + Pattern.quote(dueVariable(clockName)) + "|"
                    + Pattern.quote(warningVariable(clockName)) + ")\\b");
            return identity
                    .asPlatform(() -> managementService
                            .createJobDefinitionQuery()
                            .processDefinitionId(processDefinitionId)
                            .list())
                    .stream()
                    .filter(definition -> definition.getJobConfiguration() != null
                            && clockVariable
                                    .matcher(definition.getJobConfiguration())
                                    .find())
                    .collect(Collectors.toUnmodifiableMap(JobDefinition::getId, JobDefinition::getJobConfiguration));
        });
    }
}
