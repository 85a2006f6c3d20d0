package com.csmflow.worklist;

import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.UserTaskDecorator;
import com.csmflow.security.RoleGroup;
import com.csmflow.sla.SlaClock;
import com.csmflow.sla.SlaClocks;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.stereotype.Component;

/**
 * Says on every new user task which case it is for and how urgent it is, and offers it to the people
 * who look after the client (docs/worklist.md):
 * <ul>
 *   <li>name: the modelled name, then the case reference and the client reference,
 *       "Vote on the change · CHG-2026-0042 · ALPENWERK";</li>
 *   <li>variables {@code caseReference} and {@code clientName} for the Tasklist filters, on the process
 *       instance and on the task (which is what staff may read);</li>
 *   <li>priority from the case priority ({@link TaskPriorities});</li>
 *   <li>due date and follow-up date from the SLA clock the case runs on ({@link TaskDeadlines});</li>
 *   <li>a CSM task goes to the client's designated CSM, or the backup while the CSM is away; a CSE task is
 *       offered to the client's named CSE team. The role group stays a candidate either way.</li>
 * </ul>
 * What the model sets on the task itself (due date, follow-up date, priority, assignee) is kept.
 */
@Component
class TaskContext implements UserTaskDecorator {

    /** Task names are at most 255 characters in the engine's table. */
    private static final int MAX_NAME = 255;

    static final String SEPARATOR = " · ";

    private final Clients clients;
    private final SlaClocks clocks;
    private final CaseRouting routing;

    TaskContext(Clients clients, SlaClocks clocks, CaseRouting routing) {
        this.clients = clients;
        this.clocks = clocks;
        this.routing = routing;
    }

    @Override
    public void onCreate(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        if (execution == null) {
            return; // a standalone task: no case
        }
        DelegateExecution processInstance = execution.getProcessInstance();
        String businessKey = execution.getProcessBusinessKey();
        String clientReference = CaseVariables.CLIENT_REFERENCE.text(task);
        Optional<Client> client = clients.findByReference(clientReference);

        task.setName(name(
                task.getName(), businessKey, client.map(Client::getReference).orElse(null)));
        if (businessKey != null) {
            CaseVariables.CASE_REFERENCE.setIfChanged(processInstance, businessKey);
            // a copy on the task too: the Tasklist filters embed variables only where the user may read
            // them, and staff may read their task, not the process instance
            task.setVariableLocal(CaseVariables.CASE_REFERENCE.name(), businessKey);
        }
        client.ifPresent(found -> {
            CaseVariables.CLIENT_NAME.setIfChanged(processInstance, found.getName());
            task.setVariableLocal(CaseVariables.CLIENT_NAME.name(), found.getName());
        });

        ModelledTaskDates.Modelled modelled = ModelledTaskDates.Modelled.of(task.getBpmnModelElementInstance());
        if (!modelled.priority()) {
            Integer priority = TaskPriorities.of(CaseVariables.PRIORITY.text(task));
            if (priority != null) {
                task.setPriority(priority);
            }
        }
        Optional<SlaClock> clock = clocks.governing(
                task.getProcessInstanceId(), businessKey == null ? task.getProcessInstanceId() : businessKey);
        if (!modelled.dueDate()) {
            task.setDueDate(clock.map(running -> Date.from(running.getDueAt())).orElse(null));
        }
        if (!modelled.followUpDate()) {
            task.setFollowUpDate(
                    clock.map(running -> Date.from(running.getWarningAt())).orElse(null));
        }
        client.ifPresent(found -> route(task, found));
    }

    private void route(DelegateTask task, Client client) {
        Set<String> groups = task.getCandidates().stream()
                .map(IdentityLink::getGroupId)
                .filter(group -> group != null)
                .collect(Collectors.toSet());
        if (groups.contains(RoleGroup.CSM.id()) && task.getAssignee() == null) {
            routing.csmFor(client).ifPresent(task::setAssignee);
        }
        if (groups.contains(RoleGroup.CSE.id()) && !client.getCseTeam().isEmpty()) {
            task.addCandidateUsers(client.getCseTeam());
        }
    }

    /** "Vote on the change · CHG-2026-0042 · ALPENWERK"; unchanged when the model names the case already. */
    static String name(String modelled, String businessKey, String clientReference) {
        String base = modelled == null ? "" : modelled;
        if (businessKey == null || base.contains(businessKey)) {
            return modelled;
        }
        String suffix = SEPARATOR + businessKey + (clientReference == null ? "" : SEPARATOR + clientReference);
        if (base.length() + suffix.length() > MAX_NAME) {
            base = base.substring(0, Math.max(0, MAX_NAME - suffix.length() - 1)) + "…";
        }
        return base + suffix;
    }
}
