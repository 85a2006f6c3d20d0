package com.csmflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tuning 26 ({@link HistoryPolicyPlugin}, {@link FirstDetailOnChange}): the history of a variable's
 * values stays complete while a value nobody changes is written once, and the worklist's task copies of
 * the case reference leave no history beside the process variable's.
 */
@CsmFlowTest
class VariableHistoryTest {

    private static final String KEY = "variable-history-probe";

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    TaskService taskService;

    @Autowired
    ManagementService managementService;

    @Autowired
    HistoryService historyService;

    @Autowired
    IdentityService identityService;

    @Autowired
    ConfigurableApplicationContext context;

    private String deploymentId;

    /**
     * start -> (asynchronous) the machine sets two values -> a user task -> the machine changes one value
     * again, in the command that completes the task -> end.
     */
    @BeforeEach
    void deploy() {
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        synchronized (VariableHistoryTest.class) {
            if (!beans.containsSingleton("variableHistoryMachine")) {
                beans.registerSingleton("variableHistoryMachine", new Machine());
            }
        }
        BpmnModelInstance model = Bpmn.createExecutableProcess(KEY)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_Machine")
                .camundaAsyncBefore()
                .camundaDelegateExpression("${variableHistoryMachine}")
                .userTask("Task_Work")
                .camundaCandidateGroups("csm")
                .serviceTask("Task_MachineAgain")
                .camundaExpression("${execution.setVariable('machineValue', 'third')}")
                .endEvent()
                .done();
        deploymentId = repositoryService
                .createDeployment()
                .name(KEY)
                .addModelInstance(KEY + ".bpmn", model)
                .deploy()
                .getId();
    }

    @AfterEach
    void undeploy() {
        identityService.clearAuthentication();
        repositoryService.deleteDeployment(deploymentId, true);
    }

    @Test
    void aValueTheMachineSetGetsItsFirstDetailWhenItChanges() {
        ProcessInstance instance = startAndRunTheMachine("VH-1");

        // until the value changes, the historic variable row alone holds it
        assertThat(historicValue(instance, "machineValue")).isEqualTo("first");
        assertThat(historicValue(instance, "machineList")).isEqualTo(List.of("a", "b"));
        assertThat(details(instance, "machineValue")).isEmpty();
        assertThat(details(instance, "machineList")).isEmpty();
        // start variables keep their ("initial") detail at once
        assertThat(details(instance, "startValue"))
                .singleElement()
                .satisfies(detail -> assertThat(detail.getValue()).isEqualTo("s"));

        // a person changes both values and sets one of their own; the machine changes one again at once
        Task task = taskService
                .createTaskQuery()
                .processInstanceId(instance.getId())
                .singleResult();
        identityService.setAuthentication("history-probe", List.of("camunda-admin")); // may work any task
        taskService.complete(
                task.getId(),
                Map.of("machineValue", "second", "machineList", new ArrayList<>(List.of("c")), "personValue", "p"));
        identityService.clearAuthentication();

        assertThat(details(instance, "machineValue"))
                .extracting(HistoricVariableUpdate::getValue)
                .as("every value once, the first included, though it changed twice in one command")
                .containsExactly("first", "second", "third");
        assertThat(details(instance, "machineList"))
                .extracting(HistoricVariableUpdate::getValue)
                .containsExactly(List.of("a", "b"), List.of("c"));
        List<HistoricVariableUpdate> machineValue = details(instance, "machineValue");
        assertThat(machineValue.get(0).getTime())
                .isBeforeOrEqualTo(machineValue.get(1).getTime());
        assertThat(machineValue.get(0).getUserOperationId()).isNull();
        assertThat(machineValue.get(1).getUserOperationId())
                .as("the change links to the person's operation")
                .isNotNull();
        // a value a person set has its detail at once, linked to the operation
        assertThat(details(instance, "personValue"))
                .singleElement()
                .satisfies(detail -> assertThat(detail.getUserOperationId()).isNotNull());
        assertThat(historicValue(instance, "machineValue")).isEqualTo("third");
    }

    @Test
    void aRemovedValueKeepsItsFirstDetail() {
        ProcessInstance instance = startAndRunTheMachine("VH-3");
        assertThat(details(instance, "machineValue")).isEmpty();

        runtimeService.removeVariable(instance.getId(), "machineValue");

        assertThat(details(instance, "machineValue"))
                .extracting(HistoricVariableUpdate::getValue)
                .as("the value it had, then its removal")
                .startsWith("first");
        assertThat(historyService
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(instance.getId())
                        .variableName("machineValue")
                        .includeDeleted()
                        .singleResult()
                        .getState())
                .isEqualTo(HistoricVariableInstance.STATE_DELETED);
    }

    @Test
    void taskCopiesOfTheCaseReferenceLeaveNoHistoryBesideTheProcessVariable() {
        ProcessInstance instance = startAndRunTheMachine("VH-2");
        Task task = taskService
                .createTaskQuery()
                .processInstanceId(instance.getId())
                .singleResult();

        assertThat(taskService.getVariableLocal(task.getId(), CaseVariables.CASE_REFERENCE.name()))
                .as("the copy the Tasklist shows is on the task")
                .isEqualTo("VH-2");
        List<HistoricVariableInstance> history = historyService
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .variableName(CaseVariables.CASE_REFERENCE.name())
                .list();
        assertThat(history)
                .as("the process variable's history, not the task copy's")
                .singleElement()
                .satisfies(variable -> {
                    assertThat(variable.getTaskId()).isNull();
                    assertThat(variable.getValue()).isEqualTo("VH-2");
                });

        taskService.complete(task.getId());
        assertThat(historyService
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(instance.getId())
                        .variableName(CaseVariables.CASE_REFERENCE.name())
                        .count())
                .isEqualTo(1);
    }

    private ProcessInstance startAndRunTheMachine(String businessKey) {
        ProcessInstance instance =
                runtimeService.startProcessInstanceByKey(KEY, businessKey, Map.of("startValue", "s"));
        managementService.executeJob(managementService
                .createJobQuery()
                .processInstanceId(instance.getId())
                .singleResult()
                .getId());
        return instance;
    }

    private Object historicValue(ProcessInstance instance, String name) {
        return historyService
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .variableName(name)
                .singleResult()
                .getValue();
    }

    private List<HistoricVariableUpdate> details(ProcessInstance instance, String name) {
        List<HistoricVariableUpdate> updates = new ArrayList<>();
        for (HistoricDetail detail : historyService
                .createHistoricDetailQuery()
                .processInstanceId(instance.getId())
                .variableUpdates()
                .orderPartiallyByOccurrence()
                .asc()
                .list()) {
            HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
            if (update.getVariableName().equals(name)) {
                updates.add(update);
            }
        }
        return updates;
    }

    /** Sets a text and a list, as a delegate of the job executor does: no user operation. */
    static final class Machine implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariable("machineValue", "first");
            execution.setVariable("machineList", new ArrayList<>(List.of("a", "b")));
        }
    }
}
