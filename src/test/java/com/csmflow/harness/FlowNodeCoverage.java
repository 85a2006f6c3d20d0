package com.csmflow.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;

/**
 * A process test class's check of its OWN model's flow-node coverage, counted over the instances it drove
 * (their business keys) from the engine's history, so instances other classes start in the shared context
 * do not count for or against it.
 */
public final class FlowNodeCoverage {

    private FlowNodeCoverage() {}

    /** Fails naming the nodes not visited when less than {@code share} of the latest model's flow nodes ran. */
    public static void assertAtLeast(
            ProcessEngine engine, String processKey, Collection<String> businessKeys, double share) {
        ProcessDefinition definition = engine.getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(processKey)
                .latestVersion()
                .singleResult();
        Set<String> nodes = engine
                .getRepositoryService()
                .getBpmnModelInstance(definition.getId())
                .getModelElementsByType(FlowNode.class)
                .stream()
                .map(FlowNode::getId)
                .collect(Collectors.toSet());
        Set<String> covered = new HashSet<>();
        for (String key : businessKeys) {
            engine.getHistoryService()
                    .createHistoricProcessInstanceQuery()
                    .processDefinitionKey(processKey)
                    .processInstanceBusinessKey(key)
                    .list()
                    .forEach(instance -> engine
                            .getHistoryService()
                            .createHistoricActivityInstanceQuery()
                            .processInstanceId(instance.getId())
                            .list()
                            .stream()
                            .map(HistoricActivityInstance::getActivityId)
                            .forEach(covered::add));
        }
        covered.retainAll(nodes);
        Set<String> missing = new HashSet<>(nodes);
        missing.removeAll(covered);
        assertThat((double) covered.size() / nodes.size())
                .as("flow-node coverage of %s; not visited: %s", processKey, missing)
                .isGreaterThanOrEqualTo(share);
    }
}
