package com.csmflow.complaint;

import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;
import static com.csmflow.engine.CaseVariables.PRIORITY;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.InvalidInputException;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.notification.ReaderDates;
import com.csmflow.problem.SipAction;
import com.csmflow.problem.SipActionService;
import com.csmflow.register.ProcessOrigin;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The register steps of {@code complaint}, input {@code step}:
 * <ul>
 *   <li>{@code OPENED}: a complaint raised through the API has its row (business key = reference) and is
 *       linked here; one from the Tasklist start form is written here and its CMP reference becomes the
 *       business key. Sets who handles it: the CSMs, the account managers for commercial and invoice ones.</li>
 *   <li>{@code ACKNOWLEDGED}: who acknowledged it and when.</li>
 *   <li>{@code RESOLVED}: the handler's resolution and follow-up (none, problem, sip); a SIP follow-up needs its
 *       description and a target date from today on (400 naming the field, shown in Tasklist).</li>
 *   <li>{@code SIP}: the SIP action (source {@code complaint}), owned by the handler's group.</li>
 *   <li>{@code PROBLEM}: notes that a problem was requested (the problem gets its own reference).</li>
 *   <li>{@code REOPENED}: the client did not agree; back to handling, the client's words kept.</li>
 *   <li>{@code CLOSED}: closed with the client's agreement.</li>
 * </ul>
 */
@Component("complaintStep")
class ComplaintStepDelegate implements InputReadingDelegate {

    static final String STEP = "step";

    private final ComplaintRepository complaints;
    private final Complaints register;
    private final Clients clients;
    private final RegisterAudit audit;
    private final SipActionService sipActions;
    private final EngineIdentity engineIdentity;
    private final Clock clock;

    ComplaintStepDelegate(
            ComplaintRepository complaints,
            Complaints register,
            Clients clients,
            RegisterAudit audit,
            SipActionService sipActions,
            EngineIdentity engineIdentity,
            Clock clock) {
        this.complaints = complaints;
        this.register = register;
        this.clients = clients;
        this.audit = audit;
        this.sipActions = sipActions;
        this.engineIdentity = engineIdentity;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String step = DelegateInputs.read(execution, Set.of(STEP)).requiredText(STEP);
        switch (step) {
            case "OPENED" -> open(execution);
            case "ACKNOWLEDGED" -> change(execution, "ACKNOWLEDGE", c -> c.acknowledged(user(), clock.instant()));
            case "RESOLVED" -> resolved(execution);
            case "SIP" -> sip(execution);
            case "PROBLEM" -> change(execution, "PROBLEM", c -> {});
            case "REOPENED" ->
                change(execution, "REOPEN", c -> {
                    c.clientAnswered(ComplaintProcess.CLIENT_AGREEMENT_NOTE.get(execution));
                    c.acknowledged(c.getAcknowledgedBy(), c.getAcknowledgedAt());
                });
            case "CLOSED" ->
                change(execution, "CLOSE", c -> {
                    c.clientAnswered(ComplaintProcess.CLIENT_AGREEMENT_NOTE.get(execution));
                    c.closed(clock.instant());
                });
            default -> throw new IllegalArgumentException("Unknown complaint step '" + step + "'");
        }
    }

    private void open(DelegateExecution execution) {
        String reference = execution.getProcessBusinessKey();
        Complaint complaint =
                reference == null ? null : complaints.findByReference(reference).orElse(null);
        if (complaint != null
                && complaint.getOrigin() != null
                && complaint.getOrigin().getProcessInstanceId() != null
                && !complaint.getOrigin().getProcessInstanceId().equals(execution.getProcessInstanceId())) {
            throw new IllegalStateException("Complaint " + reference + " belongs to process instance "
                    + complaint.getOrigin().getProcessInstanceId());
        }
        if (complaint == null) {
            try {
                complaint = register.write(
                        CLIENT_REFERENCE.get(execution),
                        ComplaintProcess.CONTACT.get(execution),
                        ComplaintProcess.CATEGORY.get(execution),
                        PRIORITY.get(execution),
                        ComplaintProcess.DESCRIPTION.get(execution),
                        ProcessOrigin.of(execution));
            } catch (InvalidFieldException invalid) {
                throw InvalidInputException.of(invalid);
            }
            if (reference == null) {
                execution.setProcessBusinessKey(complaint.getReference());
            }
            audit.record(
                    execution,
                    Complaints.REGISTER,
                    complaint.getReference(),
                    RegisterAudit.CREATE,
                    Map.of(),
                    complaint.auditView());
        }
        complaint.linkProcess(ProcessOrigin.of(execution));
        Client client = clients.require(complaint.getClientReference());
        ComplaintProcess.COMPLAINT_REFERENCE.set(execution, complaint.getReference());
        CLIENT_REFERENCE.set(execution, complaint.getClientReference());
        PRIORITY.set(execution, complaint.getPriority());
        ComplaintProcess.CONTACT.set(execution, complaint.getContact());
        ComplaintProcess.CATEGORY.set(execution, complaint.getCategory().name());
        ComplaintProcess.DESCRIPTION.set(execution, complaint.getDescription());
        ComplaintProcess.HANDLER_GROUP.set(execution, complaint.getHandlerGroup());
        // staff read English; the time in the client's zone, named
        ComplaintProcess.RECEIVED_TEXT.set(
                execution, ReaderDates.format(complaint.getCreatedAt(), client.getTimeZone(), "en"));
    }

    private void resolved(DelegateExecution execution) {
        String resolution = ComplaintProcess.RESOLUTION.get(execution);
        if (resolution == null || resolution.isBlank()) {
            throw new InvalidInputException(ComplaintProcess.RESOLUTION.name(), "is required");
        }
        if (resolution.length() > 4000) {
            throw new InvalidInputException(ComplaintProcess.RESOLUTION.name(), "has at most 4000 characters");
        }
        ComplaintFollowUp followUp = followUp(ComplaintProcess.FOLLOW_UP.get(execution));
        if (followUp == ComplaintFollowUp.SIP) {
            sipDescription(execution);
            sipTargetDate(execution);
        }
        ComplaintProcess.FOLLOW_UP.set(execution, followUp.name().toLowerCase(Locale.ROOT));
        change(execution, "RESOLVE", c -> c.resolved(resolution.trim(), followUp, user()));
    }

    private void sip(DelegateExecution execution) {
        Complaint complaint = complaint(execution);
        if (complaint.getFollowUpReference() != null) {
            return;
        }
        SipAction action = sipActions.create(
                complaint.getClientReference(),
                "complaint",
                complaint.getReference(),
                sipDescription(execution),
                complaint.getHandlerGroup(),
                sipTargetDate(execution));
        ComplaintProcess.FOLLOW_UP_REFERENCE.set(execution, action.getReference());
        change(execution, "SIP_ACTION", c -> c.followedUp(action.getReference()));
    }

    private static ComplaintFollowUp followUp(String value) {
        String text = value == null || value.isBlank() ? "NONE" : value.trim().toUpperCase(Locale.ROOT);
        try {
            return ComplaintFollowUp.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(ComplaintProcess.FOLLOW_UP.name(), "must be none, problem or sip");
        }
    }

    private static String sipDescription(DelegateExecution execution) {
        String text = ComplaintProcess.SIP_DESCRIPTION.get(execution);
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(ComplaintProcess.SIP_DESCRIPTION.name(), "is required for a SIP action");
        }
        return text.trim();
    }

    private LocalDate sipTargetDate(DelegateExecution execution) {
        Object value = ComplaintProcess.SIP_TARGET_DATE.get(execution);
        String field = ComplaintProcess.SIP_TARGET_DATE.name();
        LocalDate date;
        if (value instanceof Date given) {
            date = LocalDate.ofInstant(given.toInstant(), ZoneOffset.UTC);
        } else {
            String text = value == null ? "" : value.toString().trim();
            if (text.isEmpty()) {
                throw new InvalidInputException(field, "is required for a SIP action");
            }
            try {
                date = LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(field, "is not a date (yyyy-mm-dd)");
            }
        }
        if (date.isBefore(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
            throw new InvalidInputException(field, "lies in the past");
        }
        return date;
    }

    private void change(DelegateExecution execution, String action, java.util.function.Consumer<Complaint> change) {
        Complaint complaint = complaint(execution);
        Map<String, Object> before = complaint.auditView();
        change.accept(complaint);
        audit.record(execution, Complaints.REGISTER, complaint.getReference(), action, before, complaint.auditView());
    }

    private Complaint complaint(DelegateExecution execution) {
        String reference = ComplaintProcess.COMPLAINT_REFERENCE.get(execution);
        return complaints
                .findByReference(reference)
                .orElseThrow(() -> new IllegalStateException("No complaint " + reference + " in the register"));
    }

    private String user() {
        return engineIdentity.currentUserId();
    }
}
