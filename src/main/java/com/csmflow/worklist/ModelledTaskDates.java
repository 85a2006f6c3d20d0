package com.csmflow.worklist;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/**
 * What a model sets on a user task itself ({@code camunda:dueDate}, {@code camunda:followUpDate},
 * {@code camunda:priority}): the model wins over the SLA clock and the case priority, e.g. the target date
 * of a SIP action. Fixed per deployed definition, so cached.
 */
@Component
class ModelledTaskDates {

    record Modelled(boolean dueDate, boolean followUpDate, boolean priority) {

        static final Modelled NOTHING = new Modelled(false, false, false);

        static Modelled of(UserTask userTask) {
            return userTask == null
                    ? NOTHING
                    : new Modelled(
                            userTask.getCamundaDueDate() != null,
                            userTask.getCamundaFollowUpDate() != null,
                            userTask.getCamundaPriority() != null);
        }
    }

    private final RepositoryService repositoryService;
    private final Map<String, Modelled> cache = new ConcurrentHashMap<>();

    ModelledTaskDates(RepositoryService repositoryService) {
        this.repositoryService = repositoryService;
    }

    Modelled of(String processDefinitionId, String taskDefinitionKey) {
        if (processDefinitionId == null || taskDefinitionKey == null) {
            return Modelled.NOTHING;
        }
        return cache.computeIfAbsent(processDefinitionId + "/" + taskDefinitionKey, key -> {
            Object element =
                    repositoryService.getBpmnModelInstance(processDefinitionId).getModelElementById(taskDefinitionKey);
            return Modelled.of(element instanceof UserTask userTask ? userTask : null);
        });
    }
}
