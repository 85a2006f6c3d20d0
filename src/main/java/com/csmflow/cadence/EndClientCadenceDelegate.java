package com.csmflow.cadence;

import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;

import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.InputReadingDelegate;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * "End the client's cadence" for another workflow (the end of a service in {@code service-request}): when
 * input {@code when} is true (e.g. {@code ${lastServiceOfClient}}: the client has no other active service),
 * the client's running cadence gets {@value CadenceProcess#MESSAGE_SERVICE_ENDED} with input {@code reason}.
 * No running cadence: nothing to do.
 */
@Component("endClientCadence")
class EndClientCadenceDelegate implements InputReadingDelegate {

    static final String WHEN = "when";
    static final String REASON = "reason";

    private final CadenceService cadences;

    EndClientCadenceDelegate(CadenceService cadences) {
        this.cadences = cadences;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DelegateInputs inputs = DelegateInputs.read(execution, Set.of(WHEN, REASON));
        Object when = inputs.get(WHEN);
        if (when != null && !Boolean.TRUE.equals(when) && !"true".equalsIgnoreCase(String.valueOf(when))) {
            return;
        }
        String client = CLIENT_REFERENCE.text(execution);
        if (client == null) {
            return;
        }
        String reason = inputs.text(REASON);
        cadences.endFor(
                client,
                reason == null
                        ? "The last service of the client ended (" + execution.getProcessBusinessKey() + ")."
                        : reason);
    }
}
