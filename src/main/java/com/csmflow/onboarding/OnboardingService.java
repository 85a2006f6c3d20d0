package com.csmflow.onboarding;

import com.csmflow.api.ConflictException;
import com.csmflow.api.NotFoundException;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.register.BusinessKeys;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starts a client's onboarding from the API. */
@Service
class OnboardingService {

    private final Clients clients;
    private final BusinessKeys businessKeys;
    private final RuntimeService runtimeService;
    private final EngineIdentity engineIdentity;
    private final ClientOnboardingRepository onboardings;

    OnboardingService(
            Clients clients,
            BusinessKeys businessKeys,
            RuntimeService runtimeService,
            EngineIdentity engineIdentity,
            ClientOnboardingRepository onboardings) {
        this.onboardings = onboardings;
        this.clients = clients;
        this.businessKeys = businessKeys;
        this.runtimeService = runtimeService;
        this.engineIdentity = engineIdentity;
    }

    record Started(String reference, String clientReference, String processInstanceId) {}

    /**
     * One onboarding per client at a time (409 otherwise). The first step checks the figures in this
     * transaction, so a refusal (400 naming the field) leaves no instance behind.
     */
    @Transactional
    Started start(String clientReference, OnboardingController.OnboardingBody body) {
        Client client = clients.findByReference(
                        clientReference == null ? "" : clientReference.trim().toUpperCase(Locale.ROOT))
                .filter(found -> !found.isRetired())
                .orElseThrow(() -> new NotFoundException("Client", clientReference));
        if (!onboardings
                .findByClientReferenceAndStatus(client.getReference(), ClientOnboarding.Status.OPEN)
                .isEmpty()) {
            throw new ConflictException("Client " + client.getReference() + " is already being onboarded");
        }
        String reference = businessKeys.next("ONB");
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(CaseVariables.CLIENT_REFERENCE.name(), client.getReference());
        variables.put(OnboardingProcess.MONTHLY_SPEND.name(), body.monthlySpend());
        variables.put(OnboardingProcess.TECHNOLOGY_GROUPS.name(), body.technologyGroups());
        variables.put(OnboardingProcess.DEVICE_COUNT.name(), body.deviceCount());
        variables.put(OnboardingProcess.CONTINUITY_AGREED.name(), Boolean.TRUE.equals(body.continuityAgreed()));
        variables.put(OnboardingProcess.DOCUMENTATION_DUE.name(), body.documentationDue());
        variables.put(OnboardingProcess.DOCUMENTATION_REMINDER.name(), body.documentationReminder());
        ProcessInstance instance = engineIdentity.asPlatform(() -> runtimeService
                .createProcessInstanceByKey(OnboardingProcess.KEY)
                .businessKey(reference)
                .setVariables(variables)
                .execute());
        return new Started(reference, client.getReference(), instance.getId());
    }
}
