package com.csmflow.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.engine.ProcessVariable;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/** Small helpers the escalation tests share: run jobs, move the engine clock, do tasks. */
final class EscalationFixtures {

    private final RuntimeService runtimeService;
    private final ManagementService managementService;
    private final TaskService taskService;

    EscalationFixtures(RuntimeService runtimeService, ManagementService managementService, TaskService taskService) {
        this.runtimeService = runtimeService;
        this.managementService = managementService;
        this.taskService = taskService;
    }

    static void at(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    /** Executes the instance's async continuations (not its timers) until none is left. */
    void runAsync(String processInstanceId) {
        for (int round = 0; round < 50; round++) {
            List<Job> jobs = managementService
                    .createJobQuery()
                    .processInstanceId(processInstanceId)
                    .messages()
                    .list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> managementService.executeJob(job.getId()));
        }
        throw new IllegalStateException("async jobs keep coming");
    }

    /** The timer of this activity that is due at the engine clock's now (null if none is due yet). */
    Job dueTimer(String processInstanceId, String activityId) {
        return managementService
                .createJobQuery()
                .processInstanceId(processInstanceId)
                .timers()
                .executable()
                .activityId(activityId)
                .singleResult();
    }

    Job timer(String processInstanceId, String activityId) {
        return managementService
                .createJobQuery()
                .processInstanceId(processInstanceId)
                .timers()
                .activityId(activityId)
                .singleResult();
    }

    /** Moves the engine clock to the instant, fires the activity's timer (which must be due then) and runs what follows. */
    void fireAt(String processInstanceId, String activityId, Instant instant) {
        at(instant.minusSeconds(1));
        assertThat(dueTimer(processInstanceId, activityId))
                .as("%s not yet due a second before", activityId)
                .isNull();
        at(instant);
        Job timer = dueTimer(processInstanceId, activityId);
        assertThat(timer).as("%s due at %s", activityId, instant).isNotNull();
        managementService.executeJob(timer.getId());
        runAsync(processInstanceId);
    }

    Task task(String processInstanceId, String taskDefinitionKey) {
        return taskService
                .createTaskQuery()
                .processInstanceId(processInstanceId)
                .taskDefinitionKey(taskDefinitionKey)
                .singleResult();
    }

    void complete(String processInstanceId, String taskDefinitionKey, Map<String, Object> variables) {
        Task task = task(processInstanceId, taskDefinitionKey);
        assertThat(task).as("task %s", taskDefinitionKey).isNotNull();
        taskService.complete(task.getId(), variables);
        runAsync(processInstanceId);
    }

    /**
     * Completes the task signed in like Tasklist does (the demo user with its groups), so the engine checks
     * that the user's role may work the task and the register records who did it.
     */
    void completeAs(
            IdentityService identityService,
            String user,
            String processInstanceId,
            String taskDefinitionKey,
            Map<String, Object> variables) {
        Task task = task(processInstanceId, taskDefinitionKey);
        assertThat(task).as("task %s", taskDefinitionKey).isNotNull();
        identityService.setAuthentication(
                user,
                identityService.createGroupQuery().groupMember(user).list().stream()
                        .map(Group::getId)
                        .toList());
        try {
            taskService.complete(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
        runAsync(processInstanceId);
    }

    Date dateVariable(String processInstanceId, ProcessVariable<Date> variable) {
        return (Date) runtimeService.getVariable(processInstanceId, variable.name());
    }
}
