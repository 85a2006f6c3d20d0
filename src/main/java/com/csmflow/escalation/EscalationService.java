package com.csmflow.escalation;

import com.csmflow.api.ConflictException;
import com.csmflow.api.ListFilters;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.register.BusinessKeys;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the REST API does with escalations. The caller's role is checked by the API access rules (security) on the
 * controller; the engine calls then run without engine authorization checks (a client system's account
 * holds no process permissions), with the caller still recorded as the engine's current user.
 */
@Service
class EscalationService {

    private final EscalationRepository escalations;
    private final EscalationEventRepository events;
    private final Clients activeClients;
    private final BusinessKeys businessKeys;
    private final RuntimeService runtimeService;
    private final EngineIdentity engineIdentity;

    EscalationService(
            EscalationRepository escalations,
            EscalationEventRepository events,
            Clients activeClients,
            BusinessKeys businessKeys,
            RuntimeService runtimeService,
            EngineIdentity engineIdentity) {
        this.engineIdentity = engineIdentity;
        this.escalations = escalations;
        this.events = events;
        this.activeClients = activeClients;
        this.businessKeys = businessKeys;
        this.runtimeService = runtimeService;
    }

    /** Starts the workflow; its first steps write the register row in this transaction. */
    @Transactional
    EscalationView raise(EscalationRequests.Raise request) {
        String clientReference =
                activeClients.require(request.clientReference()).getReference();
        String reference = businessKeys.next("ESC");
        Map<String, Object> variables = new HashMap<>();
        variables.put(CaseVariables.CLIENT_REFERENCE.name(), clientReference);
        variables.put(EscalationProcess.SUBJECT.name(), request.subject());
        variables.put(EscalationProcess.DESCRIPTION.name(), request.description());
        variables.put(EscalationProcess.REPORTED_IMPACT.name(), request.reportedImpact());
        variables.put(EscalationProcess.CONTACT_NAME.name(), request.contactName());
        variables.put(EscalationProcess.CONTACT_EMAIL.name(), request.contactEmail());
        variables.put(EscalationProcess.SOURCE.name(), "client");
        variables.put(EscalationProcess.CATEGORY.name(), request.category());
        variables.put(EscalationProcess.RAISED_BY.name(), currentUser());
        engineIdentity.asPlatform(
                () -> runtimeService.startProcessInstanceByKey(EscalationProcess.KEY, reference, variables));
        return get(reference);
    }

    /** The client's information arrived: resumes the paused resolution clock. */
    @Transactional
    EscalationView clientResponse(String reference, EscalationRequests.ClientResponse request) {
        Escalation escalation = find(reference);
        correlate(
                escalation,
                EscalationProcess.CLIENT_RESPONSE_MESSAGE,
                Map.of(EscalationProcess.CLIENT_RESPONSE.name(), request.message()),
                "is not waiting for information from the client");
        return get(reference);
    }

    /** The client confirms the resolution or reopens the escalation. */
    @Transactional
    EscalationView clientConfirmation(String reference, EscalationRequests.ClientConfirmation request) {
        Escalation escalation = find(reference);
        Map<String, Object> variables = new HashMap<>();
        variables.put(EscalationProcess.CLIENT_CONFIRMED.name(), request.confirmed());
        variables.put(EscalationProcess.CLIENT_COMMENT.name(), request.comment());
        correlate(
                escalation,
                EscalationProcess.CLIENT_ANSWER_MESSAGE,
                variables,
                "is not waiting for the client to confirm a resolution");
        return get(reference);
    }

    @Transactional(readOnly = true)
    EscalationView get(String reference) {
        Escalation escalation = find(reference);
        return EscalationView.of(escalation, events.findByEscalationIdOrderByOccurredAtAscIdAsc(escalation.getId()));
    }

    @Transactional(readOnly = true)
    Page<EscalationView> list(String clientReference, EscalationStatus status, PageParameters page) {
        // newest first; the id breaks ties so that pages never overlap
        return escalations
                .findAll(
                        ListFilters.<Escalation>allOf(
                                ListFilters.equal("clientReference", clientReference),
                                ListFilters.equal("status", status)),
                        page.sortedBy(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"))))
                .map(escalation -> EscalationView.of(escalation, null));
    }

    private Escalation find(String reference) {
        return escalations.findByReference(reference).orElseThrow(() -> new NotFoundException("escalation", reference));
    }

    /**
     * Delivers a client message to the one instance waiting for it. No waiting subscription (a duplicate,
     * or the escalation is in another state) is a 409 and nothing changes.
     */
    private void correlate(Escalation escalation, String message, Map<String, Object> variables, String conflict) {
        String processInstanceId = escalation.getOrigin().getProcessInstanceId();
        boolean waiting = engineIdentity.asPlatform(() -> runtimeService
                        .createEventSubscriptionQuery()
                        .eventType("message")
                        .eventName(message)
                        .processInstanceId(processInstanceId)
                        .count())
                > 0;
        if (!waiting) {
            throw new ConflictException("Escalation " + escalation.getReference() + " " + conflict);
        }
        try {
            engineIdentity.asPlatform(() -> runtimeService
                    .createMessageCorrelation(message)
                    .processInstanceBusinessKey(escalation.getReference())
                    .setVariables(variables)
                    .correlateWithResult());
        } catch (MismatchingMessageCorrelationException | OptimisticLockingException raced) {
            // a simultaneous identical message won: the engine refused the second one at flush time
            throw new ConflictException("Escalation " + escalation.getReference() + " " + conflict);
        }
    }

    private String currentUser() {
        return engineIdentity.currentUserId();
    }
}
