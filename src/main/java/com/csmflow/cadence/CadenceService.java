package com.csmflow.cadence;

import com.csmflow.api.NotFoundException;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.register.BusinessKeys;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts and ends a client's cadence: one {@code client-cadence} instance per client while it has a service.
 * Starting again while one runs answers the running one (idempotent); ending correlates
 * {@value CadenceProcess#MESSAGE_SERVICE_ENDED} to it by its business key.
 */
@Service
public class CadenceService {

    private static final Logger log = LoggerFactory.getLogger(CadenceService.class);

    private final ClientCadenceRepository cadences;
    private final Clients clients;
    private final BusinessKeys businessKeys;
    private final RuntimeService runtimeService;
    private final EngineIdentity engineIdentity;
    private final RegisterAudit audit;
    private final Clock clock;

    CadenceService(
            ClientCadenceRepository cadences,
            Clients clients,
            BusinessKeys businessKeys,
            RuntimeService runtimeService,
            EngineIdentity engineIdentity,
            RegisterAudit audit,
            Clock clock) {
        this.cadences = cadences;
        this.clients = clients;
        this.businessKeys = businessKeys;
        this.runtimeService = runtimeService;
        this.engineIdentity = engineIdentity;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The client's running cadence, or a new one (reference CAD-...). Runs in the caller's transaction (the
     * onboarding's step), so the cadence starts only if the step commits.
     */
    @Transactional
    public String startFor(String clientReference, boolean continuityTestAgreed, String startedBy) {
        Optional<ClientCadence> running = cadences.findActive(clientReference);
        if (running.isPresent()) {
            log.info(
                    "Client {} already has cadence {}: not started again",
                    clientReference,
                    running.get().getReference());
            return running.get().getReference();
        }
        String reference = businessKeys.next("CAD");
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(CaseVariables.CLIENT_REFERENCE.name(), clientReference);
        variables.put(CadenceProcess.CONTINUITY_TEST_AGREED.name(), continuityTestAgreed);
        variables.put(CadenceProcess.STARTED_BY.name(), startedBy);
        engineIdentity.asPlatform(() -> runtimeService
                .createProcessInstanceByKey(CadenceProcess.KEY)
                .businessKey(reference)
                .setVariables(variables)
                .execute());
        return reference;
    }

    /** Whether the client has had a cadence that runs now. */
    @Transactional(readOnly = true)
    public Optional<ClientCadence> active(String clientReference) {
        return cadences.findActive(clientReference);
    }

    /**
     * Ends the client's cadence, if one runs: its instance gets {@value CadenceProcess#MESSAGE_SERVICE_ENDED}
     * and closes the register row itself. A row whose instance is gone is closed here. Empty when none ran.
     */
    @Transactional
    public Optional<String> endFor(String clientReference, String reason) {
        Optional<ClientCadence> running = cadences.findActive(clientReference);
        if (running.isEmpty()) {
            return Optional.empty();
        }
        ClientCadence cadence = running.get();
        boolean waiting = engineIdentity.asPlatform(() -> runtimeService
                        .createExecutionQuery()
                        .processInstanceBusinessKey(cadence.getReference())
                        .messageEventSubscriptionName(CadenceProcess.MESSAGE_SERVICE_ENDED)
                        .count()
                > 0);
        if (waiting) {
            engineIdentity.asPlatform(() -> runtimeService
                    .createMessageCorrelation(CadenceProcess.MESSAGE_SERVICE_ENDED)
                    .processInstanceBusinessKey(cadence.getReference())
                    .setVariable(CadenceProcess.END_REASON.name(), reason)
                    .correlateWithResult());
        } else {
            Map<String, Object> before = cadence.auditView();
            cadence.end(reason, clock.instant());
            audit.record(
                    CadenceStepDelegate.REGISTER,
                    cadence.getReference(),
                    RegisterAudit.UPDATE,
                    before,
                    cadence.auditView());
        }
        return Optional.of(cadence.getReference());
    }

    /** For the API: the client (404 when unknown or retired) and its running cadence (404 when none). */
    @Transactional
    public String endByRequest(String clientReference, String reason) {
        Client client = client(clientReference);
        return endFor(client.getReference(), reason)
                .orElseThrow(() -> new NotFoundException("Cadence of client", client.getReference()));
    }

    @Transactional(readOnly = true)
    ClientCadence activeOrNotFound(String clientReference) {
        Client client = client(clientReference);
        return cadences.findActive(client.getReference())
                .orElseThrow(() -> new NotFoundException("Cadence of client", client.getReference()));
    }

    private Client client(String clientReference) {
        return clients.findByReference(
                        clientReference == null ? "" : clientReference.trim().toUpperCase(Locale.ROOT))
                .filter(found -> !found.isRetired())
                .orElseThrow(() -> new NotFoundException("Client", clientReference));
    }
}
