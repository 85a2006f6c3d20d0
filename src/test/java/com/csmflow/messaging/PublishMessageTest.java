package com.csmflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.engine.CaseVariables;
import com.csmflow.harness.CsmFlowTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** One workflow hands a case to another through a message start event, or keeps it when nobody listens. */
@CsmFlowTest
class PublishMessageTest {

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    HistoryService historyService;

    @Autowired
    JdbcTemplate jdbc;

    private String senderDeployment;
    private String receiverDeployment;

    @AfterEach
    void cleanUp() {
        for (String deployment : new String[] {senderDeployment, receiverDeployment}) {
            if (deployment != null) {
                repositoryService.deleteDeployment(deployment, true);
            }
        }
    }

    @Test
    void startsTheReceivingWorkflowWithThePayloadAndTheSender() {
        receiverDeployment = deploy(
                "message-receiver-probe",
                Bpmn.createExecutableProcess("message-receiver-probe")
                        .camundaHistoryTimeToLive(1)
                        .startEvent("StartEvent_Requested")
                        .message("probe-requested")
                        .userTask("Task_Look")
                        .camundaCandidateGroups("cse")
                        .endEvent()
                        .done());
        senderDeployment = deploy("message-sender-probe", sender("probe-requested"));

        ProcessInstance sender = runtimeService.startProcessInstanceByKey("message-sender-probe", "SND-2026-0001");

        ProcessInstance receiver = runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey("message-receiver-probe")
                .variableValueEquals(CaseVariables.SOURCE_BUSINESS_KEY.name(), "SND-2026-0001")
                .singleResult();
        assertThat(receiver).isNotNull();
        assertThat(runtimeService.getVariable(receiver.getId(), "sourceType")).isEqualTo("change");
        assertThat(runtimeService.getVariable(receiver.getId(), CaseVariables.SOURCE_PROCESS_INSTANCE_ID.name()))
                .isEqualTo(sender.getId());
        assertThat(undelivered("probe-requested:SND-2026-0001")).isZero();
    }

    @Test
    void keepsTheRequestInTheRegisterWhenNoWorkflowListens() {
        senderDeployment = deploy("message-sender-probe", sender("nobody-listens"));

        ProcessInstance sender = runtimeService.startProcessInstanceByKey("message-sender-probe", "SND-2026-0002");

        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceId(sender.getId())
                        .singleResult()
                        .getState())
                .isEqualTo("COMPLETED");
        assertThat(undelivered("nobody-listens:SND-2026-0002")).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT data FROM register_entry WHERE reference = ?",
                        String.class,
                        "nobody-listens:SND-2026-0002"))
                .contains("\"sourceType\":\"change\"");
    }

    private BpmnModelInstance sender(String messageName) {
        return Bpmn.createExecutableProcess("message-sender-probe")
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_RequestProblem")
                .camundaDelegateExpression("${publishMessage}")
                .camundaInputParameter(PublishMessageDelegate.MESSAGE_NAME, messageName)
                .camundaInputParameter(PublishMessageDelegate.PAYLOAD, "{\"sourceType\": \"change\"}")
                .endEvent()
                .done();
    }

    private String deploy(String name, BpmnModelInstance model) {
        return repositoryService
                .createDeployment()
                .name(name)
                .addModelInstance(name + ".bpmn", model)
                .deploy()
                .getId();
    }

    private long undelivered(String reference) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM register_entry WHERE register = 'undelivered-message'" + " AND reference = ?",
                Long.class,
                reference);
    }
}
