package com.csmflow.onboarding;

import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;

import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.client.Contract;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.register.BusinessKeys;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Start the client's onboarding if the client is new", on the go decision of {@code service-request}: a
 * client with no onboarding in the register, open or closed, gets a {@code client-onboarding} (ONB-...),
 * started in the go decision's transaction; otherwise nothing happens, so a retried step or a second service
 * of the same client starts no second onboarding.
 * <p>
 * The hour tier's figures come from the calling case when it has them ({@code monthlySpend},
 * {@code technologyGroups}, {@code deviceCount}, {@code continuityAgreed}); otherwise the technology groups
 * are those of the client's latest contract and spend and devices are 0, so the CSM checks the recommended
 * tier against the signed contract at "Confirm or overrule the hour tier" and overrules it with the reason.
 */
@Component("startOnboardingIfNew")
class OnboardingOnGoDelegate implements InputReadingDelegate {

    private static final Logger log = LoggerFactory.getLogger(OnboardingOnGoDelegate.class);

    private final ClientOnboardingRepository onboardings;
    private final Clients clients;
    private final BusinessKeys businessKeys;
    private final RuntimeService runtimeService;
    private final EngineIdentity engineIdentity;

    OnboardingOnGoDelegate(
            ClientOnboardingRepository onboardings,
            Clients clients,
            BusinessKeys businessKeys,
            RuntimeService runtimeService,
            EngineIdentity engineIdentity) {
        this.onboardings = onboardings;
        this.clients = clients;
        this.businessKeys = businessKeys;
        this.runtimeService = runtimeService;
        this.engineIdentity = engineIdentity;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String clientReference = CLIENT_REFERENCE.text(execution);
        Client client = clients.findByReference(clientReference == null ? "" : clientReference)
                .orElseThrow(() -> new IllegalStateException(
                        "Case " + execution.getProcessBusinessKey() + " names no client in the register"));
        boolean known = !onboardings
                        .findByClientReferenceAndStatus(client.getReference(), ClientOnboarding.Status.OPEN)
                        .isEmpty()
                || !onboardings
                        .findByClientReferenceAndStatus(client.getReference(), ClientOnboarding.Status.CLOSED)
                        .isEmpty();
        if (known) {
            return;
        }
        String reference = businessKeys.next("ONB");
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(CLIENT_REFERENCE.name(), client.getReference());
        variables.put(
                OnboardingProcess.MONTHLY_SPEND.name(), number(execution, OnboardingProcess.MONTHLY_SPEND.name(), 0));
        variables.put(
                OnboardingProcess.TECHNOLOGY_GROUPS.name(),
                number(execution, OnboardingProcess.TECHNOLOGY_GROUPS.name(), contractGroups(client)));
        variables.put(
                OnboardingProcess.DEVICE_COUNT.name(), number(execution, OnboardingProcess.DEVICE_COUNT.name(), 0));
        variables.put(
                OnboardingProcess.CONTINUITY_AGREED.name(),
                Boolean.TRUE.equals(execution.getVariable(OnboardingProcess.CONTINUITY_AGREED.name())));
        variables.put(CaseVariables.SOURCE_BUSINESS_KEY.name(), execution.getProcessBusinessKey());
        variables.put(CaseVariables.SOURCE_PROCESS_INSTANCE_ID.name(), execution.getProcessInstanceId());
        engineIdentity.asPlatform(() -> runtimeService
                .createProcessInstanceByKey(OnboardingProcess.KEY)
                .businessKey(reference)
                .setVariables(variables)
                .execute());
        execution.setVariable("onboardingReference", reference);
        log.info(
                "Go on {}: client {} is new, onboarding {} started",
                execution.getProcessBusinessKey(),
                client.getReference(),
                reference);
    }

    /** The technology groups of the client's latest contract, 1 to 20. */
    private static long contractGroups(Client client) {
        return client.getContracts().stream()
                .max(Comparator.comparing(Contract::getTermEnd))
                .map(contract ->
                        (long) Math.max(1, Math.min(20, contract.getServices().size())))
                .orElse(1L);
    }

    private static Number number(DelegateExecution execution, String name, long fallback) {
        Object value = execution.getVariable(name);
        return value instanceof Number number ? number : fallback;
    }
}
