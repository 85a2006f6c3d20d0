package com.csmflow.escalation;

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

    static final String MESSAGE = "sla-breach-joined";

    @Override
    public void execute(DelegateExecution execution) {
        String open = (String) execution.getVariable("openEscalationReference");
        execution.getProcessEngineServices().getRuntimeService().createMessageCorrelation(MESSAGE)
                .processInstanceBusinessKey(open)
                .setVariables(Map.of(
                        "joinedBreachBusinessKey", String.valueOf(execution.getVariable("breachedBusinessKey")),
                        "joinedBreachMetric", String.valueOf(execution.getVariable("breachedMetric")),
                        "joinedBreachSummary", String.valueOf(execution.getVariable("summary"))))
                .correlate();
    }
}
