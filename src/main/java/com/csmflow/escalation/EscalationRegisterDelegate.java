package com.csmflow.escalation;

import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;
import static com.csmflow.engine.CaseVariables.CLIENT_TIER;
import static com.csmflow.engine.CaseVariables.PRIORITY;
import static com.csmflow.escalation.EscalationProcess.*;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.InvalidInputException;
import com.csmflow.api.NotFoundException;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.engine.ProcessVariable;
import com.csmflow.register.BusinessKeys;
import com.csmflow.register.ProcessOrigin;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * "Record in the escalation register": every step of bpmn/escalation.bpmn that changes the register
 * goes through here, named by the input {@code step} (raise, severity, acknowledged, ladder, rungDecision,
 * update, updateLate, pause, resume, resolved, reopened, confirmed, closed, breachJoined, commercial,
 * commercialAnswered); {@code level} names the rung for {@code ladder} and {@code rungDecision}. Writes in the engine's transaction, audits every change, and writes a
 * timeline row at most once per visit of the step, so a retried job does not record twice.
 */
@Component("escalationRegister")
class EscalationRegisterDelegate implements InputReadingDelegate {

    private static final Set<String> INPUTS = Set.of("step", "level");

    static final String REGISTER = "escalation";
    static final Set<String> IMPACTS = Set.of("critical", "high", "medium", "low");
    static final Set<String> CATEGORIES = Set.of("service", "commercial");
    static final String TAKE_OWNERSHIP = "takeOwnership";
    static final Set<String> RUNG_DECISIONS = Set.of(TAKE_OWNERSHIP, "directWork");
    private static final Duration REPEAT_WINDOW = Duration.ofDays(30);

    private final EscalationRepository escalations;
    private final EscalationEventRepository events;
    private final Clients clients;
    private final BusinessKeys businessKeys;
    private final RegisterAudit audit;
    private final Clock clock;
    private final EngineIdentity engineIdentity;
    private final Validator validator;

    EscalationRegisterDelegate(
            EscalationRepository escalations,
            EscalationEventRepository events,
            Clients clients,
            BusinessKeys businessKeys,
            RegisterAudit audit,
            Clock clock,
            EngineIdentity engineIdentity,
            Validator validator) {
        this.engineIdentity = engineIdentity;
        this.clock = clock;
        this.validator = validator;
        this.escalations = escalations;
        this.events = events;
        this.clients = clients;
        this.businessKeys = businessKeys;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DelegateInputs inputs = DelegateInputs.read(execution, INPUTS);
        String step = inputs.requiredText("step");
        String level = inputs.text("level");
        if ("raise".equals(step)) {
            raise(execution);
            return;
        }
        Escalation escalation = escalations
                .findByReference(execution.getProcessBusinessKey())
                .orElseThrow(() -> new NotFoundException("escalation", execution.getProcessBusinessKey()));
        Map<String, Object> before = escalation.snapshot();
        Instant now = clock.instant();
        switch (step) {
            case "severity" -> {
                escalation.setSeverity(SEVERITY.text(execution), PRIORITY.text(execution));
                event(
                        execution,
                        escalation,
                        EscalationEventKind.SEVERITY_SET,
                        null,
                        SEVERITY.text(execution) + " / " + PRIORITY.text(execution));
            }
            case "acknowledged" -> {
                escalation.acknowledge(now, currentUser());
                ACKNOWLEDGED.set(execution, true);
                if (defaultText(ESCALATION_OWNER.text(execution), "").isEmpty()) {
                    ESCALATION_OWNER.set(execution, currentUser());
                }
                event(
                        execution,
                        escalation,
                        EscalationEventKind.ACKNOWLEDGED,
                        null,
                        ACKNOWLEDGEMENT_NOTE.text(execution));
            }
            case "ladder" -> {
                EscalationLevel rung = EscalationLevel.valueOf(level);
                escalation.climbTo(rung);
                event(execution, escalation, EscalationEventKind.LADDER_STEP, rung, LADDER_REASON.text(execution));
            }
            case "rungDecision" -> rungDecision(execution, escalation, EscalationLevel.valueOf(level));
            case "commercial" ->
                event(
                        execution,
                        escalation,
                        EscalationEventKind.COMMERCIAL_QUERY,
                        null,
                        "handed to the account manager");
            case "commercialAnswered" -> {
                escalation.answer(now, COMMERCIAL_ANSWER.text(execution));
                event(
                        execution,
                        escalation,
                        EscalationEventKind.COMMERCIAL_ANSWERED,
                        null,
                        COMMERCIAL_ANSWER.text(execution));
            }
            case "update" ->
                event(execution, escalation, EscalationEventKind.UPDATE_SENT, null, CLIENT_UPDATE.text(execution));
            case "updateLate" -> event(execution, escalation, EscalationEventKind.UPDATE_LATE, null, null);
            case "pause" -> {
                escalation.setStatus(EscalationStatus.WAITING_FOR_CLIENT);
                event(execution, escalation, EscalationEventKind.PAUSED, null, INFORMATION_REQUEST.text(execution));
            }
            case "resume" -> {
                escalation.setStatus(EscalationStatus.ACKNOWLEDGED);
                event(execution, escalation, EscalationEventKind.RESUMED, null, CLIENT_RESPONSE.text(execution));
            }
            case "resolved" -> {
                escalation.resolve(now, RESOLUTION.text(execution));
                event(execution, escalation, EscalationEventKind.RESOLVED, null, RESOLUTION.text(execution));
            }
            case "reopened" -> {
                escalation.reopen();
                event(execution, escalation, EscalationEventKind.REOPENED, null, CLIENT_COMMENT.text(execution));
            }
            case "confirmed" ->
                event(execution, escalation, EscalationEventKind.CONFIRMED, null, CLIENT_COMMENT.text(execution));
            case "closed" -> {
                escalation.close(now, Boolean.TRUE.equals(ROOT_CAUSE_KNOWN.get(execution)), ROOT_CAUSE.text(execution));
                event(execution, escalation, EscalationEventKind.CLOSED, null, CLOSING_SUMMARY.text(execution));
            }
            case "breachJoined" ->
                event(
                        execution,
                        escalation,
                        EscalationEventKind.BREACH_JOINED,
                        null,
                        JOINED_BREACH_BUSINESS_KEY.text(execution) + " missed " + JOINED_BREACH_METRIC.text(execution));
            default -> throw new IllegalArgumentException("Unknown escalation register step '" + step + "'");
        }
        escalations.save(escalation);
        Map<String, Object> after = escalation.snapshot();
        if (!after.equals(before)) {
            audit.record(execution, REGISTER, escalation.getReference(), RegisterAudit.UPDATE, before, after);
        }
    }

    /**
     * A rung's hand-over: the service manager, delivery manager or DC head took ownership or directed the
     * work. The timeline shows it to the levels below; the variables feed the mail to them and to the
     * owner until now.
     */
    private void rungDecision(DelegateExecution execution, Escalation escalation, EscalationLevel rung) {
        String decision = RUNG_DECISION.text(execution);
        if (decision == null || !RUNG_DECISIONS.contains(decision)) {
            throw new InvalidInputException(RUNG_DECISION.name(), "must be one of " + RUNG_DECISIONS);
        }
        String note = RUNG_NOTE.text(execution);
        if (note == null || note.isBlank()) {
            throw new InvalidInputException(RUNG_NOTE.name(), "must not be blank");
        }
        String user = currentUser();
        boolean takesOver = TAKE_OWNERSHIP.equals(decision);
        String owner = defaultText(ESCALATION_OWNER.text(execution), "");
        if (takesOver) {
            ESCALATION_OWNER.set(execution, user);
        }
        String rungName = rung.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        // local to this path: two rungs deciding before their mails go out must not swap their texts
        Map<String, Object> mail = Map.of(
                PREVIOUS_OWNER.name(),
                owner,
                RUNG_LEVEL.name(),
                rungName.equals("dc head") ? "DC head" : rungName,
                RUNG_DECIDED_BY.name(),
                user,
                RUNG_OUTCOME.name(),
                takesOver ? "took ownership" : "directs the work, the owner stays in charge",
                RUNG_NOTE.name(),
                note,
                ESCALATION_OWNER.name(),
                takesOver ? user : owner);
        execution.setVariablesLocal(mail);
        escalation.climbTo(rung);
        event(
                execution,
                escalation,
                takesOver ? EscalationEventKind.OWNERSHIP_TAKEN : EscalationEventKind.WORK_DIRECTED,
                rung,
                note);
    }

    /**
     * First step of every escalation: gives it its reference (ESC-yyyy-nnnn, unless the API already did),
     * normalises what the three ways in deliver, and writes the row. Also tells the severity table the
     * client's tier and whether the client escalated in the last 30 days.
     */
    private void raise(DelegateExecution execution) {
        String reference = execution.getProcessBusinessKey();
        Escalation existing = reference == null || reference.isBlank()
                ? null
                : escalations.findByReference(reference).orElse(null);
        String owner = existing == null || existing.getOrigin() == null
                ? null
                : existing.getOrigin().getProcessInstanceId();
        if (existing != null && !execution.getProcessInstanceId().equals(owner)) {
            // never write into another case's row: fail (the start rolls back, a job becomes an incident)
            throw new IllegalStateException("Escalation " + reference + " belongs to process instance " + owner
                    + ", not to " + execution.getProcessInstanceId());
        }
        String breachedKey = BREACHED_BUSINESS_KEY.text(execution);
        Client client;
        if (breachedKey == null) {
            // raised by staff (Tasklist, engine API): the same rules as POST /api/escalations
            validateLikeTheApi(execution);
            try {
                client = clients.require(CLIENT_REFERENCE.text(execution));
            } catch (InvalidFieldException invalid) {
                throw InvalidInputException.of(invalid);
            }
        } else {
            // a breach published by another workflow: its client exists, even if retired since
            String breachedClient = CLIENT_REFERENCE.text(execution);
            client = clients.findByReference(breachedClient == null ? "" : breachedClient)
                    .orElseThrow(
                            () -> new InvalidInputException(CLIENT_REFERENCE.name(), "no client with this reference"));
        }
        String source = breachedKey != null ? "sla-breach" : defaultText(SOURCE.text(execution), "staff");
        String impact = REPORTED_IMPACT.text(execution);
        if (impact == null && PRIORITY.text(execution) != null) {
            impact = impactOfPriority(PRIORITY.text(execution));
        }
        impact = defaultText(impact, "medium").toLowerCase(Locale.ROOT);
        String category = defaultText(CATEGORY.text(execution), "service").toLowerCase(Locale.ROOT);
        if (!CATEGORIES.contains(category)) {
            throw new InvalidInputException(CATEGORY.name(), "must be one of " + CATEGORIES + ", was " + category);
        }
        if (!IMPACTS.contains(impact)) {
            throw new InvalidInputException(REPORTED_IMPACT.name(), "must be one of " + IMPACTS + ", was " + impact);
        }
        String subject = defaultText(SUBJECT.text(execution), SUMMARY.text(execution));
        if (subject == null) {
            subject = "SLA breach of " + breachedKey;
        }
        // the register's spelling ("alpenwerk" typed is ALPENWERK)
        String clientReference = client.getReference();
        CLIENT_REFERENCE.setIfChanged(execution, clientReference);
        if (reference == null || reference.isBlank()) {
            // drawn only now, after every check: a refused start uses no reference up
            reference = businessKeys.next("ESC");
            execution.setProcessBusinessKey(reference);
        }
        Instant now = clock.instant();

        ESCALATION_REFERENCE.set(execution, reference);
        SOURCE.set(execution, source);
        REPORTED_IMPACT.set(execution, impact);
        CATEGORY.set(execution, category);
        ESCALATION_OWNER.set(execution, defaultText(ESCALATION_OWNER.text(execution), ""));
        SUBJECT.set(execution, subject);
        CLIENT_TIER.set(execution, client.getTier().name());
        CLIENT_NAME.set(execution, client.getName());
        REPEATED_WITHIN_30_DAYS.set(
                execution,
                escalations.existsByClientReferenceAndRaisedAtAfterAndReferenceNot(
                        clientReference, now.minus(REPEAT_WINDOW), reference));
        ACKNOWLEDGED.set(execution, false);
        // the notification steps address the contact with ${contactEmail}: make sure the variable exists
        CONTACT_EMAIL.set(execution, defaultText(CONTACT_EMAIL.text(execution), ""));
        DESCRIPTION.set(execution, defaultText(DESCRIPTION.text(execution), ""));

        if (existing != null) {
            return; // the step ran before in this instance (replay): the row is there
        }
        Escalation escalation = escalations.save(new Escalation(
                reference,
                clientReference,
                source,
                subject,
                DESCRIPTION.text(execution),
                impact,
                CONTACT_NAME.text(execution),
                CONTACT_EMAIL.text(execution),
                breachedKey,
                BREACHED_METRIC.text(execution),
                now,
                ProcessOrigin.of(execution)));
        escalation.setCategory(category);
        event(execution, escalation, EscalationEventKind.RAISED, EscalationLevel.CSM, source);
        audit.record(execution, REGISTER, reference, RegisterAudit.CREATE, Map.of(), escalation.snapshot());
    }

    private void validateLikeTheApi(DelegateExecution execution) {
        // the start form's fields carry the names of the API request's fields
        for (ProcessVariable<String> field :
                List.of(CLIENT_REFERENCE, SUBJECT, DESCRIPTION, CONTACT_NAME, CONTACT_EMAIL)) {
            validator.validateValue(EscalationRequests.Raise.class, field.name(), field.text(execution)).stream()
                    .findFirst()
                    .ifPresent(violation -> {
                        throw new InvalidInputException(field.name(), violation.getMessage());
                    });
        }
    }

    private void event(
            DelegateExecution execution,
            Escalation escalation,
            EscalationEventKind kind,
            EscalationLevel level,
            String detail) {
        String activityInstanceId = execution.getActivityInstanceId();
        if (events.existsByEscalationIdAndKindAndActivityInstanceId(escalation.getId(), kind, activityInstanceId)) {
            return;
        }
        events.save(new EscalationEvent(
                escalation.getId(),
                kind,
                level,
                detail,
                clock.instant(),
                currentUser(),
                execution.getCurrentActivityId(),
                activityInstanceId,
                ProcessOrigin.of(execution)));
    }

    static String impactOfPriority(String priority) {
        return switch (priority.trim().toUpperCase(Locale.ROOT)) {
            case "P1", "CRITICAL" -> "critical";
            case "P2", "HIGH" -> "high";
            case "P4", "LOW" -> "low";
            default -> "medium";
        };
    }

    private String currentUser() {
        return engineIdentity.currentUserIdOr("system");
    }

    private static String defaultText(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
