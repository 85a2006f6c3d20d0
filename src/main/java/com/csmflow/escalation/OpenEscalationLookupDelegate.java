package com.csmflow.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Find an open escalation of the breached case": an SLA breach of a case that already has an open
 * (not closed) escalation joins it. Writes {@code openEscalationReference} (null when there is none).
 */
@Component("openEscalationLookup")
class OpenEscalationLookupDelegate implements JavaDelegate {

    private final EscalationRepository escalations;

    OpenEscalationLookupDelegate(EscalationRepository escalations) {
        this.escalations = escalations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String breachedKey = EscalationProcess.BREACHED_BUSINESS_KEY.get(execution);
        String open = breachedKey == null
                ? null
                : escalations
                        .findByBreachedBusinessKeyAndStatusNotOrderByRaisedAtAsc(breachedKey, EscalationStatus.CLOSED)
                        .stream()
                        .findFirst()
                        .map(Escalation::getReference)
                        .orElse(null);
        EscalationProcess.OPEN_ESCALATION_REFERENCE.set(execution, open);
    }
}
