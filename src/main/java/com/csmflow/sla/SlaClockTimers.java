package com.csmflow.sla;

import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.springframework.stereotype.Component;

/**
 * Keeps a clock's BPMN timers in step with the clock.
 *
 * <p>The pattern: a started clock writes {@code <clock>Due} and {@code <clock>Warning} (java.util.Date)
 * into the process; timer events use them as {@code timeDate="${cabDecisionDue}"}. A timer's
 * due date is fixed when the timer is created, so when the clock moves (resume, re-target) the
 * waiting timers of this process instance whose definition names one of the clock's variables are
 * recalculated ({@code ManagementService#recalculateJobDuedate}, which evaluates the expression again
 * against the updated variables). While the clock is paused those timers are suspended, so nothing
 * fires; they are activated again on resume. A stopped clock suspends any timer still waiting on it.
 *
 * <p>Runs inside the delegate's command (the engine reuses the command context for nested service
 * calls) on the job entities of that command, with authorization checks off: the user whose action
 * moved the clock need not hold job permissions.
 */
@Component
class SlaClockTimers {

    private final ManagementService managementService;

    SlaClockTimers(ManagementService managementService) {
        this.managementService = managementService;
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
        SlaClockVariables.state(clock.getClockName()).setIfChanged(execution, clock.getState().name());
        SlaClockVariables.breached(clock.getClockName()).setIfChanged(execution, clock.isBreached());
    }

    /** Paused or stopped: the clock's waiting timers must not fire. */
    void hold(DelegateExecution execution, String clockName) {
        inCommand(commandContext -> timersOf(commandContext, execution.getProcessInstanceId(), clockName)
                .forEach(timer -> timer.setSuspensionState(SuspensionState.SUSPENDED.getStateCode())));
    }

    /** Resumed or re-targeted: waiting timers take the clock's new instants and may fire again. */
    void follow(DelegateExecution execution, String clockName) {
        inCommand(commandContext -> timersOf(commandContext, execution.getProcessInstanceId(), clockName)
                .forEach(timer -> {
                    // evaluates the timer's timeDate expression again, against the variables just written
                    managementService.recalculateJobDuedate(timer.getId(), false);
                    timer.setSuspensionState(SuspensionState.ACTIVE.getStateCode());
                }));
    }

    /**
     * Timer jobs of the process instance whose definition's expression names one of the clock's
     * variables. Works on the job entities of the running command (not on bulk updates such as
     * ManagementService#suspendJobById), because the same transaction may already have moved or
     * deleted those jobs: a bulk update would then clash with the engine's own flush.
     */
    private List<TimerEntity> timersOf(CommandContext commandContext, String processInstanceId, String clockName) {
        Pattern clockVariable = Pattern.compile("\\b(" + Pattern.quote(dueVariable(clockName)) + "|"
                + Pattern.quote(warningVariable(clockName)) + ")\\b");
        DbEntityManager entities = commandContext.getDbEntityManager();
        Map<String, TimerEntity> timers = new LinkedHashMap<>();
        commandContext.getJobManager().findJobsByProcessInstanceId(processInstanceId).stream()
                .filter(TimerEntity.class::isInstance).map(TimerEntity.class::cast)
                .forEach(timer -> timers.put(timer.getId(), timer));
        // timers created in this very transaction are not in the database yet
        entities.getCachedEntitiesByType(TimerEntity.class).stream()
                .filter(timer -> processInstanceId.equals(timer.getProcessInstanceId()))
                .forEach(timer -> timers.putIfAbsent(timer.getId(), timer));
        Map<String, Boolean> definitionMatches = new HashMap<>();
        return timers.values().stream()
                .filter(timer -> !entities.getDbEntityCache().isDeleted(timer))
                .filter(timer -> definitionMatches.computeIfAbsent(String.valueOf(timer.getJobDefinitionId()),
                        id -> namesClock(commandContext, timer.getJobDefinitionId(), clockVariable)))
                .toList();
    }

    private static boolean namesClock(CommandContext commandContext, String jobDefinitionId, Pattern clockVariable) {
        if (jobDefinitionId == null) {
            return false;
        }
        JobDefinitionEntity definition = commandContext.getJobDefinitionManager().findById(jobDefinitionId);
        // a timer's configuration is its type and expression, e.g. "DATE: ${cabDecisionDue}"
        return definition != null && definition.getJobConfiguration() != null
                && clockVariable.matcher(definition.getJobConfiguration()).find();
    }

    /** Delegates always run inside an engine command; job permissions of the current user don't matter here. */
    private static void inCommand(Consumer<CommandContext> action) {
        CommandContext commandContext = Context.getCommandContext();
        if (commandContext == null) {
            throw new IllegalStateException("SLA clock timers can only be changed from inside the process engine");
        }
        commandContext.runWithoutAuthorization(() -> {
            action.accept(commandContext);
            return null;
        });
    }
}
