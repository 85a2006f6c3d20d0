package com.csmflow.problem;

import com.csmflow.api.InvalidInputException;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.engine.ProcessVariable;
import com.csmflow.forms.FormDates;
import com.csmflow.forms.FormOptions;
import com.csmflow.register.BusinessKeys;
import com.csmflow.register.ProcessOrigin;
import com.csmflow.security.RoleGroup;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The register steps of the SIP action follow-up ({@code sip-action}), input {@code step}:
 * <ul>
 *   <li>{@code LOAD}: reads the action named by {@code sipActionReference} into the variables the model
 *       needs: owner (assignee {@code sipOwnerUser}, candidate group {@code sipCandidateGroups}), the
 *       instant it becomes overdue ({@code sipTargetAt}: the end of the target day in the client's time
 *       zone) and the reminder ({@code sipReminderAt}, {@value #REMINDER_DAYS} days earlier).</li>
 *   <li>{@code OVERDUE}: marks it overdue.</li>
 *   <li>{@code DONE}: records completion with the evidence ({@code actionEvidence}).</li>
 *   <li>{@code RISK_ACCEPTED}: writes the issues and risk register entry (owner {@code riskOwner}, review
 *       date {@code riskReviewDate}) and settles the action with it.</li>
 * </ul>
 */
@Component("sipActionStep")
class SipActionStepDelegate implements InputReadingDelegate {

    static final String STEP = "step";
    static final int REMINDER_DAYS = 3;
    static final String RISK_REGISTER = "risk";

    private final SipActionRepository actions;
    private final RiskRepository risks;
    private final Clients clients;
    private final BusinessKeys businessKeys;
    private final RegisterAudit audit;
    private final Clock clock;
    private final EngineIdentity engineIdentity;
    private final FormOptions people;

    SipActionStepDelegate(
            SipActionRepository actions,
            RiskRepository risks,
            Clients clients,
            BusinessKeys businessKeys,
            RegisterAudit audit,
            Clock clock,
            EngineIdentity engineIdentity,
            FormOptions people) {
        this.people = people;
        this.engineIdentity = engineIdentity;
        this.clock = clock;
        this.actions = actions;
        this.risks = risks;
        this.clients = clients;
        this.businessKeys = businessKeys;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String step = DelegateInputs.read(execution, Set.of(STEP)).requiredText(STEP);
        String reference = SipActionProcess.SIP_ACTION_REFERENCE.get(execution);
        SipAction action = actions.findByReference(reference)
                .orElseThrow(() -> new IllegalStateException("No SIP action " + reference));
        Map<String, Object> before = action.auditView();
        switch (step) {
            case "LOAD" -> {
                load(execution, action);
                return;
            }
            case "OVERDUE" -> action.markOverdue();
            case "DONE" -> action.complete(SipActionProcess.ACTION_EVIDENCE.get(execution), clock.instant());
            case "RISK_ACCEPTED" -> {
                if (action.getRiskReference() == null) {
                    Risk risk = risks.save(new Risk(
                            businessKeys.next("RSK"),
                            action.getClientReference(),
                            "sip-action",
                            action.getReference(),
                            riskDescription(execution, action),
                            riskOwner(execution),
                            reviewDate(execution),
                            currentUser(),
                            clock.instant(),
                            ProcessOrigin.of(execution)));
                    audit.record(
                            execution,
                            RISK_REGISTER,
                            risk.getReference(),
                            RegisterAudit.CREATE,
                            Map.of(),
                            risk.auditView());
                    action.acceptAsRisk(risk.getReference(), clock.instant());
                    SipActionProcess.RISK_REFERENCE.set(execution, risk.getReference());
                }
            }
            default -> throw new IllegalArgumentException("Unknown SIP action step '" + step + "'");
        }
        SipActionProcess.STATUS.set(execution, action.getStatus());
        audit.record(
                execution,
                SipActions.REGISTER,
                action.getReference(),
                RegisterAudit.UPDATE,
                before,
                action.auditView());
    }

    private void load(DelegateExecution execution, SipAction action) {
        ZoneId zone = clients.findByReference(action.getClientReference())
                .map(client -> client.getTimeZone())
                .orElse(ZoneOffset.UTC);
        Instant targetAt = action.getTargetDate().plusDays(1).atStartOfDay(zone).toInstant();
        Instant reminderAt = targetAt.minus(java.time.Duration.ofDays(REMINDER_DAYS));
        CaseVariables.CLIENT_REFERENCE.set(execution, action.getClientReference());
        SipActionProcess.DESCRIPTION.set(execution, action.getDescription());
        SipActionProcess.SOURCE_REFERENCE.set(execution, action.getSourceReference());
        SipActionProcess.OWNER_USER.set(execution, action.getOwnerUser());
        SipActionProcess.CANDIDATE_GROUPS.set(
                execution, action.getOwnerGroup() != null ? action.getOwnerGroup() : RoleGroup.CSM.id());
        SipActionProcess.TARGET_DATE.set(execution, action.getTargetDate().toString());
        SipActionProcess.TARGET_AT.set(execution, Date.from(targetAt));
        SipActionProcess.REMINDER_AT.set(execution, Date.from(reminderAt));
        SipActionProcess.STATUS.set(execution, action.getStatus());
    }

    private static String riskDescription(DelegateExecution execution, SipAction action) {
        String text = SipActionProcess.RISK_DESCRIPTION.get(execution);
        return text == null || text.isBlank() ? "Not implemented: " + action.getDescription() : text;
    }

    private static String requiredText(DelegateExecution execution, ProcessVariable<?> variable) {
        Object value = variable.get(execution);
        String text = value == null ? null : value.toString();
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(variable.name(), "is required to accept a risk");
        }
        return text.trim();
    }

    /** The review date, a form date field: {@code yyyy-mm-dd}, also accepted with a time part. */
    private static LocalDate reviewDate(DelegateExecution execution) {
        ProcessVariable<Object> variable = SipActionProcess.RISK_REVIEW_DATE;
        return FormDates.required(variable.get(execution), variable.name(), "to accept a risk");
    }

    /** A manager owns an accepted risk: the form offers only managers ({@code managerOptions}). */
    private String riskOwner(DelegateExecution execution) {
        String owner = requiredText(execution, SipActionProcess.RISK_OWNER).strip();
        if (!people.isMemberOfAny(owner, FormOptions.MANAGER_GROUPS)) {
            throw new InvalidInputException(
                    SipActionProcess.RISK_OWNER.name(),
                    "'" + owner + "' is not a manager (groups service-manager, delivery-manager, dc-head)");
        }
        return owner;
    }

    private String currentUser() {
        return engineIdentity.currentUserId();
    }
}
