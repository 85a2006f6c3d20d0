package com.csmflow.sla;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
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
 * calls) with authorization checks off: the user whose action moved the clock need not hold job
 * permissions.
 */
@Component
class SlaClockTimers {

    private final ManagementService managementService;

    SlaClockTimers(ManagementService managementService) {
        this.managementService = managementService;
    }

    static String dueVariable(String clockName) {
        return clockName + "Due";
    }

    static String warningVariable(String clockName) {
        return clockName + "Warning";
    }

    static String stateVariable(String clockName) {
        return clockName + "State";
    }

    static String breachedVariable(String clockName) {
        return clockName + "Breached";
    }

    /** Writes the clock's instants and state into the process (highest scope). */
    void publish(DelegateExecution execution, SlaClock clock) {
        execution.setVariable(dueVariable(clock.getClockName()), Date.from(clock.getDueAt()));
        execution.setVariable(warningVariable(clock.getClockName()), Date.from(clock.getWarningAt()));
        execution.setVariable(stateVariable(clock.getClockName()), clock.getState().name());
        execution.setVariable(breachedVariable(clock.getClockName()), clock.isBreached());
    }

    /** Paused or stopped: the clock's waiting timers must not fire. */
    void hold(DelegateExecution execution, String clockName) {
        withoutAuthorization(() -> timersOf(execution.getProcessInstanceId(), clockName)
                .forEach(job -> managementService.suspendJobById(job.getId())));
    }

    /** Resumed or re-targeted: waiting timers take the clock's new instants and may fire again. */
    void follow(DelegateExecution execution, String clockName) {
        withoutAuthorization(() -> timersOf(execution.getProcessInstanceId(), clockName).forEach(job -> {
            managementService.recalculateJobDuedate(job.getId(), false);
            if (job.isSuspended()) {
                managementService.activateJobById(job.getId());
            }
        }));
    }

    /** Timer jobs of the process instance whose definition's expression names one of the clock's variables. */
    private List<Job> timersOf(String processInstanceId, String clockName) {
        Pattern clockVariable = Pattern.compile("\\b(" + Pattern.quote(dueVariable(clockName)) + "|"
                + Pattern.quote(warningVariable(clockName)) + ")\\b");
        Map<String, Boolean> definitionMatches = new HashMap<>();
        return managementService.createJobQuery().processInstanceId(processInstanceId).timers().list().stream()
                .filter(job -> definitionMatches.computeIfAbsent(job.getJobDefinitionId(),
                        id -> namesClock(id, clockVariable)))
                .toList();
    }

    private boolean namesClock(String jobDefinitionId, Pattern clockVariable) {
        if (jobDefinitionId == null) {
            return false;
        }
        JobDefinition definition = managementService.createJobDefinitionQuery()
                .jobDefinitionId(jobDefinitionId).singleResult();
        // a timer's configuration is its type and expression, e.g. "DATE: ${cabDecisionDue}"
        return definition != null && definition.getJobConfiguration() != null
                && clockVariable.matcher(definition.getJobConfiguration()).find();
    }

    private static void withoutAuthorization(Runnable action) {
        CommandContext commandContext = Context.getCommandContext();
        if (commandContext == null) {
            action.run();
            return;
        }
        commandContext.runWithoutAuthorization(() -> {
            action.run();
            return null;
        });
    }
}
