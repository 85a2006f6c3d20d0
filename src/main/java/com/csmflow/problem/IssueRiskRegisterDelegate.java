package com.csmflow.problem;

import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.InvalidInputException;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Clients;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.forms.FormDates;
import com.csmflow.register.ProcessOrigin;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The register steps of {@code issue-risk}, input {@code step}:
 * <ul>
 *   <li>{@code OPENED}: an entry raised through the API (row and business key exist) or handed over by a
 *       SIP action ({@code riskReference}) is linked; one raised from the Tasklist start form is written
 *       here and its reference becomes the business key. Sets the review instant.</li>
 *   <li>{@code REVIEWED}: the review keeps the entry open until {@code nextReviewDate}.</li>
 *   <li>{@code CLOSED}: the review closes it.</li>
 * </ul>
 */
@Component("issueRiskRegister")
class IssueRiskRegisterDelegate implements InputReadingDelegate {

    static final String STEP = "step";

    private final RiskRepository risks;
    private final IssueRisks issueRisks;
    private final Clients clients;
    private final RegisterAudit audit;
    private final Clock clock;
    private final EngineIdentity engineIdentity;

    IssueRiskRegisterDelegate(
            RiskRepository risks,
            IssueRisks issueRisks,
            Clients clients,
            RegisterAudit audit,
            Clock clock,
            EngineIdentity engineIdentity) {
        this.risks = risks;
        this.issueRisks = issueRisks;
        this.clients = clients;
        this.audit = audit;
        this.clock = clock;
        this.engineIdentity = engineIdentity;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String step = DelegateInputs.read(execution, Set.of(STEP)).requiredText(STEP);
        if ("OPENED".equals(step)) {
            open(execution);
            return;
        }
        Risk risk = risks.findByReference(execution.getProcessBusinessKey())
                .orElseThrow(() -> new IllegalStateException(
                        "No issues and risk register entry " + execution.getProcessBusinessKey()));
        Map<String, Object> before = risk.auditView();
        String comment = IssueRiskProcess.REVIEW_COMMENT.get(execution);
        switch (step) {
            case "REVIEWED" -> {
                LocalDate next = FormDates.required(
                        IssueRiskProcess.NEXT_REVIEW_DATE.get(execution),
                        IssueRiskProcess.NEXT_REVIEW_DATE.name(),
                        "to keep the entry open");
                if (!next.isAfter(LocalDate.ofInstant(clock.instant(), zone(risk)))) {
                    throw new InvalidInputException(IssueRiskProcess.NEXT_REVIEW_DATE.name(), "must be after today");
                }
                risk.reviewed(next, comment, engineIdentity.currentUserId());
                setReviewAt(execution, risk);
            }
            case "CLOSED" -> risk.close(comment, engineIdentity.currentUserId(), clock.instant());
            default -> throw new IllegalArgumentException("Unknown issues and risk register step '" + step + "'");
        }
        IssueRiskProcess.STATUS.set(execution, risk.getStatus());
        audit.record(
                execution,
                IssueRisks.REGISTER,
                risk.getReference(),
                "CLOSED".equals(step) ? "CLOSE" : RegisterAudit.UPDATE,
                before,
                risk.auditView());
    }

    private void open(DelegateExecution execution) {
        String reference = execution.getProcessBusinessKey() != null
                ? execution.getProcessBusinessKey()
                : IssueRiskProcess.RISK_REFERENCE.get(execution);
        Risk risk = reference == null ? null : risks.findByReference(reference).orElse(null);
        if (reference != null && risk == null) {
            throw new IllegalStateException("No issues and risk register entry " + reference);
        }
        if (risk == null) {
            try {
                risk = issueRisks.raise(
                        CLIENT_REFERENCE.get(execution),
                        IssueRiskProcess.ENTRY_TYPE.get(execution),
                        IssueRiskProcess.DESCRIPTION.get(execution),
                        IssueRiskProcess.OWNER.get(execution),
                        FormDates.required(
                                IssueRiskProcess.REVIEW_DATE.get(execution),
                                IssueRiskProcess.REVIEW_DATE.name(),
                                "for every entry"),
                        ProcessOrigin.of(execution));
            } catch (InvalidFieldException invalid) {
                // the API's rules, refused on the start form as a 400 naming the field
                throw InvalidInputException.of(invalid);
            }
        } else {
            risk.linkProcess(ProcessOrigin.of(execution));
        }
        if (execution.getProcessBusinessKey() == null) {
            execution.setProcessBusinessKey(risk.getReference());
        }
        IssueRiskProcess.RISK_REFERENCE.set(execution, risk.getReference());
        CLIENT_REFERENCE.set(execution, risk.getClientReference());
        IssueRiskProcess.ENTRY_TYPE.set(execution, risk.getEntryType());
        IssueRiskProcess.DESCRIPTION.set(execution, risk.getDescription());
        IssueRiskProcess.OWNER.set(execution, risk.getOwner());
        IssueRiskProcess.STATUS.set(execution, risk.getStatus());
        setReviewAt(execution, risk);
    }

    private void setReviewAt(DelegateExecution execution, Risk risk) {
        IssueRiskProcess.REVIEW_DATE.set(execution, risk.getReviewDate().toString());
        IssueRiskProcess.REVIEW_AT.set(
                execution,
                Date.from(risk.getReviewDate().atStartOfDay(zone(risk)).toInstant()));
    }

    private ZoneId zone(Risk risk) {
        return clients.findByReference(risk.getClientReference())
                .map(client -> client.getTimeZone())
                .orElse(ZoneOffset.UTC);
    }
}
