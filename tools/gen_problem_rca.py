import sys
sys.path.insert(0, "tools")
from problem_bpmn_layout import Diagram

HEAD = '''<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                  xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                  xmlns:modeler="http://camunda.org/schema/modeler/1.0"
                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  id="Definitions_ProblemRca"
                  targetNamespace="https://csmflow.example/bpmn"
                  exporter="CSM Flow" exporterVersion="0.1"
                  modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.24.0">
  <bpmn:message id="Message_ProblemRequested" name="problem-requested" />
  <bpmn:message id="Message_ActionAdded" name="problem-action-added" />
  <bpmn:message id="Message_ActionsSettled" name="problem-actions-settled" />
'''

RETRY = '<camunda:failedJobRetryTimeCycle>R5/PT5M</camunda:failedJobRetryTimeCycle>'


def notify(task_id, name, flow_in, flow_out, template, params, key=None):
    p = "".join(f'\n          <camunda:inputParameter name="{k}">{v}</camunda:inputParameter>' for k, v in params)
    if key:
        p += f'\n          <camunda:inputParameter name="notificationKey">{key}</camunda:inputParameter>'
    return f'''    <bpmn:serviceTask id="{task_id}" name="{name}" camunda:asyncBefore="true" camunda:delegateExpression="${{notify}}"
                      camunda:modelerTemplate="com.csmflow.send-notification" camunda:modelerTemplateVersion="1">
      <bpmn:extensionElements>
        {RETRY}
        <camunda:inputOutput>
          <camunda:inputParameter name="template">{template}</camunda:inputParameter>{p}
        </camunda:inputOutput>
      </bpmn:extensionElements>
      <bpmn:incoming>{flow_in}</bpmn:incoming>
      <bpmn:outgoing>{flow_out}</bpmn:outgoing>
    </bpmn:serviceTask>
'''


def register(task_id, name, flow_in, flow_out, step, async_before=False):
    a = ' camunda:asyncBefore="true"' if async_before else ''
    retry = f'\n        {RETRY}' if async_before else ''
    return f'''    <bpmn:serviceTask id="{task_id}" name="{name}"{a} camunda:delegateExpression="${{problemRegister}}">
      <bpmn:extensionElements>{retry}
        <camunda:inputOutput>
          <camunda:inputParameter name="step">{step}</camunda:inputParameter>
        </camunda:inputOutput>
      </bpmn:extensionElements>
      <bpmn:incoming>{flow_in}</bpmn:incoming>
      <bpmn:outgoing>{flow_out}</bpmn:outgoing>
    </bpmn:serviceTask>
'''


def flow(fid, src, tgt, name=None, cond=None):
    n = f' name="{name}"' if name else ''
    if cond:
        return (f'    <bpmn:sequenceFlow id="{fid}"{n} sourceRef="{src}" targetRef="{tgt}">\n'
                f'      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{cond}</bpmn:conditionExpression>\n'
                f'    </bpmn:sequenceFlow>\n')
    return f'    <bpmn:sequenceFlow id="{fid}"{n} sourceRef="{src}" targetRef="{tgt}" />\n'


def user_task(task_id, name, group, form, flow_ins, flow_out, doc):
    ins = "".join(f'\n      <bpmn:incoming>{f}</bpmn:incoming>' for f in flow_ins)
    return f'''      <bpmn:userTask id="{task_id}" name="{name}" camunda:candidateGroups="{group}"
                     camunda:formRef="{form}" camunda:formRefBinding="deployment">
        <bpmn:documentation>{doc}</bpmn:documentation>{ins}
        <bpmn:outgoing>{flow_out}</bpmn:outgoing>
      </bpmn:userTask>
'''


x = []
x.append('''  <bpmn:process id="problem-rca" name="Problem and RCA" isExecutable="true"
                camunda:historyTimeToLive="P365D" camunda:versionTag="1">
    <bpmn:documentation>A problem (from a failed change, an escalation, chronic incidents, a complaint or the CSM) gets its root cause determined by a CSE under the rca.delivered SLA clock; the service manager reviews the internal RCA, the CSM writes the client-facing RCA, which is approved and mailed to the client's contacts; every resulting action is followed up in the SIP register until done or accepted as risk, then the problem closes.</bpmn:documentation>
    <bpmn:startEvent id="StartEvent_ProblemRequested" name="Problem requested by another workflow" camunda:asyncAfter="true">
      <bpmn:extensionElements>''' + RETRY + '''</bpmn:extensionElements>
      <bpmn:outgoing>Flow_RequestedToRegister</bpmn:outgoing>
      <bpmn:messageEventDefinition id="MessageEventDefinition_ProblemRequested" messageRef="Message_ProblemRequested" />
    </bpmn:startEvent>
    <bpmn:startEvent id="StartEvent_OpenedByStaff" name="Problem opened by staff"
                     camunda:formRef="problem-rca-start" camunda:formRefBinding="deployment">
      <bpmn:outgoing>Flow_StaffToRegister</bpmn:outgoing>
    </bpmn:startEvent>
''')
x.append(flow("Flow_RequestedToRegister", "StartEvent_ProblemRequested", "Task_RegisterProblem"))
x.append(flow("Flow_StaffToRegister", "StartEvent_OpenedByStaff", "Task_RegisterProblem"))
x.append('''    <bpmn:serviceTask id="Task_RegisterProblem" name="Record problem in register" camunda:delegateExpression="${problemRegister}">
      <bpmn:extensionElements>
        <camunda:inputOutput>
          <camunda:inputParameter name="step">OPENED</camunda:inputParameter>
        </camunda:inputOutput>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_RequestedToRegister</bpmn:incoming>
      <bpmn:incoming>Flow_StaffToRegister</bpmn:incoming>
      <bpmn:outgoing>Flow_ToStartClock</bpmn:outgoing>
    </bpmn:serviceTask>
''')
x.append(flow("Flow_ToStartClock", "Task_RegisterProblem", "Task_StartRcaClock"))
x.append('''    <bpmn:serviceTask id="Task_StartRcaClock" name="Start RCA delivery clock" camunda:delegateExpression="${slaClockStart}"
                      camunda:modelerTemplate="com.csmflow.sla.clock-start" camunda:modelerTemplateVersion="1">
      <bpmn:extensionElements>
        <camunda:inputOutput>
          <camunda:inputParameter name="metric">rca.delivered</camunda:inputParameter>
          <camunda:inputParameter name="priority">${priority}</camunda:inputParameter>
          <camunda:inputParameter name="clientReference">${clientReference}</camunda:inputParameter>
          <camunda:inputParameter name="clockName">rcaDelivered</camunda:inputParameter>
        </camunda:inputOutput>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_ToStartClock</bpmn:incoming>
      <bpmn:outgoing>Flow_ToDeliverRca</bpmn:outgoing>
    </bpmn:serviceTask>
''')
x.append(flow("Flow_ToDeliverRca", "Task_StartRcaClock", "SubProcess_DeliverRca"))
# --- sub-process: the RCA under the clock
x.append('''    <bpmn:subProcess id="SubProcess_DeliverRca" name="Deliver the RCA (rca.delivered clock)">
      <bpmn:incoming>Flow_ToDeliverRca</bpmn:incoming>
      <bpmn:outgoing>Flow_ToSendRca</bpmn:outgoing>
      <bpmn:startEvent id="StartEvent_Rca" name="RCA needed">
        <bpmn:outgoing>Flow_ToDetermine</bpmn:outgoing>
      </bpmn:startEvent>
''')
x.append("  " + flow("Flow_ToDetermine", "StartEvent_Rca", "Task_DetermineRootCause"))
x.append(user_task("Task_DetermineRootCause", "Determine the root cause", "cse", "problem-rca-determine-root-cause",
                   ["Flow_ToDetermine", "Flow_InternalRcaSentBack"], "Flow_ToReview",
                   "Internal RCA: symptoms, root cause, contributing factors, evidence, proposed actions (one per line: description | owner | yyyy-mm-dd)."))
x.append("  " + flow("Flow_ToReview", "Task_DetermineRootCause", "Task_ReviewInternalRca"))
x.append(user_task("Task_ReviewInternalRca", "Review the internal RCA", "service-manager", "problem-rca-review",
                   ["Flow_ToReview"], "Flow_ToReviewDecision", "Accept the internal RCA or send it back with comments."))
x.append("  " + flow("Flow_ToReviewDecision", "Task_ReviewInternalRca", "Gateway_InternalRcaAccepted"))
x.append('''      <bpmn:exclusiveGateway id="Gateway_InternalRcaAccepted" name="Internal RCA accepted?">
        <bpmn:incoming>Flow_ToReviewDecision</bpmn:incoming>
        <bpmn:outgoing>Flow_InternalRcaAccepted</bpmn:outgoing>
        <bpmn:outgoing>Flow_InternalRcaSentBack</bpmn:outgoing>
      </bpmn:exclusiveGateway>
''')
x.append("  " + flow("Flow_InternalRcaAccepted", "Gateway_InternalRcaAccepted", "Task_RecordInternalRca", "accepted", "${rcaReview == 'accept'}"))
x.append("  " + flow("Flow_InternalRcaSentBack", "Gateway_InternalRcaAccepted", "Task_DetermineRootCause", "sent back", "${rcaReview != 'accept'}"))
x.append("  " + register("Task_RecordInternalRca", "Record accepted internal RCA", "Flow_InternalRcaAccepted", "Flow_ToWriteClientRca", "RCA_ACCEPTED").replace("\n    ", "\n      ").replace("    <bpmn:serviceTask", "  <bpmn:serviceTask", 1))
x.append("  " + flow("Flow_ToWriteClientRca", "Task_RecordInternalRca", "Task_WriteClientRca"))
x.append(user_task("Task_WriteClientRca", "Write the client-facing RCA", "csm", "problem-rca-write-client-rca",
                   ["Flow_ToWriteClientRca", "Flow_ClientRcaRevise"], "Flow_ToApprove",
                   "The RCA the client receives, written from the accepted internal RCA."))
x.append("  " + flow("Flow_ToApprove", "Task_WriteClientRca", "Task_ApproveClientRca"))
x.append(user_task("Task_ApproveClientRca", "Approve the client-facing RCA", "service-manager", "problem-rca-approve-client-rca",
                   ["Flow_ToApprove"], "Flow_ToApprovalDecision", "Approve the client-facing RCA for sending, or ask the CSM to revise it."))
x.append("  " + flow("Flow_ToApprovalDecision", "Task_ApproveClientRca", "Gateway_ClientRcaApproved"))
x.append('''      <bpmn:exclusiveGateway id="Gateway_ClientRcaApproved" name="Client RCA approved?">
        <bpmn:incoming>Flow_ToApprovalDecision</bpmn:incoming>
        <bpmn:outgoing>Flow_ClientRcaApproved</bpmn:outgoing>
        <bpmn:outgoing>Flow_ClientRcaRevise</bpmn:outgoing>
      </bpmn:exclusiveGateway>
''')
x.append("  " + flow("Flow_ClientRcaApproved", "Gateway_ClientRcaApproved", "EndEvent_RcaApproved", "approved", "${clientRcaDecision == 'approve'}"))
x.append("  " + flow("Flow_ClientRcaRevise", "Gateway_ClientRcaApproved", "Task_WriteClientRca", "revise", "${clientRcaDecision != 'approve'}"))
x.append('''      <bpmn:endEvent id="EndEvent_RcaApproved" name="RCA approved">
        <bpmn:incoming>Flow_ClientRcaApproved</bpmn:incoming>
      </bpmn:endEvent>
    </bpmn:subProcess>
''')
# --- clock timers on the sub-process
x.append('''    <bpmn:boundaryEvent id="Timer_RcaDueSoon" name="RCA due soon" cancelActivity="false" attachedToRef="SubProcess_DeliverRca">
      <bpmn:outgoing>Flow_ToRemindRca</bpmn:outgoing>
      <bpmn:timerEventDefinition id="TimerEventDefinition_RcaDueSoon">
        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">${rcaDeliveredWarning}</bpmn:timeDate>
      </bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="Timer_RcaOverdue" name="RCA overdue" cancelActivity="false" attachedToRef="SubProcess_DeliverRca">
      <bpmn:outgoing>Flow_ToPublishBreach</bpmn:outgoing>
      <bpmn:timerEventDefinition id="TimerEventDefinition_RcaOverdue">
        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">${rcaDeliveredDue}</bpmn:timeDate>
      </bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
''')
x.append(flow("Flow_ToRemindRca", "Timer_RcaDueSoon", "Task_RemindRcaDue"))
x.append(notify("Task_RemindRcaDue", "Remind CSE and CSM that the RCA is due soon", "Flow_ToRemindRca", "Flow_ToRcaReminded",
                "problem-rca-due-soon", [("recipientGroups", "cse,csm")], "rca-due-soon"))
x.append(flow("Flow_ToRcaReminded", "Task_RemindRcaDue", "EndEvent_RcaReminded"))
x.append('''    <bpmn:endEvent id="EndEvent_RcaReminded" name="Reminded">
      <bpmn:incoming>Flow_ToRcaReminded</bpmn:incoming>
    </bpmn:endEvent>
''')
x.append(flow("Flow_ToPublishBreach", "Timer_RcaOverdue", "Task_PublishRcaBreach"))
x.append('''    <bpmn:serviceTask id="Task_PublishRcaBreach" name="Escalate the RCA breach (sla-breached)" camunda:asyncBefore="true"
                      camunda:delegateExpression="${publishMessage}"
                      camunda:modelerTemplate="com.csmflow.register.publish-message" camunda:modelerTemplateVersion="1">
      <bpmn:extensionElements>
        ''' + RETRY + '''
        <camunda:inputOutput>
          <camunda:inputParameter name="messageName">sla-breached</camunda:inputParameter>
          <camunda:inputParameter name="payload">
            <camunda:map>
              <camunda:entry key="breachedBusinessKey">${problemReference}</camunda:entry>
              <camunda:entry key="breachedMetric">rca.delivered</camunda:entry>
              <camunda:entry key="clientReference">${clientReference}</camunda:entry>
              <camunda:entry key="summary">RCA overdue: ${summary}</camunda:entry>
              <camunda:entry key="priority">${priority}</camunda:entry>
            </camunda:map>
          </camunda:inputParameter>
        </camunda:inputOutput>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_ToPublishBreach</bpmn:incoming>
      <bpmn:outgoing>Flow_ToBreachEscalated</bpmn:outgoing>
    </bpmn:serviceTask>
''')
x.append(flow("Flow_ToBreachEscalated", "Task_PublishRcaBreach", "EndEvent_RcaBreachEscalated"))
x.append('''    <bpmn:endEvent id="EndEvent_RcaBreachEscalated" name="Breach escalated">
      <bpmn:incoming>Flow_ToBreachEscalated</bpmn:incoming>
    </bpmn:endEvent>
''')
# --- after the RCA is approved
x.append(flow("Flow_ToSendRca", "SubProcess_DeliverRca", "Task_SendRcaToClient"))
x.append(notify("Task_SendRcaToClient", "Send the RCA to the client's contacts", "Flow_ToSendRca", "Flow_ToRecordRcaSent",
                "problem-rca-client", [("clientContacts", "true")], "rca"))
x.append(flow("Flow_ToRecordRcaSent", "Task_SendRcaToClient", "Task_RecordRcaSent"))
x.append(register("Task_RecordRcaSent", "Record RCA sent", "Flow_ToRecordRcaSent", "Flow_ToStopClock", "RCA_SENT"))
x.append(flow("Flow_ToStopClock", "Task_RecordRcaSent", "Task_StopRcaClock"))
x.append('''    <bpmn:serviceTask id="Task_StopRcaClock" name="Stop RCA delivery clock" camunda:delegateExpression="${slaClockStop}"
                      camunda:modelerTemplate="com.csmflow.sla.clock-stop" camunda:modelerTemplateVersion="1">
      <bpmn:extensionElements>
        <camunda:inputOutput>
          <camunda:inputParameter name="clockName">rcaDelivered</camunda:inputParameter>
        </camunda:inputOutput>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_ToStopClock</bpmn:incoming>
      <bpmn:outgoing>Flow_ToRegisterActions</bpmn:outgoing>
    </bpmn:serviceTask>
''')
x.append(flow("Flow_ToRegisterActions", "Task_StopRcaClock", "Task_RegisterSipActions"))
x.append('''    <bpmn:serviceTask id="Task_RegisterSipActions" name="Register actions in the SIP" camunda:delegateExpression="${sipActionsFromRca}">
      <bpmn:incoming>Flow_ToRegisterActions</bpmn:incoming>
      <bpmn:outgoing>Flow_ToFollowUp</bpmn:outgoing>
    </bpmn:serviceTask>
''')
x.append(flow("Flow_ToFollowUp", "Task_RegisterSipActions", "CallActivity_FollowUpActions"))
x.append('''    <bpmn:callActivity id="CallActivity_FollowUpActions" name="Follow up each action" calledElement="sip-action"
                       camunda:calledElementBinding="deployment">
      <bpmn:extensionElements>
        <camunda:in businessKey="${sipActionReference}" />
        <camunda:in source="sipActionReference" target="sipActionReference" />
        <camunda:in source="clientReference" target="clientReference" />
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_ToFollowUp</bpmn:incoming>
      <bpmn:outgoing>Flow_ToActionsMerge</bpmn:outgoing>
      <bpmn:multiInstanceLoopCharacteristics camunda:collection="${sipActionReferences}" camunda:elementVariable="sipActionReference" />
    </bpmn:callActivity>
''')
x.append(flow("Flow_ToActionsMerge", "CallActivity_FollowUpActions", "Gateway_ActionsMerge"))
x.append('''    <bpmn:exclusiveGateway id="Gateway_ActionsMerge">
      <bpmn:incoming>Flow_ToActionsMerge</bpmn:incoming>
      <bpmn:incoming>Flow_AddedActionsSettled</bpmn:incoming>
      <bpmn:outgoing>Flow_ToActionsOpen</bpmn:outgoing>
    </bpmn:exclusiveGateway>
''')
x.append(flow("Flow_ToActionsOpen", "Gateway_ActionsMerge", "Gateway_ActionsOpen"))
x.append('''    <bpmn:exclusiveGateway id="Gateway_ActionsOpen" name="Actions still open?">
      <bpmn:incoming>Flow_ToActionsOpen</bpmn:incoming>
      <bpmn:outgoing>Flow_AllActionsSettled</bpmn:outgoing>
      <bpmn:outgoing>Flow_ActionsStillOpen</bpmn:outgoing>
    </bpmn:exclusiveGateway>
''')
x.append(flow("Flow_AllActionsSettled", "Gateway_ActionsOpen", "Task_CloseProblem", "all settled", "${problemActions.openActionCount(problemReference) == 0}"))
x.append(flow("Flow_ActionsStillOpen", "Gateway_ActionsOpen", "ReceiveTask_WaitForAddedActions", "added actions open", "${problemActions.openActionCount(problemReference) &gt; 0}"))
x.append('''    <bpmn:receiveTask id="ReceiveTask_WaitForAddedActions" name="Wait for actions added later" messageRef="Message_ActionsSettled">
      <bpmn:incoming>Flow_ActionsStillOpen</bpmn:incoming>
      <bpmn:outgoing>Flow_AddedActionsSettled</bpmn:outgoing>
    </bpmn:receiveTask>
''')
x.append(flow("Flow_AddedActionsSettled", "ReceiveTask_WaitForAddedActions", "Gateway_ActionsMerge"))
x.append(register("Task_CloseProblem", "Close the problem", "Flow_AllActionsSettled", "Flow_ToTellClientClosed", "CLOSED"))
x.append(flow("Flow_ToTellClientClosed", "Task_CloseProblem", "Task_TellClientClosed"))
x.append(notify("Task_TellClientClosed", "Tell the client the problem is closed", "Flow_ToTellClientClosed", "Flow_ToClosed",
                "problem-closed", [("clientContacts", "true")], "closed"))
x.append(flow("Flow_ToClosed", "Task_TellClientClosed", "EndEvent_ProblemClosed"))
x.append('''    <bpmn:endEvent id="EndEvent_ProblemClosed" name="Problem closed">
      <bpmn:incoming>Flow_ToClosed</bpmn:incoming>
    </bpmn:endEvent>
''')
# --- event sub-process: the CSM adds an action later
x.append('''    <bpmn:subProcess id="SubProcess_ActionAdded" name="Action added by the CSM" triggeredByEvent="true">
      <bpmn:startEvent id="StartEvent_ActionAdded" name="Action added" isInterrupting="false">
        <bpmn:outgoing>Flow_ToFollowUpAdded</bpmn:outgoing>
        <bpmn:messageEventDefinition id="MessageEventDefinition_ActionAdded" messageRef="Message_ActionAdded" />
      </bpmn:startEvent>
      <bpmn:sequenceFlow id="Flow_ToFollowUpAdded" sourceRef="StartEvent_ActionAdded" targetRef="CallActivity_FollowUpAddedAction" />
      <bpmn:callActivity id="CallActivity_FollowUpAddedAction" name="Follow up the added action" calledElement="sip-action"
                         camunda:calledElementBinding="deployment">
        <bpmn:extensionElements>
          <camunda:in businessKey="${addedSipActionReference}" />
          <camunda:in source="addedSipActionReference" target="sipActionReference" />
          <camunda:in source="clientReference" target="clientReference" />
        </bpmn:extensionElements>
        <bpmn:incoming>Flow_ToFollowUpAdded</bpmn:incoming>
        <bpmn:outgoing>Flow_ToReportSettled</bpmn:outgoing>
      </bpmn:callActivity>
      <bpmn:sequenceFlow id="Flow_ToReportSettled" sourceRef="CallActivity_FollowUpAddedAction" targetRef="Task_ReportActionSettled" />
      <bpmn:serviceTask id="Task_ReportActionSettled" name="Let the problem check its open actions" camunda:delegateExpression="${problemActionsSettled}">
        <bpmn:incoming>Flow_ToReportSettled</bpmn:incoming>
        <bpmn:outgoing>Flow_ToAddedSettled</bpmn:outgoing>
      </bpmn:serviceTask>
      <bpmn:sequenceFlow id="Flow_ToAddedSettled" sourceRef="Task_ReportActionSettled" targetRef="EndEvent_AddedActionSettled" />
      <bpmn:endEvent id="EndEvent_AddedActionSettled" name="Added action settled">
        <bpmn:incoming>Flow_ToAddedSettled</bpmn:incoming>
      </bpmn:endEvent>
    </bpmn:subProcess>
  </bpmn:process>
''')

d = Diagram()
Y = 200
d.node("StartEvent_ProblemRequested", "event", 170, Y)
d.node("StartEvent_OpenedByStaff", "event", 170, 330)
d.node("Task_RegisterProblem", "task", 300, Y)
d.node("Task_StartRcaClock", "task", 450, Y)
d.box("SubProcess_DeliverRca", 540, 80, 1020, 250)
d.node("StartEvent_Rca", "event", 590, Y)
d.node("Task_DetermineRootCause", "task", 700, Y)
d.node("Task_ReviewInternalRca", "task", 850, Y)
d.node("Gateway_InternalRcaAccepted", "gateway", 970, Y, ' isMarkerVisible="true"')
d.node("Task_RecordInternalRca", "task", 1080, Y)
d.node("Task_WriteClientRca", "task", 1210, Y)
d.node("Task_ApproveClientRca", "task", 1340, Y)
d.node("Gateway_ClientRcaApproved", "gateway", 1430, Y, ' isMarkerVisible="true"')
d.node("EndEvent_RcaApproved", "event", 1510, Y)
d.node("Timer_RcaDueSoon", "event", 620, 330, label=(530, 345, 70, 14))
d.node("Task_RemindRcaDue", "task", 620, 440)
d.node("EndEvent_RcaReminded", "event", 770, 440)
d.node("Timer_RcaOverdue", "event", 1000, 330, label=(920, 345, 62, 14))
d.node("Task_PublishRcaBreach", "task", 1000, 440)
d.node("EndEvent_RcaBreachEscalated", "event", 1150, 440)
d.node("Task_SendRcaToClient", "task", 1670, Y)
d.node("Task_RecordRcaSent", "task", 1820, Y)
d.node("Task_StopRcaClock", "task", 1970, Y)
d.node("Task_RegisterSipActions", "task", 2120, Y)
d.node("CallActivity_FollowUpActions", "task", 2270, Y)
d.node("Gateway_ActionsMerge", "gateway", 2390, Y, ' isMarkerVisible="true"')
d.node("Gateway_ActionsOpen", "gateway", 2490, Y, ' isMarkerVisible="true"')
d.node("ReceiveTask_WaitForAddedActions", "task", 2490, 330)
d.node("Task_CloseProblem", "task", 2610, Y)
d.node("Task_TellClientClosed", "task", 2760, Y)
d.node("EndEvent_ProblemClosed", "event", 2890, Y)
d.box("SubProcess_ActionAdded", 1620, 520, 560, 160)
d.node("StartEvent_ActionAdded", "event", 1670, 600)
d.node("CallActivity_FollowUpAddedAction", "task", 1790, 600)
d.node("Task_ReportActionSettled", "task", 1950, 600)
d.node("EndEvent_AddedActionSettled", "event", 2100, 600)

d.straight("Flow_RequestedToRegister", "StartEvent_ProblemRequested", "Task_RegisterProblem")
d.edge("Flow_StaffToRegister", [d.right("StartEvent_OpenedByStaff"), (300, 330), d.bottom("Task_RegisterProblem")])
d.straight("Flow_ToStartClock", "Task_RegisterProblem", "Task_StartRcaClock")
d.edge("Flow_ToDeliverRca", [d.right("Task_StartRcaClock"), (540, Y)])
d.straight("Flow_ToDetermine", "StartEvent_Rca", "Task_DetermineRootCause")
d.straight("Flow_ToReview", "Task_DetermineRootCause", "Task_ReviewInternalRca")
d.straight("Flow_ToReviewDecision", "Task_ReviewInternalRca", "Gateway_InternalRcaAccepted")
d.straight("Flow_InternalRcaAccepted", "Gateway_InternalRcaAccepted", "Task_RecordInternalRca")
d.edge("Flow_InternalRcaSentBack", [d.bottom("Gateway_InternalRcaAccepted"), (970, 295), (700, 295), d.bottom("Task_DetermineRootCause")])
d.straight("Flow_ToWriteClientRca", "Task_RecordInternalRca", "Task_WriteClientRca")
d.straight("Flow_ToApprove", "Task_WriteClientRca", "Task_ApproveClientRca")
d.straight("Flow_ToApprovalDecision", "Task_ApproveClientRca", "Gateway_ClientRcaApproved")
d.straight("Flow_ClientRcaApproved", "Gateway_ClientRcaApproved", "EndEvent_RcaApproved")
d.edge("Flow_ClientRcaRevise", [d.bottom("Gateway_ClientRcaApproved"), (1430, 295), (1210, 295), d.bottom("Task_WriteClientRca")])
d.edge("Flow_ToRemindRca", [d.bottom("Timer_RcaDueSoon"), d.top("Task_RemindRcaDue")])
d.straight("Flow_ToRcaReminded", "Task_RemindRcaDue", "EndEvent_RcaReminded")
d.edge("Flow_ToPublishBreach", [d.bottom("Timer_RcaOverdue"), d.top("Task_PublishRcaBreach")])
d.straight("Flow_ToBreachEscalated", "Task_PublishRcaBreach", "EndEvent_RcaBreachEscalated")
d.edge("Flow_ToSendRca", [(1560, Y), d.left("Task_SendRcaToClient")])
d.straight("Flow_ToRecordRcaSent", "Task_SendRcaToClient", "Task_RecordRcaSent")
d.straight("Flow_ToStopClock", "Task_RecordRcaSent", "Task_StopRcaClock")
d.straight("Flow_ToRegisterActions", "Task_StopRcaClock", "Task_RegisterSipActions")
d.straight("Flow_ToFollowUp", "Task_RegisterSipActions", "CallActivity_FollowUpActions")
d.straight("Flow_ToActionsMerge", "CallActivity_FollowUpActions", "Gateway_ActionsMerge")
d.straight("Flow_ToActionsOpen", "Gateway_ActionsMerge", "Gateway_ActionsOpen")
d.straight("Flow_AllActionsSettled", "Gateway_ActionsOpen", "Task_CloseProblem")
d.edge("Flow_ActionsStillOpen", [d.bottom("Gateway_ActionsOpen"), d.top("ReceiveTask_WaitForAddedActions")])
d.edge("Flow_AddedActionsSettled", [d.left("ReceiveTask_WaitForAddedActions"), (2390, 330), d.bottom("Gateway_ActionsMerge")])
d.straight("Flow_ToTellClientClosed", "Task_CloseProblem", "Task_TellClientClosed")
d.straight("Flow_ToClosed", "Task_TellClientClosed", "EndEvent_ProblemClosed")
d.straight("Flow_ToFollowUpAdded", "StartEvent_ActionAdded", "CallActivity_FollowUpAddedAction")
d.straight("Flow_ToReportSettled", "CallActivity_FollowUpAddedAction", "Task_ReportActionSettled")
d.straight("Flow_ToAddedSettled", "Task_ReportActionSettled", "EndEvent_AddedActionSettled")

allowed = {("SubProcess_DeliverRca", n) for n in ["StartEvent_Rca", "Task_DetermineRootCause", "Task_ReviewInternalRca",
           "Gateway_InternalRcaAccepted", "Task_RecordInternalRca", "Task_WriteClientRca", "Task_ApproveClientRca",
           "Gateway_ClientRcaApproved", "EndEvent_RcaApproved", "Timer_RcaDueSoon", "Timer_RcaOverdue"]}
allowed |= {("SubProcess_ActionAdded", n) for n in ["StartEvent_ActionAdded", "CallActivity_FollowUpAddedAction",
            "Task_ReportActionSettled", "EndEvent_AddedActionSettled"]}
bad = [p for p in d.check_overlaps() if p not in allowed and (p[1], p[0]) not in allowed]
assert not bad, bad

with open("bpmn/problem-rca.bpmn", "w") as f:
    f.write(HEAD + "".join(x) + d.xml("ProblemRca", "problem-rca") + "\n</bpmn:definitions>\n")
print("written")
from problem_bpmn_layout import edges_through_shapes
print("edges through shapes:", edges_through_shapes(d, {"SubProcess_DeliverRca", "SubProcess_ActionAdded"}))
