package com.csmflow.servicedesk;

import static com.csmflow.servicedesk.ServiceDeskRequestProcess.DATA_CORRECTION;
import static com.csmflow.servicedesk.ServiceDeskRequestProcess.DATA_CORRECTION_TICKET;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.InvalidInputException;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.engine.InputReadingDelegate;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Raises a data-correction ticket (002 configuration management: wrong client data is corrected through a
 * help desk ticket): a service desk request of category {@code DATA_CORRECTION} for the case's client, the
 * text of {@code dataCorrection} as its description, the user who found the error (the one completing the
 * task before this step) as requester. Leaves the ticket's reference in {@code dataCorrectionTicket}. Used by
 * the cadence's account review ({@code bpmn/client-cadence.bpmn#Task_RaiseDataCorrection}).
 */
@Component("raiseDataCorrectionTicket")
class DataCorrectionTicketDelegate implements InputReadingDelegate {

    private final ServiceDeskRequests requests;
    private final EngineIdentity engineIdentity;
    private final IdentityService identityService;

    DataCorrectionTicketDelegate(
            ServiceDeskRequests requests, EngineIdentity engineIdentity, IdentityService identityService) {
        this.requests = requests;
        this.engineIdentity = engineIdentity;
        this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String correction = DATA_CORRECTION.text(execution);
        if (correction == null) {
            // the step runs in the task's transaction: the refusal keeps the task open, naming the field
            throw new InvalidInputException(DATA_CORRECTION.name(), "say what is wrong in the client's data");
        }
        String userId = engineIdentity.currentUserId();
        User user = userId == null
                ? null
                : identityService.createUserQuery().userId(userId).singleResult();
        if (user == null || user.getEmail() == null || user.getEmail().isBlank()) {
            throw new InvalidInputException(
                    DATA_CORRECTION.name(),
                    "the ticket needs a requester with an e-mail address: complete it as a CSM");
        }
        String client = CaseVariables.CLIENT_REFERENCE.text(execution);
        try {
            ServiceDeskRequest ticket = requests.raise(
                    client,
                    ServiceDeskCategory.DATA_CORRECTION.name(),
                    "P4",
                    "Correct the client data of " + client,
                    correction + "\n\nFound in " + execution.getProcessBusinessKey() + " by " + userId + ".",
                    user.getEmail());
            DATA_CORRECTION_TICKET.set(execution, ticket.getReference());
        } catch (InvalidFieldException invalid) {
            throw InvalidInputException.of(invalid);
        }
    }
}
