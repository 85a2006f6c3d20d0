package com.csmflow.platform;

import static com.csmflow.servicedesk.ServiceDeskRequestProcess.DESCRIPTION;
import static com.csmflow.servicedesk.ServiceDeskRequestProcess.END_EVENT_REQUEST_HANDLED;
import static com.csmflow.servicedesk.ServiceDeskRequestProcess.KEY;
import static com.csmflow.servicedesk.ServiceDeskRequestProcess.OUTCOME;
import static com.csmflow.servicedesk.ServiceDeskRequestProcess.REQUESTER_EMAIL;
import static com.csmflow.servicedesk.ServiceDeskRequestProcess.RESOLUTION;
import static com.csmflow.servicedesk.ServiceDeskRequestProcess.START_EVENT_REQUEST_RECEIVED;
import static com.csmflow.servicedesk.ServiceDeskRequestProcess.SUBJECT;
import static com.csmflow.servicedesk.ServiceDeskRequestProcess.TASK_HANDLE_REQUEST;
import static com.csmflow.servicedesk.ServiceDeskRequestProcess.TASK_TELL_REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.TestServers;
import com.csmflow.notification.NotificationDeliveryProcess;
import jakarta.mail.MessagingException;
import java.util.Arrays;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The service desk request: started from its Camunda Form, handled by a CSM, the requester told, closed. */
@CsmFlowTest
class ServiceDeskRequestProcessTest {

    @Autowired
    ProcessEngine processEngine;

    @Autowired
    FormService formService;

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    HistoryService historyService;

    @Autowired
    TaskService taskService;

    @Autowired
    RuntimeService runtimeService;

    @BeforeEach
    void initAssertions() {
        BpmnAwareTests.init(processEngine);
    }

    @Test
    void aCsmHandlesTheRequestAndTheInstanceEnds() {
        ProcessDefinition definition = repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey(KEY)
                .latestVersion()
                .singleResult();
        assertThat(definition.getHistoryTimeToLive()).isEqualTo(180);

        ProcessInstance instance = formService.submitStartForm(
                definition.getId(),
                "SDR-TEST-1",
                Map.of(
                        SUBJECT.name(), "VPN certificate expired",
                        REQUESTER_EMAIL.name(), "it-lead@client.example",
                        DESCRIPTION.name(), "Nobody can connect since this morning"));

        assertThat(instance)
                .isStarted()
                .hasPassed(START_EVENT_REQUEST_RECEIVED)
                .isWaitingAt(TASK_HANDLE_REQUEST)
                .hasVariables(SUBJECT.name(), REQUESTER_EMAIL.name(), DESCRIPTION.name());
        Task handle = task(instance);
        assertThat(handle)
                // the worklist adds the case reference (no client on a service desk request)
                .hasName("Handle service desk request · " + instance.getBusinessKey())
                .hasCandidateGroup("csm")
                .isNotAssigned();
        assertThat(taskService
                        .createTaskQuery()
                        .taskId(handle.getId())
                        .initializeFormKeys()
                        .singleResult()
                        .getCamundaFormRef()
                        .getKey())
                .isEqualTo("service-desk-request-handle");

        complete(handle, withVariables(RESOLUTION.name(), "Renewed the certificate", OUTCOME.name(), "resolved"));

        // The outcome mail is decided in its own job, then delivered by a notification-delivery instance.
        assertThat(instance).isWaitingAt(TASK_TELL_REQUESTER);
        execute(job(instance));
        ProcessInstance delivery = runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey("SDR-TEST-1")
                .processDefinitionKey(NotificationDeliveryProcess.KEY)
                .singleResult();
        execute(job(delivery));
        assertThat(delivery).hasPassed(NotificationDeliveryProcess.TASK_DELIVER).isEnded();
        assertThat(Arrays.stream(TestServers.mail().getReceivedMessages()).filter(mail -> {
                    try {
                        return mail.getAllRecipients()[0].toString().equals("it-lead@client.example")
                                && mail.getSubject().equals("Your request \"VPN certificate expired\": resolved");
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .hasSize(1);

        assertThat(instance)
                .hasPassedInOrder(
                        START_EVENT_REQUEST_RECEIVED,
                        TASK_HANDLE_REQUEST,
                        TASK_TELL_REQUESTER,
                        END_EVENT_REQUEST_HANDLED)
                .isEnded();
        assertThat(historyService
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(instance.getId())
                        .variableName(OUTCOME.name())
                        .singleResult()
                        .getValue())
                .isEqualTo("resolved");
    }
}
