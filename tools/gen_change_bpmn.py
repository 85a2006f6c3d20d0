#!/usr/bin/env python3
"""Generates bpmn/change-request.bpmn (semantics + a grid layout for the diagram).

Kept beside the model so the layout can be regenerated; after that, the Modeler is the tool: the
output is ordinary BPMN 2.0 XML that Camunda Modeler opens and saves.
"""
from xml.sax.saxutils import escape

COL, ROW, X0, Y0 = 150, 130, 170, 260
SIZE = {'event': (36, 36), 'task': (100, 80), 'gateway': (50, 50)}

nodes = {}      # id -> dict(kind, col, row, xml)
order = []
flows = []      # (id, src, tgt, route, name, condition)
boundaries = {}  # id -> (attachedTo, offset, xml)


def node(nid, kind, col, row, xml):
    nodes[nid] = dict(kind=kind, col=col, row=row, xml=xml)
    order.append(nid)


def flow(fid, src, tgt, route='h', name=None, cond=None):
    flows.append((fid, src, tgt, route, name, cond))


def io(*params):
    out = []
    for name, value in params:
        out.append(f'          <camunda:inputParameter name="{name}">{escape(value)}</camunda:inputParameter>')
    return '\n'.join(out)


def ext(inner, retry=False):
    r = '        <camunda:failedJobRetryTimeCycle>R5/PT5M</camunda:failedJobRetryTimeCycle>\n' if retry else ''
    return f'      <bpmn:extensionElements>\n{r}{inner}\n      </bpmn:extensionElements>\n'


def step(nid, col, row, name, stepname):
    node(nid, 'task', col, row,
         f'    <bpmn:serviceTask id="{nid}" name="{name}" camunda:delegateExpression="${{changeStep}}">\n'
         + ext('        <camunda:inputOutput>\n' + io(('step', stepname)) + '\n        </camunda:inputOutput>')
         + '{flows}    </bpmn:serviceTask>\n')


def notify(nid, col, row, name, template, **inputs):
    params = [('template', template)] + list(inputs.items())
    node(nid, 'task', col, row,
         f'    <bpmn:serviceTask id="{nid}" name="{name}" camunda:asyncBefore="true" camunda:delegateExpression="${{notify}}" '
         'camunda:modelerTemplate="com.csmflow.send-notification" camunda:modelerTemplateVersion="1">\n'
         + ext('        <camunda:inputOutput>\n' + io(*params) + '\n        </camunda:inputOutput>', retry=True)
         + '{flows}    </bpmn:serviceTask>\n')


def clock(nid, col, row, name, delegate, **inputs):
    tpl = {'slaClockStart': 'clock-start', 'slaClockStop': 'clock-stop'}[delegate]
    node(nid, 'task', col, row,
         f'    <bpmn:serviceTask id="{nid}" name="{name}" camunda:delegateExpression="${{{delegate}}}" '
         f'camunda:modelerTemplate="com.csmflow.sla.{tpl}" camunda:modelerTemplateVersion="1">\n'
         + ext('        <camunda:inputOutput>\n' + io(*inputs.items()) + '\n        </camunda:inputOutput>')
         + '{flows}    </bpmn:serviceTask>\n')


def user(nid, col, row, name, group, form, doc, extra='', attrs=''):
    node(nid, 'task', col, row,
         f'    <bpmn:userTask id="{nid}" name="{name}" camunda:candidateGroups="{group}" '
         f'camunda:formRef="{form}" camunda:formRefBinding="deployment"{attrs}>\n'
         f'      <bpmn:documentation>{escape(doc)}</bpmn:documentation>\n'
         + extra + '{flows}{loop}    </bpmn:userTask>\n')


def gateway(nid, col, row, name, default=None):
    d = f' default="{default}"' if default else ''
    n = f' name="{name}"' if name else ''
    node(nid, 'gateway', col, row, f'    <bpmn:exclusiveGateway id="{nid}"{n}{d}>\n{{flows}}    </bpmn:exclusiveGateway>\n')


def end(nid, col, row, name):
    node(nid, 'event', col, row, f'    <bpmn:endEvent id="{nid}" name="{name}">\n{{flows}}    </bpmn:endEvent>\n')


def timer_catch(nid, col, row, name, expr):
    node(nid, 'event', col, row,
         f'    <bpmn:intermediateCatchEvent id="{nid}" name="{name}">\n{{flows}}'
         f'      <bpmn:timerEventDefinition id="{nid}_Definition"><bpmn:timeDate xsi:type="bpmn:tFormalExpression">{expr}</bpmn:timeDate></bpmn:timerEventDefinition>\n'
         '    </bpmn:intermediateCatchEvent>\n')


def boundary(bid, attached, offset, name, expr, interrupting):
    ci = '' if interrupting else ' cancelActivity="false"'
    boundaries[bid] = (attached, offset,
                       f'    <bpmn:boundaryEvent id="{bid}" name="{name}" attachedToRef="{attached}"{ci}>\n{{flows}}'
                       f'      <bpmn:timerEventDefinition id="{bid}_Definition"><bpmn:timeDate xsi:type="bpmn:tFormalExpression">{expr}</bpmn:timeDate></bpmn:timerEventDefinition>\n'
                       '    </bpmn:boundaryEvent>\n')


VOTE_FORM_LOCALS = ('        <camunda:inputOutput>\n'
                    '          <camunda:inputParameter name="board">CAB</camunda:inputParameter>\n'
                    '          <camunda:inputParameter name="vote" />\n'
                    '          <camunda:inputParameter name="veto">${false}</camunda:inputParameter>\n'
                    '          <camunda:inputParameter name="voteComment" />\n'
                    '        </camunda:inputOutput>\n')


def vote_ext(board_inputs):
    return ('      <bpmn:extensionElements>\n'
            '        <camunda:taskListener delegateExpression="${recordCabVote}" event="complete" />\n'
            + board_inputs +
            '      </bpmn:extensionElements>\n')


# ---------------------------------------------------------------- the process
node('StartEvent_ChangeRequested', 'event', 0, 0,
     '    <bpmn:startEvent id="StartEvent_ChangeRequested" name="Change requested" '
     'camunda:formRef="change-request-start" camunda:formRefBinding="deployment" camunda:initiator="requestedBy">\n{flows}    </bpmn:startEvent>\n')
step('Task_RegisterChange', 1, 0, 'Record the change request', 'REGISTER')
node('Task_ClassifyChange', 'task', 2, 0,
     '    <bpmn:businessRuleTask id="Task_ClassifyChange" name="Classify the change and its risk" '
     'camunda:decisionRef="change-classification" camunda:decisionRefBinding="deployment">\n'
     '      <bpmn:documentation>Decision table bpmn/change-classification.dmn: class, risk, priority, major change.</bpmn:documentation>\n'
     + ext('        <camunda:inputOutput>\n'
           '          <camunda:outputParameter name="changeClass">${decisionResult.getSingleResult().changeClass}</camunda:outputParameter>\n'
           '          <camunda:outputParameter name="riskLevel">${decisionResult.getSingleResult().riskLevel}</camunda:outputParameter>\n'
           '          <camunda:outputParameter name="priority">${decisionResult.getSingleResult().priority}</camunda:outputParameter>\n'
           '          <camunda:outputParameter name="majorChange">${decisionResult.getSingleResult().majorChange}</camunda:outputParameter>\n'
           '        </camunda:inputOutput>')
     + '{flows}    </bpmn:businessRuleTask>\n')
node('Task_ChooseApprovalRule', 'task', 3, 0,
     '    <bpmn:businessRuleTask id="Task_ChooseApprovalRule" name="Choose the CAB approval rule" '
     'camunda:decisionRef="change-cab-approval" camunda:decisionRefBinding="deployment">\n'
     '      <bpmn:documentation>Decision table bpmn/change-cab-approval.dmn: CAB required, rule any/all/majority/percentage, veto group.</bpmn:documentation>\n'
     + ext('        <camunda:inputOutput>\n'
           '          <camunda:outputParameter name="cabRequired">${decisionResult.getSingleResult().cabRequired}</camunda:outputParameter>\n'
           '          <camunda:outputParameter name="approvalRule">${decisionResult.getSingleResult().approvalRule}</camunda:outputParameter>\n'
           '          <camunda:outputParameter name="approvalPercentage">${decisionResult.getSingleResult().approvalPercentage}</camunda:outputParameter>\n'
           '          <camunda:outputParameter name="vetoGroup">${decisionResult.getSingleResult().vetoGroup}</camunda:outputParameter>\n'
           '        </camunda:inputOutput>')
     + '{flows}    </bpmn:businessRuleTask>\n')
step('Task_RecordClassification', 4, 0, 'Record class and risk', 'CLASSIFY')
gateway('Gateway_ChangeClass', 5, 0, 'Which approval?', default='Flow_NeedsCab')

# normal change: CAB
user('Task_PrepareCab', 6, 0, 'Prepare the CAB', 'csm', 'change-prepare-cab',
     'Set the agenda, choose the CAB members who vote and the meeting time.')
step('Task_InviteCab', 7, 0, 'Record the CAB meeting', 'INVITE_CAB')
clock('Task_StartCabClock', 8, 0, 'Start CAB decision clock', 'slaClockStart',
      metric='cab.decision', priority='${priority}', clientReference='${clientReference}', clockName='cabDecision')
notify('Task_InviteCabMembers', 9, 0, 'Invite the CAB members', 'change-cab-invitation', recipientUsers='${cabVoterList}')
user('Task_CabVote', 10, 0, 'Vote on the change', 'cab', 'change-cab-vote',
     'One task per CAB member chosen by the CSM. The vote ends as soon as the approval rule from the decision table is decided, or at once on a veto from the veto group.',
     extra=vote_ext(VOTE_FORM_LOCALS), attrs=' camunda:assignee="${cabMember}"')
clock('Task_StopCabClock', 11, 0, 'Stop CAB decision clock', 'slaClockStop', clockName='cabDecision')
boundary('Timer_CabDecisionWarning', 'Task_CabVote', -25, 'CAB decision due soon', '${cabDecisionWarning}', False)
boundary('Timer_CabDecisionDue', 'Task_CabVote', 25, 'CAB decision overdue', '${cabDecisionDue}', False)
notify('Task_WarnCabDecision', 11, 1, 'Remind the CSM and the CAB', 'change-cab-warning',
       recipientGroups='csm', recipientUsers='${cabVoterList}')
end('End_CabReminded', 12, 1, 'Reminder sent')
notify('Task_ReportCabBreach', 11, 2, 'Tell CSM and service manager: CAB decision overdue', 'change-cab-breach',
       recipientGroups='csm,service-manager')
node('Task_PublishCabBreach', 'task', 12, 2,
     '    <bpmn:serviceTask id="Task_PublishCabBreach" name="Hand the breach to escalation" camunda:asyncBefore="true" '
     'camunda:delegateExpression="${publishMessage}" camunda:modelerTemplate="com.csmflow.register.publish-message" camunda:modelerTemplateVersion="1">\n'
     + ext('        <camunda:inputOutput>\n'
           + io(('messageName', 'sla-breached'),
                ('payload', '{"breachedBusinessKey": "${execution.processBusinessKey}", "breachedMetric": "cab.decision", '
                            '"clientReference": "${clientReference}", "summary": "CAB decision overdue: ${title}", "priority": "${priority}"}'))
           + '\n        </camunda:inputOutput>', retry=True)
     + '{flows}    </bpmn:serviceTask>\n')
end('End_CabBreachReported', 13, 2, 'Breach reported')

# emergency change
clock('Task_StartEmergencyClock', 6, 3, 'Start emergency CAB clock', 'slaClockStart',
      metric='emergency-cab.decision', priority='${priority}', clientReference='${clientReference}', clockName='emergencyCabDecision')
user('Task_EmergencyCabDecision', 7, 3, 'Decide on the emergency change', 'cab', 'change-emergency-decision',
     'Emergency CAB: any CAB member decides, under the short emergency clock.',
     extra=vote_ext('        <camunda:inputOutput>\n          <camunda:inputParameter name="board">EMERGENCY_CAB</camunda:inputParameter>\n        </camunda:inputOutput>\n'))
boundary('Timer_EmergencyCabDue', 'Task_EmergencyCabDecision', 0, 'Emergency CAB did not decide in time', '${emergencyCabDecisionDue}', True)
user('Task_ServiceManagerDecision', 8, 4, 'Decide on the emergency change (CAB overdue)', 'service-manager', 'change-emergency-decision',
     'The emergency CAB did not decide in time: the service manager decides.',
     extra=vote_ext('        <camunda:inputOutput>\n          <camunda:inputParameter name="board">SERVICE_MANAGER</camunda:inputParameter>\n        </camunda:inputOutput>\n'))
gateway('Gateway_EmergencyDecided', 9, 3, None)
clock('Task_StopEmergencyClock', 10, 3, 'Stop emergency CAB clock', 'slaClockStop', clockName='emergencyCabDecision')

# decision
gateway('Gateway_Decided', 14, 0, None)
step('Task_RecordDecision', 15, 0, 'Record the approval decision', 'DECIDE')
gateway('Gateway_Approved', 16, 0, 'Approved?', default='Flow_Approved')
notify('Task_TellRejection', 17, -1, 'Tell requester and client why it was rejected', 'change-rejected',
       clientContacts='true', to='${requesterEmail}')
end('End_ChangeRejected', 18, -1, 'Change rejected')

# schedule, notice, implement
user('Task_ScheduleChange', 17, 0, 'Schedule the maintenance window', 'csm', 'change-schedule',
     'Confirm or move the maintenance window. The client is told a change.notice lead time before it.')
step('Task_PlanNotice', 18, 0, 'Plan the maintenance notice', 'SCHEDULE')
timer_catch('Timer_NoticeDue', 19, 0, 'Notice lead time reached', '${noticeAt}')
notify('Task_SendMaintenanceNotice', 20, 0, 'Send the maintenance notice', 'change-maintenance-notice', clientContacts='true')
step('Task_RecordNoticeSent', 21, 0, 'Record notice sent', 'NOTICE_SENT')
timer_catch('Timer_WindowStart', 22, 0, 'Maintenance window opens', '${windowStartAt}')
user('Task_ImplementChange', 23, 0, 'Implement the change', 'cse', 'change-implement',
     'Carry out the change in the window and record whether it succeeded.')
step('Task_RecordImplementation', 24, 0, 'Record the implementation result', 'IMPLEMENTED')
gateway('Gateway_ImplementationOk', 25, 0, 'Implemented successfully?', default='Flow_Succeeded')

# failure: roll back, raise a problem
user('Task_RollBack', 26, -1, 'Roll back the change', 'cse', 'change-rollback',
     'Restore the previous state and describe what was rolled back.')
step('Task_RecordRollback', 27, -1, 'Record the rollback', 'ROLLED_BACK')
node('Task_RequestProblem', 'task', 28, -1,
     '    <bpmn:serviceTask id="Task_RequestProblem" name="Request a problem investigation" camunda:asyncBefore="true" '
     'camunda:delegateExpression="${publishMessage}" camunda:modelerTemplate="com.csmflow.register.publish-message" camunda:modelerTemplateVersion="1">\n'
     + ext('        <camunda:inputOutput>\n'
           + io(('messageName', 'problem-requested'),
                ('payload', '{"sourceType": "change", "sourceReference": "${execution.processBusinessKey}", '
                            '"clientReference": "${clientReference}", "summary": "Failed change: ${title}", "priority": "${priority}"}'))
           + '\n        </camunda:inputOutput>', retry=True)
     + '{flows}    </bpmn:serviceTask>\n')

# success: review, CMDB, billing
user('Task_TechnicalReview', 26, 0, 'Review the change technically', 'cse', 'change-technical-review',
     'Check the executed change against the plan; note findings.')
gateway('Gateway_MajorChange', 27, 0, 'Major change?', default='Flow_NotMajor')
user('Task_UpdateConfiguration', 28, 1, 'Update configuration documents and CMDB', 'cse', 'change-update-cmdb',
     'Major change: update the configuration documents and CMDB entries it touched.')
gateway('Gateway_ConfigurationDone', 29, 0, None)
gateway('Gateway_Billable', 30, 0, 'Billable?', default='Flow_NotBillable')
node('Task_RecordBilling', 'task', 31, 1,
     '    <bpmn:serviceTask id="Task_RecordBilling" name="Record the change for billing" camunda:delegateExpression="${registerRecord}" '
     'camunda:modelerTemplate="com.csmflow.register.record-in-register" camunda:modelerTemplateVersion="1">\n'
     + ext('        <camunda:inputOutput>\n'
           + io(('register', 'billing-record'), ('reference', ''),
                ('data', '{"source": "change", "clientReference": "${clientReference}", "title": "${title}", '
                         '"changeClass": "${changeClass}", "windowStart": "${windowStart}", "windowEnd": "${windowEnd}"}'),
                ('action', 'CREATE'))
           + '\n        </camunda:inputOutput>')
     + '{flows}    </bpmn:serviceTask>\n')
gateway('Gateway_ReadyForOutcome', 32, 0, None)
notify('Task_TellOutcome', 33, 0, 'Tell the client the outcome', 'change-outcome', clientContacts='true', to='${requesterEmail}')
gateway('Gateway_ReviewNeeded', 34, 0, 'Review?', default='Flow_NormalReview')
user('Task_EmergencyRetrospective', 35, 1, 'Review the emergency change in retrospect', 'cab', 'change-emergency-retrospective',
     'The CAB reviews the emergency change it (or the service manager) approved in a hurry.')
gateway('Gateway_ReviewJoin', 36, 0, None)
user('Task_PostImplementationReview', 37, 0, 'Post-implementation review', 'csm', 'change-pir',
     'Did the change achieve its goal? Lessons learned. Closes the change.')
gateway('Gateway_Closing', 38, 0, None)
step('Task_CloseChange', 39, 0, 'Close the change', 'CLOSE')
end('End_ChangeClosed', 40, 0, 'Change closed')

# ---------------------------------------------------------------- flows
flow('Flow_1', 'StartEvent_ChangeRequested', 'Task_RegisterChange')
flow('Flow_2', 'Task_RegisterChange', 'Task_ClassifyChange')
flow('Flow_3', 'Task_ClassifyChange', 'Task_ChooseApprovalRule')
flow('Flow_4', 'Task_ChooseApprovalRule', 'Task_RecordClassification')
flow('Flow_5', 'Task_RecordClassification', 'Gateway_ChangeClass')
flow('Flow_NeedsCab', 'Gateway_ChangeClass', 'Task_PrepareCab', name='normal, CAB')
flow('Flow_Emergency', 'Gateway_ChangeClass', 'Task_StartEmergencyClock', route='vd', name='emergency',
     cond="${changeClass == 'emergency'}")
flow('Flow_PreApproved', 'Gateway_ChangeClass', 'Gateway_Decided', route='over', name='no CAB (pre-approved)',
     cond="${changeClass != 'emergency' &amp;&amp; !cabRequired}")
flow('Flow_6', 'Task_PrepareCab', 'Task_InviteCab')
flow('Flow_7', 'Task_InviteCab', 'Task_StartCabClock')
flow('Flow_8', 'Task_StartCabClock', 'Task_InviteCabMembers')
flow('Flow_9', 'Task_InviteCabMembers', 'Task_CabVote')
flow('Flow_10', 'Task_CabVote', 'Task_StopCabClock')
flow('Flow_11', 'Task_StopCabClock', 'Gateway_Decided')
flow('Flow_Warning', 'Timer_CabDecisionWarning', 'Task_WarnCabDecision', route='vd')
flow('Flow_12', 'Task_WarnCabDecision', 'End_CabReminded')
flow('Flow_Breach', 'Timer_CabDecisionDue', 'Task_ReportCabBreach', route='vd')
flow('Flow_13', 'Task_ReportCabBreach', 'Task_PublishCabBreach')
flow('Flow_14', 'Task_PublishCabBreach', 'End_CabBreachReported')
flow('Flow_15', 'Task_StartEmergencyClock', 'Task_EmergencyCabDecision')
flow('Flow_16', 'Task_EmergencyCabDecision', 'Gateway_EmergencyDecided')
flow('Flow_EmergencyOverdue', 'Timer_EmergencyCabDue', 'Task_ServiceManagerDecision', route='vd')
flow('Flow_17', 'Task_ServiceManagerDecision', 'Gateway_EmergencyDecided', route='hv')
flow('Flow_18', 'Gateway_EmergencyDecided', 'Task_StopEmergencyClock')
flow('Flow_19', 'Task_StopEmergencyClock', 'Gateway_Decided', route='hv')
flow('Flow_20', 'Gateway_Decided', 'Task_RecordDecision')
flow('Flow_21', 'Task_RecordDecision', 'Gateway_Approved')
flow('Flow_Approved', 'Gateway_Approved', 'Task_ScheduleChange', name='approved')
flow('Flow_Rejected', 'Gateway_Approved', 'Task_TellRejection', route='vd', name='rejected', cond='${!changeApproved}')
flow('Flow_22', 'Task_TellRejection', 'End_ChangeRejected')
flow('Flow_23', 'Task_ScheduleChange', 'Task_PlanNotice')
flow('Flow_24', 'Task_PlanNotice', 'Timer_NoticeDue')
flow('Flow_25', 'Timer_NoticeDue', 'Task_SendMaintenanceNotice')
flow('Flow_26', 'Task_SendMaintenanceNotice', 'Task_RecordNoticeSent')
flow('Flow_27', 'Task_RecordNoticeSent', 'Timer_WindowStart')
flow('Flow_28', 'Timer_WindowStart', 'Task_ImplementChange')
flow('Flow_29', 'Task_ImplementChange', 'Task_RecordImplementation')
flow('Flow_30', 'Task_RecordImplementation', 'Gateway_ImplementationOk')
flow('Flow_Succeeded', 'Gateway_ImplementationOk', 'Task_TechnicalReview', name='yes')
flow('Flow_Failed', 'Gateway_ImplementationOk', 'Task_RollBack', route='vd', name='failed', cond='${!implementationSucceeded}')
flow('Flow_31', 'Task_RollBack', 'Task_RecordRollback')
flow('Flow_32', 'Task_RecordRollback', 'Task_RequestProblem')
flow('Flow_33', 'Task_RequestProblem', 'Gateway_ReadyForOutcome', route='hv')
flow('Flow_34', 'Task_TechnicalReview', 'Gateway_MajorChange')
flow('Flow_Major', 'Gateway_MajorChange', 'Task_UpdateConfiguration', route='vd', name='major', cond='${majorChange}')
flow('Flow_NotMajor', 'Gateway_MajorChange', 'Gateway_ConfigurationDone')
flow('Flow_35', 'Task_UpdateConfiguration', 'Gateway_ConfigurationDone', route='hv')
flow('Flow_36', 'Gateway_ConfigurationDone', 'Gateway_Billable')
flow('Flow_Billable', 'Gateway_Billable', 'Task_RecordBilling', route='vd', name='billable', cond='${billable}')
flow('Flow_NotBillable', 'Gateway_Billable', 'Gateway_ReadyForOutcome')
flow('Flow_37', 'Task_RecordBilling', 'Gateway_ReadyForOutcome', route='hv')
flow('Flow_38', 'Gateway_ReadyForOutcome', 'Task_TellOutcome')
flow('Flow_39', 'Task_TellOutcome', 'Gateway_ReviewNeeded')
flow('Flow_NormalReview', 'Gateway_ReviewNeeded', 'Gateway_ReviewJoin', name='normal')
flow('Flow_EmergencyReview', 'Gateway_ReviewNeeded', 'Task_EmergencyRetrospective', route='vd', name='emergency',
     cond="${changeClass == 'emergency'}")
flow('Flow_NoReview', 'Gateway_ReviewNeeded', 'Gateway_Closing', route='over', name='standard: no review',
     cond="${changeClass == 'standard'}")
flow('Flow_40', 'Task_EmergencyRetrospective', 'Gateway_ReviewJoin', route='hv')
flow('Flow_41', 'Gateway_ReviewJoin', 'Task_PostImplementationReview')
flow('Flow_42', 'Task_PostImplementationReview', 'Gateway_Closing')
flow('Flow_43', 'Gateway_Closing', 'Task_CloseChange')
flow('Flow_44', 'Task_CloseChange', 'End_ChangeClosed')


# ---------------------------------------------------------------- geometry
def center(nid):
    if nid in boundaries:
        att, off, _ = boundaries[nid]
        cx, cy = center(att)
        return cx + off, cy + SIZE['task'][1] / 2
    n = nodes[nid]
    return X0 + n['col'] * COL, Y0 + n['row'] * ROW


def size(nid):
    return SIZE['event'] if nid in boundaries else SIZE[nodes[nid]['kind']]


def bounds(nid):
    cx, cy = center(nid)
    w, h = size(nid)
    return cx - w / 2, cy - h / 2, w, h


def waypoints(src, tgt, route):
    sx, sy = center(src)
    tx, ty = center(tgt)
    sw, sh = size(src)
    tw, th = size(tgt)
    if route == 'h':
        if sy == ty:
            return [(sx + sw / 2, sy), (tx - tw / 2, ty)]
        mx = (sx + sw / 2 + tx - tw / 2) / 2
        return [(sx + sw / 2, sy), (mx, sy), (mx, ty), (tx - tw / 2, ty)]
    if route == 'vd':  # leave through bottom/top, then right into the target
        y0 = sy + sh / 2 if ty > sy else sy - sh / 2
        return [(sx, y0), (sx, ty), (tx - tw / 2, ty)]
    if route == 'hv':  # leave right, then up/down into the target's bottom/top
        y1 = ty + th / 2 if sy > ty else ty - th / 2
        return [(sx + sw / 2, sy), (tx, sy), (tx, y1)]
    if route == 'over':  # above everything on the row above, into the target's top
        yr = sy - ROW
        return [(sx, sy - sh / 2), (sx, yr), (tx, yr), (tx, ty - th / 2)]
    raise ValueError(route)


# ---------------------------------------------------------------- write
out_flows = {}
in_flows = {}
for fid, s, t, *_ in flows:
    out_flows.setdefault(s, []).append(fid)
    in_flows.setdefault(t, []).append(fid)


def flow_refs(nid):
    refs = ''.join(f'      <bpmn:incoming>{f}</bpmn:incoming>\n' for f in in_flows.get(nid, []))
    refs += ''.join(f'      <bpmn:outgoing>{f}</bpmn:outgoing>\n' for f in out_flows.get(nid, []))
    return refs


LOOP = ('      <bpmn:multiInstanceLoopCharacteristics camunda:collection="${cabVoters}" camunda:elementVariable="cabMember">\n'
        '        <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${cabVoting.decided(execution)}</bpmn:completionCondition>\n'
        '      </bpmn:multiInstanceLoopCharacteristics>\n')

parts = []
for nid in order:
    xml = nodes[nid]['xml']
    xml = xml.replace('{flows}', flow_refs(nid)).replace('{loop}', LOOP if nid == 'Task_CabVote' else '')
    parts.append(xml)
for bid, (_, _, xml) in boundaries.items():
    parts.append(xml.replace('{flows}', flow_refs(bid)))
for fid, s, t, route, name, cond in flows:
    n = f' name="{name}"' if name else ''
    if cond:
        parts.append(f'    <bpmn:sequenceFlow id="{fid}"{n} sourceRef="{s}" targetRef="{t}">\n'
                     f'      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{cond}</bpmn:conditionExpression>\n'
                     '    </bpmn:sequenceFlow>\n')
    else:
        parts.append(f'    <bpmn:sequenceFlow id="{fid}"{n} sourceRef="{s}" targetRef="{t}" />\n')

di = []
for nid in order + list(boundaries):
    x, y, w, h = bounds(nid)
    marker = ' isMarkerVisible="true"' if nid in nodes and nodes[nid]['kind'] == 'gateway' else ''
    di.append(f'      <bpmndi:BPMNShape id="Shape_{nid}" bpmnElement="{nid}"{marker}>\n'
              f'        <dc:Bounds x="{x:g}" y="{y:g}" width="{w}" height="{h}" />\n')
    if nid in boundaries or (nid in nodes and nodes[nid]['kind'] in ('event', 'gateway')):
        di.append(f'        <bpmndi:BPMNLabel><dc:Bounds x="{x - 30:g}" y="{y + h + 4:g}" width="{w + 60}" height="27" /></bpmndi:BPMNLabel>\n')
    di.append('      </bpmndi:BPMNShape>\n')
for fid, s, t, route, name, cond in flows:
    pts = waypoints(s, t, route)
    di.append(f'      <bpmndi:BPMNEdge id="Edge_{fid}" bpmnElement="{fid}">\n')
    di.extend(f'        <di:waypoint x="{px:g}" y="{py:g}" />\n' for px, py in pts)
    if name:
        lx, ly = pts[0][0] + 6, pts[0][1] - 18 if route in ('h', 'over') else pts[-1][1] - 18
        if route == 'vd':
            lx = pts[1][0] + 8
        di.append(f'        <bpmndi:BPMNLabel><dc:Bounds x="{lx:g}" y="{ly:g}" width="90" height="14" /></bpmndi:BPMNLabel>\n')
    di.append('      </bpmndi:BPMNEdge>\n')

doc = ('<?xml version="1.0" encoding="UTF-8"?>\n'
       '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"\n'
       '                  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"\n'
       '                  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"\n'
       '                  xmlns:di="http://www.omg.org/spec/DD/20100524/DI"\n'
       '                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
       '                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"\n'
       '                  xmlns:modeler="http://camunda.org/schema/modeler/1.0"\n'
       '                  id="Definitions_ChangeRequest" targetNamespace="https://csmflow.example/bpmn"\n'
       '                  exporter="CSM Flow" exporterVersion="0.1"\n'
       '                  modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.24.0">\n'
       '  <bpmn:process id="change-request" name="Change request" isExecutable="true"\n'
       '                camunda:historyTimeToLive="P365D" camunda:versionTag="1">\n'
       '    <bpmn:documentation>A change from request to closure: classification and risk by decision table, CAB or emergency CAB under an SLA clock, maintenance notice to the client, implementation, review, billing, outcome and post-implementation review. docs/processes/change-request.md</bpmn:documentation>\n'
       + ''.join(parts) +
       '  </bpmn:process>\n'
       '  <bpmndi:BPMNDiagram id="Diagram_ChangeRequest">\n'
       '    <bpmndi:BPMNPlane id="Plane_ChangeRequest" bpmnElement="change-request">\n'
       + ''.join(di) +
       '    </bpmndi:BPMNPlane>\n'
       '  </bpmndi:BPMNDiagram>\n'
       '</bpmn:definitions>\n')
open('bpmn/change-request.bpmn', 'w').write(doc)
print('elements', len(order) + len(boundaries), 'flows', len(flows))
