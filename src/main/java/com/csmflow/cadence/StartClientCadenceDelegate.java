package com.csmflow.cadence;

import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;

import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.InputReadingDelegate;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * "Start the client's cadence" for another workflow (the end of {@code client-onboarding}): the client of
 * the calling case ({@code clientReference}) gets its {@code client-cadence}, unless one already runs. Input
 * {@code continuityAgreed} (optional, a boolean): whether the yearly continuity test applies; the calling
 * case's business key is recorded as what started the cadence.
 */
@Component("startClientCadence")
class StartClientCadenceDelegate implements InputReadingDelegate {

    static final String CONTINUITY_AGREED = "continuityAgreed";

    private final CadenceService cadences;

    StartClientCadenceDelegate(CadenceService cadences) {
        this.cadences = cadences;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object continuity =
                DelegateInputs.read(execution, Set.of(CONTINUITY_AGREED)).get(CONTINUITY_AGREED);
        String client = CLIENT_REFERENCE.text(execution);
        if (client == null) {
            throw new IllegalStateException(
                    "Case " + execution.getProcessBusinessKey() + " has no client: no cadence to start");
        }
        String reference = cadences.startFor(
                client,
                Boolean.TRUE.equals(continuity) || "true".equalsIgnoreCase(String.valueOf(continuity)),
                execution.getProcessBusinessKey());
        execution.setVariable("cadenceReference", reference);
    }
}
