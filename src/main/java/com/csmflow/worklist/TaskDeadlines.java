package com.csmflow.worklist;

import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.sla.SlaClock;
import com.csmflow.sla.SlaClockChanged;
import com.csmflow.sla.SlaClocks;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the due and follow-up dates (and the priority) of a case's open tasks in step with its SLA
 * clocks: when a clock starts, pauses, resumes, is re-targeted or stops ({@link SlaClockChanged}), each
 * open task of that process instance and business key takes the due and warning instants of the running
 * clock due first ({@link SlaClocks#governing}); with no clock running (all paused or stopped) it has no
 * due date.
 *
 * <p>When: like the clock's timers (SlaClockTimers), just before the transaction of the change commits,
 * after the engine has flushed it, so tasks created earlier in the same transaction are found and the
 * update commits or rolls back with the clock change.
 */
@Component
class TaskDeadlines {

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final SlaClocks clocks;
    private final ModelledTaskDates modelled;
    private final EngineIdentity identity;
    private final Object transactionKey = new Object();

    TaskDeadlines(
            TaskService taskService,
            RuntimeService runtimeService,
            SlaClocks clocks,
            ModelledTaskDates modelled,
            EngineIdentity identity) {
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.clocks = clocks;
        this.modelled = modelled;
        this.identity = identity;
    }

    @EventListener
    void clockChanged(SlaClockChanged change) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            follow(Set.of(change));
            return;
        }
        @SuppressWarnings("unchecked")
        Set<SlaClockChanged> pending =
                (Set<SlaClockChanged>) TransactionSynchronizationManager.getResource(transactionKey);
        if (pending == null) {
            Set<SlaClockChanged> changes = new LinkedHashSet<>();
            TransactionSynchronizationManager.bindResource(transactionKey, changes);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    follow(changes);
                }

                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResource(transactionKey);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(transactionKey, changes);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(transactionKey);
                }
            });
            pending = changes;
        }
        pending.add(change);
    }

    private void follow(Set<SlaClockChanged> changes) {
        identity.asPlatform(() -> {
            Map<String, Task> tasks = new LinkedHashMap<>();
            Map<String, String> caseOfInstance = new LinkedHashMap<>();
            for (SlaClockChanged change : changes) {
                if (change.processInstanceId() != null) {
                    taskService
                            .createTaskQuery()
                            .processInstanceId(change.processInstanceId())
                            .list()
                            .forEach(task -> {
                                tasks.put(task.getId(), task);
                                caseOfInstance.put(task.getProcessInstanceId(), change.businessKey());
                            });
                }
                if (change.businessKey() != null) {
                    taskService
                            .createTaskQuery()
                            .processInstanceBusinessKey(change.businessKey())
                            .list()
                            .forEach(task -> {
                                tasks.put(task.getId(), task);
                                caseOfInstance.put(task.getProcessInstanceId(), change.businessKey());
                            });
                }
            }
            tasks.values().forEach(task -> update(task, caseOfInstance.get(task.getProcessInstanceId())));
        });
    }

    private void update(Task task, String businessKey) {
        ModelledTaskDates.Modelled fixed = modelled.of(task.getProcessDefinitionId(), task.getTaskDefinitionKey());
        Optional<SlaClock> clock = clocks.governing(task.getProcessInstanceId(), businessKey);
        boolean changed = false;
        if (!fixed.dueDate()) {
            Date due = clock.map(running -> Date.from(running.getDueAt())).orElse(null);
            if (!Objects.equals(due, task.getDueDate())) {
                task.setDueDate(due);
                changed = true;
            }
        }
        if (!fixed.followUpDate()) {
            Date followUp =
                    clock.map(running -> Date.from(running.getWarningAt())).orElse(null);
            if (!Objects.equals(followUp, task.getFollowUpDate())) {
                task.setFollowUpDate(followUp);
                changed = true;
            }
        }
        if (!fixed.priority() && task.getProcessInstanceId() != null) {
            Object casePriority =
                    runtimeService.getVariable(task.getProcessInstanceId(), CaseVariables.PRIORITY.name());
            Integer priority = TaskPriorities.of(casePriority == null ? null : casePriority.toString());
            if (priority != null && priority != task.getPriority()) {
                task.setPriority(priority);
                changed = true;
            }
        }
        if (changed) {
            taskService.saveTask(task);
        }
    }
}
