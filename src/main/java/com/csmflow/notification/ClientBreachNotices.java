package com.csmflow.notification;

import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.security.RoleGroup;
import com.csmflow.sla.SlaClockBreached;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The client hears of an SLA violation (004 SLM): a breach of a client-facing target ({@link SlaClockBreached})
 * starts a {@code sla-breach-notice} instance that mails the client's notice contacts through {@code ${notify}}
 * (their language, held for their business hours like every client notice), saying which target was missed
 * and what is being done: the case's open steps and who has them. Nothing is sent when the client's
 * contract turns breach notices off ({@link Client#isNotifyClientOfBreaches()}) or the client has no notice
 * recipients. Runs in the transaction that claims the breach, so the notice and the claim commit together.
 */
@Component
class ClientBreachNotices {

    static final String PROCESS_KEY = "sla-breach-notice";
    static final String BREACHED_METRIC = "breachedMetric";
    static final String BREACHED_DUE = "breachedDue";
    static final String BREACH_KEY = "breachKey";
    static final String CURRENT_STEPS = "currentSteps";

    private static final Logger log = LoggerFactory.getLogger(ClientBreachNotices.class);

    private final Clients clients;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final RuntimeService runtimeService;
    private final EngineIdentity engineIdentity;

    ClientBreachNotices(
            Clients clients,
            TaskService taskService,
            IdentityService identityService,
            RuntimeService runtimeService,
            EngineIdentity engineIdentity) {
        this.clients = clients;
        this.taskService = taskService;
        this.identityService = identityService;
        this.runtimeService = runtimeService;
        this.engineIdentity = engineIdentity;
    }

    @EventListener
    void breached(SlaClockBreached breach) {
        Optional<Client> found = clients.findByReference(breach.clientReference());
        if (found.isEmpty()) {
            return;
        }
        Client client = found.get();
        if (!client.isNotifyClientOfBreaches() || client.getNoticeRecipients().isEmpty()) {
            log.info(
                    "Breach of {} on {} not told to {}: contract or contacts say no",
                    breach.metric(),
                    breach.businessKey(),
                    client.getReference());
            return;
        }
        engineIdentity.asPlatform(() -> {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put(CaseVariables.CLIENT_REFERENCE.name(), client.getReference());
            variables.put(CaseVariables.CASE_REFERENCE.name(), breach.businessKey());
            variables.put(BREACHED_METRIC, breach.metric());
            variables.put(BREACHED_DUE, Date.from(breach.dueAt()));
            variables.put(BREACH_KEY, "clock-" + breach.clockId());
            variables.put(CURRENT_STEPS, currentSteps(breach));
            runtimeService.startProcessInstanceByKey(PROCESS_KEY, breach.businessKey(), variables);
        });
    }

    /** The case's open tasks and who has them, one per line; a sentence when none is open. */
    private String currentSteps(SlaClockBreached breach) {
        Set<Task> open = new LinkedHashSet<>();
        if (breach.processInstanceId() != null) {
            open.addAll(taskService
                    .createTaskQuery()
                    .processInstanceId(breach.processInstanceId())
                    .active()
                    .list());
        }
        open.addAll(taskService
                .createTaskQuery()
                .processInstanceBusinessKey(breach.businessKey())
                .active()
                .list());
        List<String> lines = open.stream()
                .collect(Collectors.toMap(Task::getId, task -> task, (a, b) -> a, LinkedHashMap::new))
                .values()
                .stream()
                .map(task -> "- " + task.getName() + " (" + owner(task) + ")")
                .toList();
        return lines.isEmpty() ? "-" : String.join("\n", lines);
    }

    private String owner(Task task) {
        if (task.getAssignee() != null) {
            User user =
                    identityService.createUserQuery().userId(task.getAssignee()).singleResult();
            return user == null ? task.getAssignee() : (user.getFirstName() + " " + user.getLastName()).trim();
        }
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(link -> Arrays.stream(RoleGroup.values())
                        .filter(group -> group.id().equals(link.getGroupId()))
                        .map(RoleGroup::displayName)
                        .findFirst()
                        .orElse(link.getGroupId()))
                .distinct()
                .collect(Collectors.joining(", "));
    }
}
