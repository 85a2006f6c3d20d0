import sys
sys.path.insert(0, "tools")
from problem_bpmn_layout import Diagram
from gen_problem_rca import notify, flow, RETRY  # noqa: E402  (re-runs the problem generator, harmless)

HEAD = '''<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                  xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                  xmlns:modeler="http://camunda.org/schema/modeler/1.0"
                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  id="Definitions_SipAction"
                  targetNamespace="https://csmflow.example/bpmn"
                  exporter="CSM Flow" exporterVersion="0.1"
                  modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.24.0">
'''


def step(task_id, name, flow_in, flow_out, value):
    return f'''    <bpmn:serviceTask id="{task_id}" name="{name}" camunda:delegateExpression="${{sipActionStep}}">
      <bpmn:extensionElements>
        <camunda:inputOutput>
          <camunda:inputParameter name="step">{value}</camunda:inputParameter>
        </camunda:inputOutput>
      </bpmn:extensionElements>
      <bpmn:incoming>{flow_in}</bpmn:incoming>
      <bpmn:outgoing>{flow_out}</bpmn:outgoing>
    </bpmn:serviceTask>
'''


x = ['''  <bpmn:process id="sip-action" name="SIP action follow-up" isExecutable="true"
                camunda:historyTimeToLive="P365D" camunda:versionTag="1">
    <bpmn:documentation>One action of the service-improvement programme (SIP register), followed up until done with evidence or accepted as risk: reminder before the target date, escalation to the service manager and CSM when overdue, the client told when it is settled. Called per action by problem-rca; any workflow or POST /api/sip-actions may start it with sipActionReference.</bpmn:documentation>
    <bpmn:startEvent id="StartEvent_SipAction" name="Action to follow up">
      <bpmn:outgoing>Flow_ToLoad</bpmn:outgoing>
    </bpmn:startEvent>
''']
x.append(flow("Flow_ToLoad", "StartEvent_SipAction", "Task_LoadAction"))
x.append(step("Task_LoadAction", "Read the action from the SIP register", "Flow_ToLoad", "Flow_ToComplete", "LOAD"))
x.append(flow("Flow_ToComplete", "Task_LoadAction", "Task_CompleteAction"))
x.append('''    <bpmn:userTask id="Task_CompleteAction" name="Complete the improvement action" camunda:assignee="${sipOwnerUser}"
                   camunda:candidateGroups="${sipCandidateGroups}" camunda:dueDate="${sipTargetAt}"
                   camunda:formRef="problem-sip-action-complete" camunda:formRefBinding="deployment">
      <bpmn:documentation>The owner records the evidence that the action is done, or proposes to accept the risk of not doing it.</bpmn:documentation>
      <bpmn:incoming>Flow_ToComplete</bpmn:incoming>
      <bpmn:incoming>Flow_RiskRejected</bpmn:incoming>
      <bpmn:outgoing>Flow_ToOutcome</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="Timer_ActionReminder" name="Target date near" cancelActivity="false" attachedToRef="Task_CompleteAction">
      <bpmn:outgoing>Flow_ToRemindOwner</bpmn:outgoing>
      <bpmn:timerEventDefinition id="TimerEventDefinition_ActionReminder">
        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">${sipReminderAt}</bpmn:timeDate>
      </bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="Timer_ActionOverdue" name="Target date passed" cancelActivity="false" attachedToRef="Task_CompleteAction">
      <bpmn:outgoing>Flow_ToMarkOverdue</bpmn:outgoing>
      <bpmn:timerEventDefinition id="TimerEventDefinition_ActionOverdue">
        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">${sipTargetAt}</bpmn:timeDate>
      </bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
''')
x.append(flow("Flow_ToRemindOwner", "Timer_ActionReminder", "Task_RemindOwner"))
x.append(notify("Task_RemindOwner", "Remind the owner of the target date", "Flow_ToRemindOwner", "Flow_ToReminded",
                "problem-sip-action-reminder", [("recipientUsers", "${sipOwnerUser}"), ("recipientGroups", "${sipCandidateGroups}")],
                "reminder"))
x.append(flow("Flow_ToReminded", "Task_RemindOwner", "EndEvent_OwnerReminded"))
x.append('''    <bpmn:endEvent id="EndEvent_OwnerReminded" name="Owner reminded">
      <bpmn:incoming>Flow_ToReminded</bpmn:incoming>
    </bpmn:endEvent>
''')
x.append(flow("Flow_ToMarkOverdue", "Timer_ActionOverdue", "Task_MarkOverdue"))
x.append(step("Task_MarkOverdue", "Mark the action overdue", "Flow_ToMarkOverdue", "Flow_ToEscalateOverdue", "OVERDUE"))
x.append(flow("Flow_ToEscalateOverdue", "Task_MarkOverdue", "Task_EscalateOverdue"))
x.append(notify("Task_EscalateOverdue", "Escalate the overdue action to service manager and CSM", "Flow_ToEscalateOverdue",
                "Flow_ToOverdueEscalated", "problem-sip-action-overdue",
                [("recipientGroups", "service-manager,csm"), ("recipientUsers", "${sipOwnerUser}")], "overdue"))
x.append(flow("Flow_ToOverdueEscalated", "Task_EscalateOverdue", "EndEvent_OverdueEscalated"))
x.append('''    <bpmn:endEvent id="EndEvent_OverdueEscalated" name="Overdue escalated">
      <bpmn:incoming>Flow_ToOverdueEscalated</bpmn:incoming>
    </bpmn:endEvent>
''')
x.append(flow("Flow_ToOutcome", "Task_CompleteAction", "Gateway_ActionOutcome"))
x.append('''    <bpmn:exclusiveGateway id="Gateway_ActionOutcome" name="Done or risk?">
      <bpmn:incoming>Flow_ToOutcome</bpmn:incoming>
      <bpmn:outgoing>Flow_ActionDone</bpmn:outgoing>
      <bpmn:outgoing>Flow_RiskProposed</bpmn:outgoing>
    </bpmn:exclusiveGateway>
''')
x.append(flow("Flow_ActionDone", "Gateway_ActionOutcome", "Task_RecordDone", "done", "${actionOutcome == 'done'}"))
x.append(flow("Flow_RiskProposed", "Gateway_ActionOutcome", "Task_DecideRisk", "accept as risk", "${actionOutcome != 'done'}"))
x.append(step("Task_RecordDone", "Record completion with evidence", "Flow_ActionDone", "Flow_DoneToSettled", "DONE"))
x.append('''    <bpmn:userTask id="Task_DecideRisk" name="Decide whether to accept the risk" camunda:candidateGroups="service-manager"
                   camunda:formRef="problem-sip-risk-decision" camunda:formRefBinding="deployment">
      <bpmn:documentation>Accept the risk of not doing the action (issues and risk register entry with owner and review date) or send the action back to its owner.</bpmn:documentation>
      <bpmn:incoming>Flow_RiskProposed</bpmn:incoming>
      <bpmn:outgoing>Flow_ToRiskDecision</bpmn:outgoing>
    </bpmn:userTask>
''')
x.append(flow("Flow_ToRiskDecision", "Task_DecideRisk", "Gateway_RiskAccepted"))
x.append('''    <bpmn:exclusiveGateway id="Gateway_RiskAccepted" name="Risk accepted?">
      <bpmn:incoming>Flow_ToRiskDecision</bpmn:incoming>
      <bpmn:outgoing>Flow_RiskAccepted</bpmn:outgoing>
      <bpmn:outgoing>Flow_RiskRejected</bpmn:outgoing>
    </bpmn:exclusiveGateway>
''')
x.append(flow("Flow_RiskAccepted", "Gateway_RiskAccepted", "Task_RecordRisk", "accepted", "${riskDecision == 'accept'}"))
x.append(flow("Flow_RiskRejected", "Gateway_RiskAccepted", "Task_CompleteAction", "rejected: do the action", "${riskDecision != 'accept'}"))
x.append(step("Task_RecordRisk", "Record the accepted risk", "Flow_RiskAccepted", "Flow_RiskToSettled", "RISK_ACCEPTED"))
x.append(flow("Flow_DoneToSettled", "Task_RecordDone", "Gateway_Settled"))
x.append(flow("Flow_RiskToSettled", "Task_RecordRisk", "Gateway_Settled"))
x.append('''    <bpmn:exclusiveGateway id="Gateway_Settled">
      <bpmn:incoming>Flow_DoneToSettled</bpmn:incoming>
      <bpmn:incoming>Flow_RiskToSettled</bpmn:incoming>
      <bpmn:outgoing>Flow_ToUpdateClient</bpmn:outgoing>
    </bpmn:exclusiveGateway>
''')
x.append(flow("Flow_ToUpdateClient", "Gateway_Settled", "Task_UpdateClient"))
x.append(notify("Task_UpdateClient", "Send the client a status update", "Flow_ToUpdateClient", "Flow_ToSettled",
                "problem-sip-action-status", [("clientContacts", "true")], "status"))
x.append(flow("Flow_ToSettled", "Task_UpdateClient", "EndEvent_ActionSettled"))
x.append('''    <bpmn:endEvent id="EndEvent_ActionSettled" name="Action settled">
      <bpmn:incoming>Flow_ToSettled</bpmn:incoming>
    </bpmn:endEvent>
  </bpmn:process>
''')

d = Diagram()
Y = 200
d.node("StartEvent_SipAction", "event", 170, Y)
d.node("Task_LoadAction", "task", 300, Y)
d.node("Task_CompleteAction", "task", 460, Y)
d.node("Timer_ActionReminder", "event", 440, 160, label=(340, 125, 80, 14))
d.node("Task_RemindOwner", "task", 440, 60)
d.node("EndEvent_OwnerReminded", "event", 590, 60)
d.node("Timer_ActionOverdue", "event", 480, 240, label=(502, 262, 55, 27))
d.node("Task_MarkOverdue", "task", 480, 340)
d.node("Task_EscalateOverdue", "task", 480, 470)
d.node("EndEvent_OverdueEscalated", "event", 480, 580)
d.node("Gateway_ActionOutcome", "gateway", 610, Y, ' isMarkerVisible="true"')
d.node("Task_RecordDone", "task", 740, Y)
d.node("Task_DecideRisk", "task", 610, 340)
d.node("Gateway_RiskAccepted", "gateway", 760, 340, ' isMarkerVisible="true"')
d.node("Task_RecordRisk", "task", 890, 340)
d.node("Gateway_Settled", "gateway", 890, Y, ' isMarkerVisible="true"')
d.node("Task_UpdateClient", "task", 1020, Y)
d.node("EndEvent_ActionSettled", "event", 1160, Y)

d.straight("Flow_ToLoad", "StartEvent_SipAction", "Task_LoadAction")
d.straight("Flow_ToComplete", "Task_LoadAction", "Task_CompleteAction")
d.edge("Flow_ToRemindOwner", [d.top("Timer_ActionReminder"), d.bottom("Task_RemindOwner")])
d.straight("Flow_ToReminded", "Task_RemindOwner", "EndEvent_OwnerReminded")
d.edge("Flow_ToMarkOverdue", [d.bottom("Timer_ActionOverdue"), d.top("Task_MarkOverdue")])
d.edge("Flow_ToEscalateOverdue", [d.bottom("Task_MarkOverdue"), d.top("Task_EscalateOverdue")])
d.edge("Flow_ToOverdueEscalated", [d.bottom("Task_EscalateOverdue"), d.top("EndEvent_OverdueEscalated")])
d.straight("Flow_ToOutcome", "Task_CompleteAction", "Gateway_ActionOutcome")
d.straight("Flow_ActionDone", "Gateway_ActionOutcome", "Task_RecordDone")
d.edge("Flow_RiskProposed", [d.bottom("Gateway_ActionOutcome"), d.top("Task_DecideRisk")])
d.straight("Flow_ToRiskDecision", "Task_DecideRisk", "Gateway_RiskAccepted")
d.straight("Flow_RiskAccepted", "Gateway_RiskAccepted", "Task_RecordRisk")
d.edge("Flow_RiskRejected", [d.bottom("Gateway_RiskAccepted"), (760, 640), (420, 640), (420, 240)])
d.straight("Flow_DoneToSettled", "Task_RecordDone", "Gateway_Settled")
d.edge("Flow_RiskToSettled", [d.top("Task_RecordRisk"), d.bottom("Gateway_Settled")])
d.straight("Flow_ToUpdateClient", "Gateway_Settled", "Task_UpdateClient")
d.straight("Flow_ToSettled", "Task_UpdateClient", "EndEvent_ActionSettled")

allowed = {("Task_CompleteAction", "Timer_ActionReminder"), ("Task_CompleteAction", "Timer_ActionOverdue")}
bad = [p for p in d.check_overlaps() if p not in allowed and (p[1], p[0]) not in allowed]
assert not bad, bad
with open("bpmn/sip-action.bpmn", "w") as f:
    f.write(HEAD + "".join(x) + d.xml("SipAction", "sip-action") + "\n</bpmn:definitions>\n")
print("written sip-action")
from problem_bpmn_layout import edges_through_shapes
print("edges through shapes:", edges_through_shapes(d))
