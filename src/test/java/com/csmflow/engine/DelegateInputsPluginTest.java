package com.csmflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link DelegateInputsPlugin}: the service task of an {@link InputReadingDelegate} gets its modelled
 * inputs (text and expressions) without the engine's scope execution and local variables; any other
 * delegate keeps the engine's input mapping.
 */
@CsmFlowTest
class DelegateInputsPluginTest {

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    HistoryService historyService;

    @Autowired
    ConfigurableApplicationContext context;

    private String deploymentId;

    @AfterEach
    void undeploy() {
        if (deploymentId != null) {
            repositoryService.deleteDeployment(deploymentId, true);
        }
    }

    @Test
    void inputReadingDelegateGetsItsInputsWithoutScopeOrLocalVariables() {
        ProcessInstance instance = run("inputProbeReader", "delegate-inputs-reader");

        Map<String, Object> variables = runtimeService.getVariables(instance.getId());
        assertThat(variables).containsEntry("seenStep", "CLOSE").containsEntry("seenGreeting", "hello world");
        assertThat(localInputsInHistory(instance)).isEmpty();
        assertThat(probeActivity(instance).getExecutionId())
                .as("the step ran in the process instance's own execution, no scope execution of its own")
                .isEqualTo(instance.getId());
    }

    @Test
    void otherDelegatesKeepTheEngineMapping() {
        ProcessInstance instance = run("inputProbePlain", "delegate-inputs-plain");

        Map<String, Object> variables = runtimeService.getVariables(instance.getId());
        assertThat(variables).containsEntry("seenStep", "CLOSE").containsEntry("seenGreeting", "hello world");
        assertThat(localInputsInHistory(instance)).containsExactlyInAnyOrder("step", "greeting");
        assertThat(probeActivity(instance).getExecutionId()).isNotEqualTo(instance.getId());
    }

    /** Deploys start -> probe (two inputs, one an expression) -> wait -> end, and starts it. */
    private ProcessInstance run(String bean, String key) {
        registerProbes();
        BpmnModelInstance model = Bpmn.createExecutableProcess(key)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_Probe")
                .camundaDelegateExpression("${" + bean + "}")
                .camundaInputParameter("step", "CLOSE")
                .camundaInputParameter("greeting", "${name} world")
                .receiveTask("Wait")
                .message("delegate-inputs-never")
                .endEvent()
                .done();
        deploymentId = repositoryService
                .createDeployment()
                .name(key)
                .addModelInstance(key + ".bpmn", model)
                .deploy()
                .getId();
        return runtimeService.startProcessInstanceByKey(key, Map.of("name", "hello"));
    }

    private List<String> localInputsInHistory(ProcessInstance instance) {
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list().stream()
                .map(HistoricVariableInstance::getName)
                .filter(name -> name.equals("step") || name.equals("greeting"))
                .toList();
    }

    private HistoricActivityInstance probeActivity(ProcessInstance instance) {
        return historyService
                .createHistoricActivityInstanceQuery()
                .processInstanceId(instance.getId())
                .activityId("Task_Probe")
                .singleResult();
    }

    /** Two singletons added to the running context once (so this test shares the one cached context). */
    private void registerProbes() {
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        synchronized (DelegateInputsPluginTest.class) {
            if (!beans.containsSingleton("inputProbeReader")) {
                beans.registerSingleton("inputProbeReader", new ReaderProbe());
                beans.registerSingleton("inputProbePlain", new PlainProbe());
            }
        }
    }

    /** Reads its inputs through DelegateInputs, as every InputReadingDelegate must. */
    static final class ReaderProbe implements InputReadingDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            DelegateInputs inputs = DelegateInputs.read(execution, Set.of("step", "greeting"));
            execution.setVariable("seenStep", inputs.text("step"));
            execution.setVariable("seenGreeting", inputs.text("greeting"));
        }
    }

    /** Reads its inputs as local variables: must keep the engine's mapping. */
    static final class PlainProbe implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariable("seenStep", execution.getVariableLocal("step"));
            execution.setVariable("seenGreeting", execution.getVariableLocal("greeting"));
        }
    }
}
