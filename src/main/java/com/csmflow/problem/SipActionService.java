package com.csmflow.problem;

import com.csmflow.api.ListFilters;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SIP register for every workflow: actions from problems, complaints, surveys or the CSM's own
 * initiative. Each action created here is followed up by its own {@code sip-action} instance.
 */
@Service
public class SipActionService {

    private final SipActionRepository actions;
    private final RiskRepository risks;
    private final RegisterAudit audit;
    private final ProblemService problems;
    private final RuntimeService runtimeService;
    private final SipActions sipActions;
    private final EngineIdentity engineIdentity;

    SipActionService(
            SipActionRepository actions,
            RiskRepository risks,
            RegisterAudit audit,
            ProblemService problems,
            RuntimeService runtimeService,
            SipActions sipActions,
            EngineIdentity engineIdentity) {
        this.engineIdentity = engineIdentity;
        this.sipActions = sipActions;
        this.actions = actions;
        this.risks = risks;
        this.audit = audit;
        this.problems = problems;
        this.runtimeService = runtimeService;
    }

    /** An action from any source; its follow-up starts in the same transaction. */
    @Transactional
    public SipAction create(
            String clientReference,
            String sourceType,
            String sourceReference,
            String description,
            String owner,
            LocalDate targetDate) {
        String client = problems.checkClient(clientReference);
        String type = sourceType == null || sourceType.isBlank()
                ? "csm"
                : sourceType.trim().toLowerCase();
        SipAction action = sipActions.create(
                client, type, ProblemService.blankToNull(sourceReference), description, owner, targetDate, null);
        engineIdentity.asPlatform(() -> runtimeService.startProcessInstanceByKey(
                SipActionProcess.KEY,
                action.getReference(),
                Map.of(
                        SipActionProcess.SIP_ACTION_REFERENCE.name(),
                        action.getReference(),
                        CaseVariables.CLIENT_REFERENCE.name(),
                        client)));
        return action;
    }

    /** An action decided in another workflow's step (e.g. the minutes of a service review). */
    public record StepAction(String description, String owner, LocalDate targetDate) {}

    /**
     * The path problem-rca's "Register SIP actions" takes, for other workflows: each action becomes a SIP row
     * written with the step's process origin and audit (owner a role group or a user, a target date), and
     * its follow-up {@code sip-action} instance starts in the same transaction. Returns the references.
     */
    @Transactional
    public java.util.List<String> createFromStep(
            DelegateExecution execution,
            String clientReference,
            String sourceType,
            java.util.List<StepAction> requested) {
        java.util.List<String> references = new java.util.ArrayList<>();
        for (StepAction step : requested) {
            SipAction action = sipActions.create(
                    clientReference,
                    sourceType,
                    execution.getProcessBusinessKey(),
                    step.description(),
                    step.owner(),
                    step.targetDate(),
                    execution);
            engineIdentity.asPlatform(() -> runtimeService.startProcessInstanceByKey(
                    SipActionProcess.KEY,
                    action.getReference(),
                    Map.of(
                            SipActionProcess.SIP_ACTION_REFERENCE.name(),
                            action.getReference(),
                            CaseVariables.CLIENT_REFERENCE.name(),
                            clientReference)));
            references.add(action.getReference());
        }
        return references;
    }

    @Transactional(readOnly = true)
    public SipAction find(String reference) {
        return actions.findByReference(reference).orElseThrow(() -> new NotFoundException("SIP action", reference));
    }

    @Transactional(readOnly = true)
    public Page<SipAction> list(
            String clientReference, SipActionStatus status, String sourceReference, PageParameters page) {
        // a problem's actions in the order they were registered; otherwise newest first
        Sort order = sourceReference != null ? Sort.by(Sort.Order.asc("id")) : Sort.by(Sort.Order.desc("id"));
        return actions.findAll(
                ListFilters.<SipAction>allOf(
                        ListFilters.equal("clientReference", clientReference),
                        ListFilters.equal("status", status),
                        ListFilters.equal("sourceReference", sourceReference)),
                page.sortedBy(order));
    }

    @Transactional(readOnly = true)
    public Risk findRisk(String reference) {
        return risks.findByReference(reference).orElseThrow(() -> new NotFoundException("risk", reference));
    }

    @Transactional(readOnly = true)
    public Page<Risk> listRisks(
            String clientReference, RiskEntryType entryType, RiskStatus status, PageParameters page) {
        return risks.findAll(
                ListFilters.<Risk>allOf(
                        ListFilters.equal("clientReference", clientReference),
                        ListFilters.equal("entryType", entryType),
                        ListFilters.equal("status", status)),
                page.sortedBy(Sort.by(Sort.Order.desc("id"))));
    }
}
