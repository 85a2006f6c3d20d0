package com.csmflow.escalation;

import static com.csmflow.escalation.EscalationProcess.BREACHED_BUSINESS_KEY;
import static com.csmflow.escalation.EscalationProcess.BREACHED_METRIC;
import static com.csmflow.escalation.EscalationProcess.JOINED_BREACH_BUSINESS_KEY;
import static com.csmflow.escalation.EscalationProcess.JOINED_BREACH_METRIC;
import static com.csmflow.escalation.EscalationProcess.JOINED_BREACH_SUMMARY;
import static com.csmflow.escalation.EscalationProcess.OPEN_ESCALATION_REFERENCE;
import static com.csmflow.escalation.EscalationProcess.SLA_BREACH_JOINED_MESSAGE;
import static com.csmflow.escalation.EscalationProcess.SUMMARY;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Join the open escalation": hands this breach to the open escalation of the same case through the
 * message {@code sla-breach-joined} (its event sub-process records it and tells the CSM). Runs in this
 * instance's transaction, so the breach is either joined or still waiting here for a retry.
 */
@Component("joinOpenEscalation")
class JoinOpenEscalationDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        String open = OPEN_ESCALATION_REFERENCE.get(execution);
        execution
                .getProcessEngineServices()
                .getRuntimeService()
                .createMessageCorrelation(SLA_BREACH_JOINED_MESSAGE)
                .processInstanceBusinessKey(open)
                .setVariables(Map.of(
                        JOINED_BREACH_BUSINESS_KEY.name(), String.valueOf(BREACHED_BUSINESS_KEY.get(execution)),
                        JOINED_BREACH_METRIC.name(), String.valueOf(BREACHED_METRIC.get(execution)),
                        JOINED_BREACH_SUMMARY.name(), String.valueOf(SUMMARY.get(execution))))
                .correlate();
    }
}
