#!/usr/bin/env python3
"""Writes bpmn/escalation.bpmn: the semantic model and its diagram (grid layout) from one table.
Edit the tables below and run `python3 tools/escalation_bpmn.py`; or edit the .bpmn in Camunda Modeler."""
from xml.sax.saxutils import escape, quoteattr

COL, ROW, X0, Y0 = 150, 140, 80, 200
def cx(c): return X0 + c * COL
def cy(r): return Y0 + r * ROW
SIZE = {'task': (100, 80), 'event': (36, 36), 'gateway': (50, 50)}
RETRY = '<camunda:failedJobRetryTimeCycle>R5/PT5M</camunda:failedJobRetryTimeCycle>'

def io(**params):
    return ''.join('<camunda:inputParameter name="%s">%s</camunda:inputParameter>' % (k, escape(v))
                   for k, v in params.items())

nodes = []   # dicts: id, kind, tag, name, attrs, inner, col, row, parent
flows = []   # (id, source, target, name, condition, route)

def node(id, tag, name, col, row, parent='escalation', attrs='', inner='', kind=None):
    k = kind or ('event' if 'Event' in tag else 'gateway' if 'Gateway' in tag else 'task')
    nodes.append(dict(id=id, tag=tag, name=name, col=col, row=row, parent=parent, attrs=attrs, inner=inner, kind=k))

def register(id, name, col, row, step, parent='escalation', level=None):
    params = dict(step=step)
    if level:
        params['level'] = level
    node(id, 'serviceTask', name, col, row, parent, 'camunda:delegateExpression="${escalationRegister}"',
         '<camunda:inputOutput>%s</camunda:inputOutput>' % io(**params))

def clock(id, name, col, row, action, clock_name, parent='escalation', metric=None):
    bean = {'start': 'slaClockStart', 'stop': 'slaClockStop', 'pause': 'slaClockPause', 'resume': 'slaClockResume'}[action]
    params = dict(metric=metric, priority='${priority}', clientReference='${clientReference}',
                  clockName=clock_name) if action == 'start' else dict(clockName=clock_name)
    template = 'com.csmflow.sla.clock-' + action
    node(id, 'serviceTask', name, col, row, parent,
         'camunda:delegateExpression="${%s}" camunda:modelerTemplate="%s" camunda:modelerTemplateVersion="1"' % (bean, template),
         '<camunda:inputOutput>%s</camunda:inputOutput>' % io(**params))

def notify(id, name, col, row, template, parent='escalation', **params):
    params = dict(template=template, **params)
    node(id, 'serviceTask', name, col, row, parent,
         'camunda:asyncBefore="true" camunda:delegateExpression="${notify}" '
         'camunda:modelerTemplate="com.csmflow.send-notification" camunda:modelerTemplateVersion="1"',
         RETRY + '<camunda:inputOutput>%s</camunda:inputOutput>' % io(**params))

def user(id, name, col, row, form, groups='csm', parent='escalation', extra=''):
    node(id, 'userTask', name, col, row, parent,
         'camunda:candidateGroups="%s" camunda:formRef="%s" camunda:formRefBinding="deployment"' % (groups, form), extra)

def flow(id, s, t, name=None, cond=None, route=None):
    flows.append((id, s, t, name, cond, route))

CLIENT = dict(clientContacts='true', to='${contactEmail}', urgent='${urgentUpdates}')
SUB = 'SubProcess_Handle'
EVS = 'SubProcess_BreachJoined'

# ---- raised: by staff (form) or the API (same start event), or by an SLA breach elsewhere
node('StartEvent_Raised', 'startEvent', 'Escalation raised', 0, 0,
     attrs='camunda:formRef="escalation-start" camunda:formRefBinding="deployment"')
node('StartEvent_SlaBreached', 'startEvent', 'SLA breached in another workflow', 0, 1,
     attrs='camunda:asyncAfter="true"', inner=None)
node('Task_FindOpenEscalation', 'serviceTask', 'Find open escalation of the breached case', 1, 1,
     attrs='camunda:delegateExpression="${openEscalationLookup}"')
node('Gateway_OpenEscalation', 'exclusiveGateway', 'Case already escalated?', 2, 1)
node('Task_JoinOpenEscalation', 'serviceTask', 'Join the open escalation', 3, 1,
     attrs='camunda:delegateExpression="${joinOpenEscalation}"')
node('EndEvent_Joined', 'endEvent', 'Breach joined open escalation', 4, 1)
node('Gateway_MergeStart', 'exclusiveGateway', None, 2, 0)
register('Task_RecordEscalation', 'Record escalation', 3, 0, 'raise')
node('Task_DecideSeverity', 'businessRuleTask', 'Decide severity and targets', 4, 0,
     attrs='camunda:decisionRef="escalation-severity" camunda:decisionRefBinding="deployment"',
     inner='<camunda:inputOutput>'
           '<camunda:outputParameter name="severity">${decisionResult.getSingleResult().severity}</camunda:outputParameter>'
           '<camunda:outputParameter name="priority">${decisionResult.getSingleResult().priority}</camunda:outputParameter>'
           '<camunda:outputParameter name="urgentUpdates">${decisionResult.getSingleResult().urgentUpdates}</camunda:outputParameter>'
           '<camunda:outputParameter name="dcHeadGrace">${decisionResult.getSingleResult().dcHeadGrace}</camunda:outputParameter>'
           '</camunda:inputOutput>')
register('Task_RecordSeverity', 'Record severity', 5, 0, 'severity')
clock('Task_StartAckClock', 'Start acknowledgement clock', 6, 0, 'start', 'escalationAcknowledge', metric='escalation.acknowledge')
clock('Task_StartResolutionClock', 'Start resolution clock', 7, 0, 'start', 'escalationResolution', metric='escalation.resolution')
notify('Task_TellCsmRaised', 'Tell the CSMs', 8, 0, 'escalation-raised', recipientGroups='csm', urgent='true')
node('Gateway_MergeReopen', 'exclusiveGateway', None, 9, 0)

# ---- handling: acknowledgement and work (branch A), client updates at the cadence (branch B)
node(SUB, 'subProcess', 'Handle escalation', 0, 0, kind='sub')
node('StartEvent_Handle', 'startEvent', None, 11, 0, SUB)
node('Gateway_SplitHandle', 'parallelGateway', None, 12, 0, SUB)
node('Gateway_Acknowledged', 'exclusiveGateway', 'Acknowledged already?', 13, 0, SUB)
user('Task_Acknowledge', 'Acknowledge escalation', 14, 0, 'escalation-acknowledge', parent=SUB)
node('Timer_AckOverdue', 'boundaryEvent', 'Acknowledgement overdue', 14, 0, SUB,
     attrs='attachedToRef="Task_Acknowledge" cancelActivity="false"',
     inner='<bpmn:timerEventDefinition id="TimerDef_AckOverdue"><bpmn:timeDate>${escalationAcknowledgeDue}</bpmn:timeDate></bpmn:timerEventDefinition>',
     kind='boundary')
register('Task_RecordAckOverdue', 'Record ladder step: service manager', 15, 1, 'ladder', SUB, 'SERVICE_MANAGER')
notify('Task_TellAckOverdue', 'Tell service manager: not acknowledged', 16, 1, 'escalation-ack-overdue', SUB,
       recipientGroups='service-manager,csm', urgent='true')
node('EndEvent_AckOverdue', 'endEvent', 'Service manager told', 17, 1, SUB)
clock('Task_StopAckClock', 'Stop acknowledgement clock', 15, 0, 'stop', 'escalationAcknowledge', SUB)
register('Task_RecordAck', 'Record acknowledgement', 16, 0, 'acknowledged', SUB)
notify('Task_TellClientAck', 'Tell the client we are on it', 17, 0, 'escalation-acknowledged', SUB, **CLIENT)
node('Gateway_MergeAck', 'exclusiveGateway', None, 18, 0, SUB)
node('Gateway_MergeWork', 'exclusiveGateway', None, 19, 0, SUB)
user('Task_Work', 'Work on the escalation', 20, 0, 'escalation-work', parent=SUB)
node('Gateway_WorkOutcome', 'exclusiveGateway', 'Outcome?', 21, 0, SUB)
register('Task_RecordResolution', 'Record resolution', 22, 0, 'resolved', SUB)
node('EndEvent_Resolved', 'endEvent', 'Resolution recorded', 23, 0, SUB,
     inner='<bpmn:terminateEventDefinition id="TerminateDef_Resolved" />')
clock('Task_PauseResolution', 'Pause resolution clock', 21, 2, 'pause', 'escalationResolution', SUB)
register('Task_RecordPause', 'Record pause', 22, 2, 'pause', SUB)
notify('Task_AskClient', 'Ask the client for information', 23, 2, 'escalation-information-requested', SUB,
       clientContacts='true', to='${contactEmail}', urgent='${urgentUpdates}')
node('Event_ClientResponded', 'intermediateCatchEvent', 'Client responded', 24, 2, SUB,
     inner='<bpmn:messageEventDefinition id="MessageDef_ClientResponded" messageRef="Message_ClientResponse" />')
clock('Task_ResumeResolution', 'Resume resolution clock', 25, 2, 'resume', 'escalationResolution', SUB)
register('Task_RecordResume', 'Record resume', 26, 2, 'resume', SUB)

node('Gateway_MergeUpdate', 'exclusiveGateway', None, 13, 4, SUB)
clock('Task_StartUpdateClock', 'Start update clock', 14, 4, 'start', 'escalationUpdate', SUB, metric='escalation.update')
user('Task_WriteUpdate', 'Write client update', 15, 4, 'escalation-update', parent=SUB)
node('Timer_UpdateReminder', 'boundaryEvent', 'Update due soon', 15, 4, SUB,
     attrs='attachedToRef="Task_WriteUpdate" cancelActivity="false"',
     inner='<bpmn:timerEventDefinition id="TimerDef_UpdateReminder"><bpmn:timeDate>${escalationUpdateWarning}</bpmn:timeDate></bpmn:timerEventDefinition>',
     kind='boundary')
node('Timer_UpdateLate', 'boundaryEvent', 'Update late', 15, 4, SUB,
     attrs='attachedToRef="Task_WriteUpdate" cancelActivity="false"',
     inner='<bpmn:timerEventDefinition id="TimerDef_UpdateLate"><bpmn:timeDate>${escalationUpdateDue}</bpmn:timeDate></bpmn:timerEventDefinition>',
     kind='boundary')
notify('Task_RemindUpdate', 'Remind the CSM of the update', 16, 5, 'escalation-update-reminder', SUB,
       recipientGroups='csm', urgent='true')
node('EndEvent_Reminded', 'endEvent', 'CSM reminded', 17, 5, SUB)
register('Task_RecordUpdateLate', 'Record late update', 16, 6, 'updateLate', SUB)
notify('Task_TellUpdateLate', 'Tell CSM and service manager: update late', 17, 6, 'escalation-update-late', SUB,
       recipientGroups='csm,service-manager', urgent='true')
node('EndEvent_UpdateLate', 'endEvent', 'Late update reported', 18, 6, SUB)
clock('Task_StopUpdateClock', 'Stop update clock', 16, 4, 'stop', 'escalationUpdate', SUB)
register('Task_RecordUpdate', 'Record update sent', 17, 4, 'update', SUB)
notify('Task_SendUpdate', 'Send the update to the client', 18, 4, 'escalation-update', SUB, **CLIENT)

# ---- the ladder: timers on the open escalation, one rung each, each telling the rung and the ones below
LADDER = [
    ('ServiceManager', 'Resolution at risk', '${escalationResolutionWarning}', 14, 8, 'SERVICE_MANAGER',
     'service manager', 'service-manager,csm'),
    ('DeliveryManager', 'Resolution overdue', '${escalationResolutionDue}', 19, 9, 'DELIVERY_MANAGER',
     'delivery manager', 'delivery-manager,service-manager,csm'),
    ('DcHead', 'Resolution long overdue', '${escalationLadder.after(escalationResolutionDue, dcHeadGrace)}', 24, 10,
     'DC_HEAD', 'DC head', 'dc-head,delivery-manager,service-manager,csm'),
]
for key, label, date, col, row, level, who, groups in LADDER:
    node('Timer_Rung' + key, 'boundaryEvent', label, col, None, attrs='attachedToRef="%s" cancelActivity="false"' % SUB,
         inner='<bpmn:timerEventDefinition id="TimerDef_Rung%s"><bpmn:timeDate>%s</bpmn:timeDate></bpmn:timerEventDefinition>'
               % (key, escape(date)), kind='boundary')
    register('Task_RecordRung' + key, 'Record ladder step: ' + who, col + 1, row, 'ladder', level=level)
    notify('Task_TellRung' + key, 'Escalate to ' + who, col + 2, row,
           'escalation-rung-' + who.lower().replace(' ', '-'), recipientGroups=groups, urgent='true')
    node('EndEvent_Rung' + key, 'endEvent', who[0].upper() + who[1:] + ' involved', col + 3, row)

# ---- after resolution: client confirms or reopens, closure
A = 27.6
clock('Task_StopUpdateClockAfter', 'Stop update clock', A, 3, 'stop', 'escalationUpdate')
clock('Task_PauseForConfirmation', 'Pause resolution clock', A + 1, 3, 'pause', 'escalationResolution')
notify('Task_TellClientResolved', 'Tell the client the resolution', A + 2, 3, 'escalation-resolved', **CLIENT)
user('Task_RecordClientAnswer', "Record the client's answer", A + 3, 3, 'escalation-client-answer')
node('Event_ClientAnswered', 'boundaryEvent', 'Client answered (API)', A + 3, 3,
     attrs='attachedToRef="Task_RecordClientAnswer"',
     inner='<bpmn:messageEventDefinition id="MessageDef_ClientAnswered" messageRef="Message_ClientAnswer" />',
     kind='boundary')
node('Gateway_Confirmed', 'exclusiveGateway', 'Client confirms?', A + 4, 3)
register('Task_RecordReopen', 'Record reopening', A + 5, 1.5, 'reopened')
clock('Task_ResumeAfterReopen', 'Resume resolution clock', A + 6, 1.5, 'resume', 'escalationResolution')
register('Task_RecordConfirmed', 'Record confirmation', A + 5, 3, 'confirmed')
clock('Task_StopResolutionClock', 'Stop resolution clock', A + 6, 3, 'stop', 'escalationResolution')
user('Task_Close', 'Close the escalation', A + 7, 3, 'escalation-close')
node('Gateway_RootCause', 'exclusiveGateway', 'Root cause known?', A + 8, 3)
node('Task_RequestProblem', 'serviceTask', 'Request problem investigation', A + 9, 4.3,
     attrs='camunda:asyncBefore="true" camunda:delegateExpression="${publishMessage}" '
           'camunda:modelerTemplate="com.csmflow.register.publish-message" camunda:modelerTemplateVersion="1"',
     inner=RETRY + '<camunda:inputOutput>%s</camunda:inputOutput>' % io(
         messageName='problem-requested',
         payload='{"sourceType": "escalation", "sourceReference": "${escalationReference}", '
                 '"clientReference": "${clientReference}", "summary": "${subject}", "priority": "${priority}"}'))
node('Gateway_MergeRootCause', 'exclusiveGateway', None, A + 10, 3)
register('Task_RecordClosure', 'Record closure', A + 11, 3, 'closed')
notify('Task_TellClientClosed', 'Tell the client it is closed', A + 12, 3, 'escalation-closed', **CLIENT)
node('EndEvent_Closed', 'endEvent', 'Escalation closed', A + 13, 3)

# ---- a further SLA breach of the same case joins this escalation
node(EVS, 'subProcess', 'Further SLA breach of the case', 0, 0, attrs='triggeredByEvent="true"', kind='sub')
node('StartEvent_BreachJoined', 'startEvent', 'Breach joined', 1, 2.5, EVS, attrs='isInterrupting="false"',
     inner='<bpmn:messageEventDefinition id="MessageDef_BreachJoined" messageRef="Message_BreachJoined" />')
register('Task_RecordJoinedBreach', 'Record joined breach', 2, 2.5, 'breachJoined', EVS)
notify('Task_TellCsmJoinedBreach', 'Tell the CSMs', 3, 2.5, 'escalation-breach-joined', EVS,
       recipientGroups='csm', urgent='true')
node('EndEvent_BreachJoined', 'endEvent', 'CSMs told', 4, 2.5, EVS)

# message start of sla-breached
for n in nodes:
    if n['id'] == 'StartEvent_SlaBreached':
        n['inner'] = '<bpmn:messageEventDefinition id="MessageDef_SlaBreached" messageRef="Message_SlaBreached" />'

SUB_BOX = (cx(10.4), cy(-0.6), cx(26.6), cy(6.5))
EVS_BOX = (cx(0.4), cy(1.8), cx(4.6), cy(3.2))
byid = {n['id']: n for n in nodes}

# ---- flows: (route) None = straight/elbow right; 'v' = vertical first then horizontal; list = waypoints
TOP = 40
flow('Flow_RaisedToMerge', 'StartEvent_Raised', 'Gateway_MergeStart')
flow('Flow_BreachedToFind', 'StartEvent_SlaBreached', 'Task_FindOpenEscalation')
flow('Flow_FindToGateway', 'Task_FindOpenEscalation', 'Gateway_OpenEscalation')
flow('Flow_NotEscalated', 'Gateway_OpenEscalation', 'Gateway_MergeStart', 'no', '${openEscalationReference == null}', 'up')
flow('Flow_AlreadyEscalated', 'Gateway_OpenEscalation', 'Task_JoinOpenEscalation', 'yes', '${openEscalationReference != null}')
flow('Flow_JoinToEnd', 'Task_JoinOpenEscalation', 'EndEvent_Joined')
flow('Flow_MergeToRecord', 'Gateway_MergeStart', 'Task_RecordEscalation')
flow('Flow_RecordToSeverity', 'Task_RecordEscalation', 'Task_DecideSeverity')
flow('Flow_SeverityToRecord', 'Task_DecideSeverity', 'Task_RecordSeverity')
flow('Flow_RecordToAckClock', 'Task_RecordSeverity', 'Task_StartAckClock')
flow('Flow_AckClockToResolutionClock', 'Task_StartAckClock', 'Task_StartResolutionClock')
flow('Flow_ResolutionClockToTell', 'Task_StartResolutionClock', 'Task_TellCsmRaised')
flow('Flow_TellToMergeReopen', 'Task_TellCsmRaised', 'Gateway_MergeReopen')
flow('Flow_MergeReopenToHandle', 'Gateway_MergeReopen', SUB)
flow('Flow_HandleStart', 'StartEvent_Handle', 'Gateway_SplitHandle')
flow('Flow_SplitToAck', 'Gateway_SplitHandle', 'Gateway_Acknowledged')
flow('Flow_NotYetAcknowledged', 'Gateway_Acknowledged', 'Task_Acknowledge', 'no', '${!acknowledged}')
flow('Flow_AlreadyAcknowledged', 'Gateway_Acknowledged', 'Gateway_MergeAck', 'yes', '${acknowledged}',
     [(cx(13), cy(0) - 25), (cx(13), cy(-0.45)), (cx(18), cy(-0.45)), (cx(18), cy(0) - 25)])
flow('Flow_AckOverdueToRecord', 'Timer_AckOverdue', 'Task_RecordAckOverdue', route='v')
flow('Flow_RecordAckOverdueToTell', 'Task_RecordAckOverdue', 'Task_TellAckOverdue')
flow('Flow_TellAckOverdueToEnd', 'Task_TellAckOverdue', 'EndEvent_AckOverdue')
flow('Flow_AckToStopClock', 'Task_Acknowledge', 'Task_StopAckClock')
flow('Flow_StopClockToRecordAck', 'Task_StopAckClock', 'Task_RecordAck')
flow('Flow_RecordAckToTellClient', 'Task_RecordAck', 'Task_TellClientAck')
flow('Flow_TellClientToMergeAck', 'Task_TellClientAck', 'Gateway_MergeAck')
flow('Flow_MergeAckToMergeWork', 'Gateway_MergeAck', 'Gateway_MergeWork')
flow('Flow_MergeWorkToWork', 'Gateway_MergeWork', 'Task_Work')
flow('Flow_WorkToOutcome', 'Task_Work', 'Gateway_WorkOutcome')
flow('Flow_Resolved', 'Gateway_WorkOutcome', 'Task_RecordResolution', 'resolved', "${workOutcome == 'resolved'}")
flow('Flow_RecordResolutionToEnd', 'Task_RecordResolution', 'EndEvent_Resolved')
flow('Flow_WaitingForClient', 'Gateway_WorkOutcome', 'Task_PauseResolution', 'waiting for client',
     "${workOutcome == 'waitingForClient'}", 'down')
flow('Flow_PauseToRecord', 'Task_PauseResolution', 'Task_RecordPause')
flow('Flow_RecordPauseToAsk', 'Task_RecordPause', 'Task_AskClient')
flow('Flow_AskToWait', 'Task_AskClient', 'Event_ClientResponded')
flow('Flow_RespondedToResume', 'Event_ClientResponded', 'Task_ResumeResolution')
flow('Flow_ResumeToRecord', 'Task_ResumeResolution', 'Task_RecordResume')
flow('Flow_RecordResumeToWork', 'Task_RecordResume', 'Gateway_MergeWork',
     route=[(cx(26), cy(2) + 40), (cx(26), cy(2.55)), (cx(19), cy(2.55)), (cx(19), cy(0) + 25)])
flow('Flow_SplitToUpdates', 'Gateway_SplitHandle', 'Gateway_MergeUpdate', route='v')
flow('Flow_MergeUpdateToClock', 'Gateway_MergeUpdate', 'Task_StartUpdateClock')
flow('Flow_UpdateClockToWrite', 'Task_StartUpdateClock', 'Task_WriteUpdate')
flow('Flow_ReminderToRemind', 'Timer_UpdateReminder', 'Task_RemindUpdate', route='v')
flow('Flow_RemindToEnd', 'Task_RemindUpdate', 'EndEvent_Reminded')
flow('Flow_LateToRecord', 'Timer_UpdateLate', 'Task_RecordUpdateLate', route='v')
flow('Flow_RecordLateToTell', 'Task_RecordUpdateLate', 'Task_TellUpdateLate')
flow('Flow_TellLateToEnd', 'Task_TellUpdateLate', 'EndEvent_UpdateLate')
flow('Flow_WriteToStop', 'Task_WriteUpdate', 'Task_StopUpdateClock')
flow('Flow_StopToRecordUpdate', 'Task_StopUpdateClock', 'Task_RecordUpdate')
flow('Flow_RecordUpdateToSend', 'Task_RecordUpdate', 'Task_SendUpdate')
flow('Flow_NextUpdate', 'Task_SendUpdate', 'Gateway_MergeUpdate',
     route=[(cx(18), cy(4) - 40), (cx(18), cy(3.5)), (cx(13), cy(3.5)), (cx(13), cy(4) - 25)])
for key, *_ in LADDER:
    flow('Flow_Rung%sToRecord' % key, 'Timer_Rung' + key, 'Task_RecordRung' + key, route='v')
    flow('Flow_RecordRung%sToTell' % key, 'Task_RecordRung' + key, 'Task_TellRung' + key)
    flow('Flow_TellRung%sToEnd' % key, 'Task_TellRung' + key, 'EndEvent_Rung' + key)
flow('Flow_HandledToStopUpdate', SUB, 'Task_StopUpdateClockAfter')
flow('Flow_StopUpdateToPause', 'Task_StopUpdateClockAfter', 'Task_PauseForConfirmation')
flow('Flow_PauseToTellResolved', 'Task_PauseForConfirmation', 'Task_TellClientResolved')
flow('Flow_TellResolvedToAnswer', 'Task_TellClientResolved', 'Task_RecordClientAnswer')
flow('Flow_AnswerToGateway', 'Task_RecordClientAnswer', 'Gateway_Confirmed')
flow('Flow_AnsweredToGateway', 'Event_ClientAnswered', 'Gateway_Confirmed',
     route=[(cx(A + 3), cy(3) + 58), (cx(A + 3), cy(3.6)), (cx(A + 4), cy(3.6)), (cx(A + 4), cy(3) + 25)])
flow('Flow_Reopened', 'Gateway_Confirmed', 'Task_RecordReopen', 'reopens', '${!clientConfirmed}', 'up')
flow('Flow_ReopenToResume', 'Task_RecordReopen', 'Task_ResumeAfterReopen')
flow('Flow_BackToWork', 'Task_ResumeAfterReopen', 'Gateway_MergeReopen',
     route=[(cx(A + 6) + 50, cy(1.5)), (cx(A + 6.7), cy(1.5)), (cx(A + 6.7), TOP), (cx(9), TOP), (cx(9), cy(0) - 25)])
flow('Flow_Confirmed', 'Gateway_Confirmed', 'Task_RecordConfirmed', 'confirms', '${clientConfirmed}')
flow('Flow_ConfirmedToStopClock', 'Task_RecordConfirmed', 'Task_StopResolutionClock')
flow('Flow_StopClockToClose', 'Task_StopResolutionClock', 'Task_Close')
flow('Flow_CloseToRootCause', 'Task_Close', 'Gateway_RootCause')
flow('Flow_RootCauseKnown', 'Gateway_RootCause', 'Gateway_MergeRootCause', 'yes', '${rootCauseKnown}')
flow('Flow_RootCauseUnknown', 'Gateway_RootCause', 'Task_RequestProblem', 'no', '${!rootCauseKnown}', 'down')
flow('Flow_ProblemToMerge', 'Task_RequestProblem', 'Gateway_MergeRootCause', route='right-up')
flow('Flow_MergeToRecordClosure', 'Gateway_MergeRootCause', 'Task_RecordClosure')
flow('Flow_RecordClosureToTell', 'Task_RecordClosure', 'Task_TellClientClosed')
flow('Flow_TellClosedToEnd', 'Task_TellClientClosed', 'EndEvent_Closed')
flow('Flow_BreachJoinedToRecord', 'StartEvent_BreachJoined', 'Task_RecordJoinedBreach')
flow('Flow_RecordJoinedToTell', 'Task_RecordJoinedBreach', 'Task_TellCsmJoinedBreach')
flow('Flow_TellJoinedToEnd', 'Task_TellCsmJoinedBreach', 'EndEvent_BreachJoined')

# ---- geometry
def bounds(n):
    if n['kind'] == 'sub':
        x1, y1, x2, y2 = SUB_BOX if n['id'] == SUB else EVS_BOX
        return x1, y1, x2 - x1, y2 - y1
    if n['kind'] == 'boundary':
        if n['id'].startswith('Timer_Rung'):
            return cx(n['col']) - 18, SUB_BOX[3] - 18, 36, 36
        host = byid[[a for a in n['attrs'].split('"') if a.startswith('Task_')][0]]
        hx, hy = cx(host['col']), cy(host['row'])
        dx = {'Timer_UpdateReminder': -25, 'Timer_UpdateLate': 25}.get(n['id'], 0)
        return hx + dx - 18, hy + 40 - 18, 36, 36
    w, h = SIZE[n['kind']]
    return cx(n['col']) - w / 2, cy(n['row']) - h / 2, w, h

def box(id):
    x, y, w, h = bounds(byid[id])
    return x, y, w, h, x + w / 2, y + h / 2

def waypoints(s, t, route):
    sx, sy, sw, sh, scx, scy = box(s)
    tx, ty, tw, th, tcx, tcy = box(t)
    if isinstance(route, list):
        return route
    if t == SUB:
        return [(sx + sw, scy), (tx, scy)]
    if s == SUB:
        return [(sx + sw, tcy), (tx, tcy)]
    if route == 'up':      # from the top of s up, then right into t (or straight up into t)
        if abs(scx - tcx) < 1:
            return [(scx, sy), (tcx, ty + th)]
        return [(scx, sy), (scx, tcy), (tx, tcy)]
    if route in ('down', 'v') and abs(scx - tcx) < 1:  # straight down into t
        return [(scx, sy + sh), (tcx, ty)]
    if route in ('down', 'v'):  # from the bottom of s down, then right into t
        return [(scx, sy + sh), (scx, tcy), (tx, tcy)]
    if route == 'right-up':
        return [(sx + sw, scy), (tcx, scy), (tcx, ty + th)]
    if abs(scy - tcy) < 1:
        return [(sx + sw, scy), (tx, tcy)]
    mx = (sx + sw + tx) / 2
    return [(sx + sw, scy), (mx, scy), (mx, tcy), (tx, tcy)]

# ---- write
incoming, outgoing = {}, {}
for f in flows:
    outgoing.setdefault(f[1], []).append(f[0])
    incoming.setdefault(f[2], []).append(f[0])

def element_xml(n, indent):
    pad = ' ' * indent
    name = ' name=%s' % quoteattr(n['name']) if n['name'] else ''
    attrs = (' ' + n['attrs']) if n['attrs'] else ''
    inner = n['inner'] or ''
    ext = ''
    defs = ''
    if inner.startswith('<bpmn:'):
        defs = inner
    elif inner:
        ext = '<bpmn:extensionElements>%s</bpmn:extensionElements>' % inner
    out = [pad + '<bpmn:%s id="%s"%s%s>' % (n['tag'], n['id'], name, attrs)]
    if ext:
        out.append(pad + '  ' + ext)
    out += [pad + '  <bpmn:incoming>%s</bpmn:incoming>' % i for i in incoming.get(n['id'], [])]
    out += [pad + '  <bpmn:outgoing>%s</bpmn:outgoing>' % o for o in outgoing.get(n['id'], [])]
    if n['kind'] == 'sub':
        for child in nodes:
            if child['parent'] == n['id']:
                out += element_xml(child, indent + 2)
        for f in flows:
            if byid[f[1]]['parent'] == n['id']:
                out.append(flow_xml(f, indent + 2))
    if defs:
        out.append(pad + '  ' + defs)
    out.append(pad + '</bpmn:%s>' % n['tag'])
    return out

def flow_xml(f, indent):
    id, s, t, name, cond, _ = f
    pad = ' ' * indent
    n = ' name=%s' % quoteattr(name) if name else ''
    if cond:
        return pad + '<bpmn:sequenceFlow id="%s"%s sourceRef="%s" targetRef="%s"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">%s</bpmn:conditionExpression></bpmn:sequenceFlow>' % (id, n, s, t, escape(cond))
    return pad + '<bpmn:sequenceFlow id="%s"%s sourceRef="%s" targetRef="%s" />' % (id, n, s, t)

lines = ['<?xml version="1.0" encoding="UTF-8"?>',
 '<!-- Generated by tools/escalation_bpmn.py (grid layout); Camunda Modeler may edit it directly. -->',
 '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_Escalation" targetNamespace="https://csmflow.example/bpmn" exporter="CSM Flow" exporterVersion="0.1" modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.24.0">',
 '  <bpmn:message id="Message_SlaBreached" name="sla-breached" />',
 '  <bpmn:message id="Message_BreachJoined" name="sla-breach-joined" />',
 '  <bpmn:message id="Message_ClientResponse" name="escalation-client-response" />',
 '  <bpmn:message id="Message_ClientAnswer" name="escalation-client-answer" />',
 '  <bpmn:process id="escalation" name="Escalation" isExecutable="true" camunda:historyTimeToLive="P365D" camunda:versionTag="1">',
 '    <bpmn:documentation>A client, a member of staff or an SLA breach in another workflow escalates a case. Severity and targets come from escalation-severity.dmn; the CSM acknowledges, works it, updates the client at the cadence; timers climb the ladder CSM, service manager, delivery manager, DC head; the client confirms or reopens; an unknown root cause requests a problem investigation. See docs/processes/escalation.md.</bpmn:documentation>']
for n in nodes:
    if n['parent'] == 'escalation':
        lines += element_xml(n, 4)
for f in flows:
    if byid[f[1]]['parent'] == 'escalation':
        lines.append(flow_xml(f, 4))
lines.append('  </bpmn:process>')
lines.append('  <bpmndi:BPMNDiagram id="Diagram_Escalation">')
lines.append('    <bpmndi:BPMNPlane id="Plane_Escalation" bpmnElement="escalation">')
order = [n for n in nodes if n['kind'] == 'sub'] + [n for n in nodes if n['kind'] != 'sub']
for n in order:
    x, y, w, h = bounds(n)
    extra = ' isExpanded="true"' if n['kind'] == 'sub' else ''
    extra += ' isMarkerVisible="true"' if n['tag'] == 'exclusiveGateway' else ''
    label = ''
    if n['kind'] in ('event', 'gateway', 'boundary') and n['name']:
        # labels below the symbol; the two timers on "Write client update" sit close, so spread their labels
        shift = {'Timer_UpdateReminder': -50, 'Timer_UpdateLate': 50}.get(n['id'], 0)
        label = '<bpmndi:BPMNLabel><dc:Bounds x="%d" y="%d" width="90" height="27" /></bpmndi:BPMNLabel>' % (
            x + w / 2 - 45 + shift, y + h + 5)
    lines.append('      <bpmndi:BPMNShape id="Shape_%s" bpmnElement="%s"%s><dc:Bounds x="%d" y="%d" width="%d" height="%d" />%s</bpmndi:BPMNShape>'
                 % (n['id'], n['id'], extra, x, y, w, h, label))
for f in flows:
    pts = ''.join('<di:waypoint x="%d" y="%d" />' % p for p in waypoints(f[1], f[2], f[5]))
    lines.append('      <bpmndi:BPMNEdge id="Edge_%s" bpmnElement="%s">%s</bpmndi:BPMNEdge>' % (f[0], f[0], pts))
lines += ['    </bpmndi:BPMNPlane>', '  </bpmndi:BPMNDiagram>', '</bpmn:definitions>', '']
open('bpmn/escalation.bpmn', 'w').write('\n'.join(lines))

# overlap check of shapes (same parent level is enough for a grid)
shapes = [(n['id'], bounds(n)) for n in nodes if n['kind'] not in ('sub', 'boundary')]
for i, (a, (ax, ay, aw, ah)) in enumerate(shapes):
    for b, (bx, by, bw, bh) in shapes[i + 1:]:
        if ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah:
            print('OVERLAP', a, b)
print(len(nodes), 'nodes', len(flows), 'flows')
