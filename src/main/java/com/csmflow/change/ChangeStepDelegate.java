package com.csmflow.change;

import static com.csmflow.change.ChangeProcess.APPROVAL_PERCENTAGE;
import static com.csmflow.change.ChangeProcess.APPROVAL_RULE;
import static com.csmflow.change.ChangeProcess.BILLABLE;
import static com.csmflow.change.ChangeProcess.CAB_AGENDA;
import static com.csmflow.change.ChangeProcess.CAB_APPROVALS;
import static com.csmflow.change.ChangeProcess.CAB_DECISION;
import static com.csmflow.change.ChangeProcess.CAB_MEETING_AT;
import static com.csmflow.change.ChangeProcess.CAB_MEMBERS;
import static com.csmflow.change.ChangeProcess.CAB_REJECTIONS;
import static com.csmflow.change.ChangeProcess.CAB_REQUIRED;
import static com.csmflow.change.ChangeProcess.CAB_VETOED;
import static com.csmflow.change.ChangeProcess.CAB_VOTERS;
import static com.csmflow.change.ChangeProcess.CHANGE_APPROVED;
import static com.csmflow.change.ChangeProcess.CHANGE_CLASS;
import static com.csmflow.change.ChangeProcess.CONFIGURATION_ITEMS;
import static com.csmflow.change.ChangeProcess.DECIDED_BY;
import static com.csmflow.change.ChangeProcess.DECISION;
import static com.csmflow.change.ChangeProcess.DECISION_COMMENT;
import static com.csmflow.change.ChangeProcess.DECISION_REASON;
import static com.csmflow.change.ChangeProcess.DESCRIPTION;
import static com.csmflow.change.ChangeProcess.IMPACT;
import static com.csmflow.change.ChangeProcess.IMPACTED_SERVICES;
import static com.csmflow.change.ChangeProcess.IMPLEMENTATION_NOTES;
import static com.csmflow.change.ChangeProcess.IMPLEMENTATION_RESULT;
import static com.csmflow.change.ChangeProcess.IMPLEMENTATION_SUCCEEDED;
import static com.csmflow.change.ChangeProcess.MAJOR_CHANGE;
import static com.csmflow.change.ChangeProcess.NON_STANDARD;
import static com.csmflow.change.ChangeProcess.NOTICE_AT;
import static com.csmflow.change.ChangeProcess.NOTICE_AT_LOCAL;
import static com.csmflow.change.ChangeProcess.NOTICE_DUE_TEXT;
import static com.csmflow.change.ChangeProcess.NOTICE_LATE;
import static com.csmflow.change.ChangeProcess.NOTICE_LEAD_TIME;
import static com.csmflow.change.ChangeProcess.REQUESTED_TYPE;
import static com.csmflow.change.ChangeProcess.REQUESTER_EMAIL;
import static com.csmflow.change.ChangeProcess.RISK_LEVEL;
import static com.csmflow.change.ChangeProcess.ROLLBACK_NOTES;
import static com.csmflow.change.ChangeProcess.SHORT_NOTICE_REASON;
import static com.csmflow.change.ChangeProcess.TITLE;
import static com.csmflow.change.ChangeProcess.URGENCY;
import static com.csmflow.change.ChangeProcess.VETOED_BY;
import static com.csmflow.change.ChangeProcess.VETO_GROUP;
import static com.csmflow.change.ChangeProcess.WINDOW_END;
import static com.csmflow.change.ChangeProcess.WINDOW_END_AT;
import static com.csmflow.change.ChangeProcess.WINDOW_START;
import static com.csmflow.change.ChangeProcess.WINDOW_START_AT;
import static com.csmflow.change.ChangeProcess.WINDOW_TEXT;
import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;
import static com.csmflow.engine.CaseVariables.CLIENT_TIER;
import static com.csmflow.engine.CaseVariables.PRIORITY;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.InvalidInputException;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.cmdb.ConfigurationItems;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.engine.ProcessVariable;
import com.csmflow.notification.ReaderDates;
import com.csmflow.register.BusinessKeys;
import com.csmflow.register.ProcessOrigin;
import com.csmflow.sla.SlaPriority;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * The change register's side of each step of {@code change-request}: one service task per step, all
 * with {@code camunda:delegateExpression="${changeStep}"} and the input {@code step}. It copies what the
 * step decided from the process variables into the register row (with an audit entry) and prepares the
 * variables the next elements need.
 *
 * <table>
 *   <tr><td>REGISTER</td><td>creates the row; gives a Tasklist-started instance its CHG business key</td></tr>
 *   <tr><td>CLASSIFY</td><td>class, risk, priority, CAB rule from the two decision tables</td></tr>
 *   <tr><td>INVITE_CAB</td><td>CAB members chosen by the CSM become {@code cabVoters} (a list); vote counters reset</td></tr>
 *   <tr><td>DECIDE</td><td>approved or rejected (pre-approved, CAB rule, emergency decision), with the reason</td></tr>
 *   <tr><td>SCHEDULE</td><td>the window and the instant of the maintenance notice ({@code noticeAt})</td></tr>
 *   <tr><td>SHORT_NOTICE</td><td>the CSM's reason for telling the client inside the lead time; the notice is due now</td></tr>
 *   <tr><td>NOTICE_SENT, IMPLEMENTED, ROLLED_BACK, CLOSE</td><td>status and results</td></tr>
 * </table>
 */
@Component("changeStep")
class ChangeStepDelegate implements InputReadingDelegate {

    static final String STEP = "step";
    private static final Set<String> INPUTS = Set.of(STEP);
    static final Set<String> TYPES = Set.of("standard", "normal", "emergency");
    static final Set<String> URGENCIES = Set.of("low", "medium", "high", "critical");
    static final Set<String> IMPACTS = Set.of("low", "medium", "high");
    private static final int MAX_REASON = 2000;
    static final DateTimeFormatter LOCAL_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmXXX");

    private final ChangeRegister register;
    private final Clients clients;
    private final BusinessKeys businessKeys;
    private final MaintenanceNotice maintenanceNotice;
    private final CabVoting cabVoting;
    private final Clock clock;
    private final EngineIdentity engineIdentity;
    private final Validator validator;
    private final ConfigurationItems configurationItems;

    ChangeStepDelegate(
            ChangeRegister register,
            Clients clients,
            BusinessKeys businessKeys,
            MaintenanceNotice maintenanceNotice,
            CabVoting cabVoting,
            Clock clock,
            EngineIdentity engineIdentity,
            Validator validator,
            ConfigurationItems configurationItems) {
        this.configurationItems = configurationItems;
        this.engineIdentity = engineIdentity;
        this.clock = clock;
        this.validator = validator;
        this.register = register;
        this.clients = clients;
        this.businessKeys = businessKeys;
        this.maintenanceNotice = maintenanceNotice;
        this.cabVoting = cabVoting;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String step = DelegateInputs.read(execution, INPUTS).requiredText(STEP).toUpperCase(Locale.ROOT);
        Instant now = clock.instant();
        switch (step) {
            case "REGISTER" -> registerChange(execution, now);
            case "CLASSIFY" ->
                register.update(execution, "CLASSIFY", change -> {
                    change.classify(
                            text(execution, CHANGE_CLASS),
                            text(execution, RISK_LEVEL),
                            text(execution, PRIORITY),
                            flag(execution, MAJOR_CHANGE),
                            flag(execution, CAB_REQUIRED),
                            text(execution, APPROVAL_RULE),
                            number(execution, APPROVAL_PERCENTAGE),
                            text(execution, VETO_GROUP));
                    change.status(ChangeStatus.CLASSIFIED, now);
                });
            case "INVITE_CAB" -> inviteCab(execution, now);
            case "DECIDE" -> decide(execution, now);
            case "CLIENT_APPROVAL" -> recordClientApproval(execution, now);
            case "SCHEDULE" -> schedule(execution, now);
            case "SHORT_NOTICE" -> confirmShortNotice(execution, now);
            case "NOTICE_SENT" -> register.update(execution, "NOTICE", change -> change.noticeSent(now));
            case "IMPLEMENTED" -> {
                String result = text(execution, IMPLEMENTATION_RESULT);
                boolean succeeded = "success".equals(result);
                IMPLEMENTATION_SUCCEEDED.set(execution, succeeded);
                register.update(execution, "IMPLEMENT", change -> {
                    change.implemented(succeeded ? "SUCCESS" : "FAILED", text(execution, IMPLEMENTATION_NOTES));
                    change.status(succeeded ? ChangeStatus.IMPLEMENTED : ChangeStatus.FAILED, now);
                });
            }
            case "ROLLED_BACK" ->
                register.update(execution, "ROLLBACK", change -> {
                    change.implemented(
                            "ROLLED_BACK", join(change.getImplementationNotes(), text(execution, ROLLBACK_NOTES)));
                    change.status(ChangeStatus.ROLLED_BACK, now);
                });
            case "CLOSE" -> register.update(execution, "CLOSE", change -> change.status(ChangeStatus.CLOSED, now));
            default -> throw new IllegalArgumentException("Unknown change step '" + step + "'");
        }
    }

    private void registerChange(DelegateExecution execution, Instant now) {
        String reference = execution.getProcessBusinessKey();
        ChangeRecord existing = reference == null || reference.isBlank()
                ? null
                : register.find(reference).orElse(null);
        if (existing != null) {
            String owner =
                    existing.getOrigin() == null ? null : existing.getOrigin().getProcessInstanceId();
            if (execution.getProcessInstanceId().equals(owner)) {
                return; // replayed start step: the row exists already
            }
            // never write into another case's row: fail (the start rolls back, a job becomes an incident)
            throw new IllegalStateException("Change " + reference + " belongs to process instance " + owner
                    + ", not to " + execution.getProcessInstanceId());
        }
        // the same rules as POST /api/changes, for starts from Tasklist or the engine API
        Client client;
        try {
            client = clients.require(text(execution, CLIENT_REFERENCE));
        } catch (InvalidFieldException invalid) {
            throw InvalidInputException.of(invalid);
        }
        // the register's spelling ("alpenwerk" chosen or typed is ALPENWERK)
        String clientReference = client.getReference();
        CLIENT_REFERENCE.setIfChanged(execution, clientReference);
        // the request body's fields carry the variables' names
        for (ProcessVariable<String> field : List.of(CLIENT_REFERENCE, TITLE, DESCRIPTION, REQUESTER_EMAIL)) {
            Object value = field.text(execution);
            validator.validateValue(ChangeRequestBody.class, field.name(), value).stream()
                    .findFirst()
                    .ifPresent(violation -> {
                        throw new InvalidInputException(field.name(), violation.getMessage());
                    });
        }
        String requestedType = oneOf(execution, REQUESTED_TYPE, TYPES);
        String urgency = oneOf(execution, URGENCY, URGENCIES);
        String impact = oneOf(execution, IMPACT, IMPACTS);
        Instant windowStart = instant(execution, WINDOW_START);
        Instant windowEnd = instant(execution, WINDOW_END);
        if (!windowEnd.isAfter(windowStart)) {
            throw new InvalidInputException(WINDOW_END.name(), "must be after " + WINDOW_START.name());
        }
        boolean nonStandard = flag(execution, NON_STANDARD);
        boolean billable = flag(execution, BILLABLE);
        NON_STANDARD.setIfChanged(execution, nonStandard);
        BILLABLE.setIfChanged(execution, billable);
        List<String> services = services(execution);
        List<String> touched = touchedItems(execution, clientReference);
        CLIENT_TIER.set(execution, client.getTier().name());
        publishWindow(execution, client, windowStart, windowEnd);

        if (reference == null || reference.isBlank()) {
            // started from Tasklist: the reference is drawn only now, so a refused start uses none up
            reference = businessKeys.next("CHG");
            execution.setProcessBusinessKey(reference);
        }
        ChangeRecord created = new ChangeRecord(
                reference,
                clientReference,
                required(execution, TITLE),
                text(execution, DESCRIPTION),
                requestedType,
                nonStandard,
                services.isEmpty() ? null : String.join(", ", services),
                urgency,
                impact,
                billable,
                text(execution, REQUESTER_EMAIL),
                currentUser(),
                windowStart,
                windowEnd,
                now,
                ProcessOrigin.of(execution));
        created.touches(touched);
        register.create(execution, created);
    }

    private void inviteCab(DelegateExecution execution, Instant now) {
        // the form's text field (comma-separated) becomes the list of voters here, once
        List<String> members = members(execution.getVariable(CAB_MEMBERS.name()));
        if (members.isEmpty()) {
            throw new InvalidInputException(CAB_MEMBERS.name(), "choose at least one CAB member");
        }
        for (String member : members) {
            if (!register.isMember(member, "cab")) {
                throw new InvalidInputException(
                        CAB_MEMBERS.name(), "'" + member + "' is not a member of the CAB (group cab)");
            }
        }
        // JSON, not Java serialization: the engine refuses serialized Java objects. The list is both the
        // vote's multi-instance collection and the invitation's recipients.
        execution.setVariable(
                CAB_VOTERS.name(),
                Variables.objectValue(new ArrayList<>(members))
                        .serializationDataFormat(Variables.SerializationDataFormats.JSON)
                        .create());
        CAB_APPROVALS.set(execution, 0);
        CAB_REJECTIONS.set(execution, 0);
        CAB_VETOED.set(execution, false);
        Instant meetingAt = CAB_MEETING_AT.text(execution) == null ? null : instant(execution, CAB_MEETING_AT);
        register.update(execution, "INVITE_CAB", change -> {
            change.planCab(meetingAt, text(execution, CAB_AGENDA));
            change.status(ChangeStatus.IN_CAB, now);
        });
    }

    private void decide(DelegateExecution execution, Instant now) {
        boolean approved;
        String decision;
        String reason;
        if (!flag(execution, CAB_REQUIRED)) {
            approved = true;
            decision = "PRE_APPROVED";
            reason = "Standard change: pre-approved";
        } else if ("emergency".equals(text(execution, CHANGE_CLASS))) {
            approved = "approve".equals(text(execution, DECISION));
            String by = text(execution, DECIDED_BY);
            decision = approved ? "APPROVED" : "REJECTED";
            reason = (approved ? "Approved" : "Rejected") + " as an emergency change by " + by
                    + commentSuffix(text(execution, DECISION_COMMENT));
        } else {
            approved = cabVoting.approved(execution);
            boolean vetoed = CabVoting.vetoed(execution);
            decision = vetoed ? "VETOED" : approved ? "APPROVED" : "REJECTED";
            reason = cabReason(execution, approved, vetoed);
        }
        CHANGE_APPROVED.set(execution, approved);
        CAB_DECISION.set(execution, decision);
        DECISION_REASON.set(execution, reason);
        register.update(execution, "DECIDE", change -> {
            change.decide(decision, reason);
            change.status(approved ? ChangeStatus.APPROVED : ChangeStatus.REJECTED, now);
        });
    }

    /** The client's representatives answered the customer advisory board: their word is the last. */
    private void recordClientApproval(DelegateExecution execution, Instant now) {
        boolean approved = flag(execution, ChangeProcess.CLIENT_APPROVED);
        String by = text(execution, ChangeProcess.CLIENT_REPRESENTATIVE);
        String reason = (approved ? "Approved" : "Rejected") + " by the client's advisory board (" + by + ")"
                + commentSuffix(text(execution, ChangeProcess.CLIENT_APPROVAL_COMMENT));
        CHANGE_APPROVED.set(execution, approved);
        if (!approved) {
            CAB_DECISION.set(execution, "CLIENT_REJECTED");
        }
        DECISION_REASON.set(execution, reason);
        register.update(execution, "CLIENT_APPROVAL", change -> {
            if (!approved) {
                change.decide("CLIENT_REJECTED", reason);
                change.status(ChangeStatus.REJECTED, now);
            } else {
                change.decide(change.getCabDecision(), reason);
            }
        });
    }

    private String cabReason(DelegateExecution execution, boolean approved, boolean vetoed) {
        List<CabVote> votes = register.votes(execution.getProcessBusinessKey()).stream()
                .filter(vote -> CabVote.BOARD_CAB.equals(vote.getBoard()))
                .toList();
        long approvals =
                votes.stream().filter(vote -> "approve".equals(vote.getVote())).count();
        String tally = approvals + " of " + CabVoting.members(execution) + " member(s) approved, rule "
                + CabVoting.rule(execution)
                + (CabVoting.percentage(execution) == null ? "" : " " + CabVoting.percentage(execution) + " %");
        if (vetoed) {
            String by = text(execution, VETOED_BY);
            String comment = votes.stream()
                    .filter(CabVote::isVeto)
                    .map(CabVote::getComment)
                    .filter(c -> c != null)
                    .findFirst()
                    .orElse(null);
            return "Vetoed by " + by + " (" + text(execution, VETO_GROUP) + ")" + commentSuffix(comment);
        }
        String comments = votes.stream()
                .filter(vote -> approved == "approve".equals(vote.getVote()))
                .filter(vote -> vote.getComment() != null)
                .map(vote -> vote.getVoter() + ": " + vote.getComment())
                .collect(Collectors.joining("; "));
        return (approved ? "Approved by the CAB (" : "Rejected by the CAB (") + tally + ")" + commentSuffix(comments);
    }

    private void schedule(DelegateExecution execution, Instant now) {
        Client client =
                clients.findByReference(required(execution, CLIENT_REFERENCE)).orElseThrow();
        Instant windowStart = instant(execution, WINDOW_START);
        Instant windowEnd = instant(execution, WINDOW_END);
        if (!windowEnd.isAfter(windowStart)) {
            throw new InvalidInputException(WINDOW_END.name(), "must be after " + WINDOW_START.name());
        }
        publishWindow(execution, client, windowStart, windowEnd);
        SlaPriority priority = SlaPriority.parse(required(execution, PRIORITY));
        MaintenanceNotice.Notice notice = maintenanceNotice.plan(client, priority, windowStart, now);
        NOTICE_AT.set(execution, Date.from(notice.at()));
        NOTICE_LATE.set(execution, notice.late());
        NOTICE_LEAD_TIME.set(execution, notice.leadTime());
        NOTICE_AT_LOCAL.set(execution, LOCAL_ISO.format(notice.at().atZone(client.getTimeZone())));
        // the lead time's own due instant, even when it has passed: what the short-notice form shows
        NOTICE_DUE_TEXT.set(execution, readable(client, notice.due()));
        register.update(execution, "SCHEDULE", change -> {
            change.schedule(windowStart, windowEnd, notice.at());
            change.status(ChangeStatus.SCHEDULED, now);
        });
    }

    /**
     * The CSM confirmed that the client is told inside the lead time: the reason goes to the register
     * (and its audit), the notice is due now. A window that has opened meanwhile cannot be announced:
     * the CSM must move it.
     */
    private void confirmShortNotice(DelegateExecution execution, Instant now) {
        String reason = text(execution, SHORT_NOTICE_REASON);
        if (reason == null) {
            throw new InvalidInputException(SHORT_NOTICE_REASON.name(), "say why the client is told at short notice");
        }
        if (reason.length() > MAX_REASON) {
            throw new InvalidInputException(SHORT_NOTICE_REASON.name(), "at most " + MAX_REASON + " characters");
        }
        Instant windowStart = instant(execution, WINDOW_START);
        if (!windowStart.isAfter(now)) {
            throw new InvalidInputException(
                    ChangeProcess.SHORT_NOTICE.name(), "the window has opened already: move the window");
        }
        String by = currentUser();
        NOTICE_AT.set(execution, Date.from(now));
        register.update(execution, "SHORT_NOTICE", change -> change.confirmShortNotice(reason, by, now));
    }

    private static String readable(Client client, Instant instant) {
        return ReaderDates.format(instant, client.getTimeZone(), "en"); // staff read English
    }

    /** The window as ISO text in the client's zone (forms, mails) and as dates for the timers. */
    private static void publishWindow(DelegateExecution execution, Client client, Instant start, Instant end) {
        ZoneId zone = client.getTimeZone();
        // the schedule step publishes the window again: unchanged values are not written twice
        WINDOW_START.setIfChanged(execution, LOCAL_ISO.format(start.atZone(zone)));
        WINDOW_END.setIfChanged(execution, LOCAL_ISO.format(end.atZone(zone)));
        WINDOW_TEXT.setIfChanged(execution, readable(client, start) + " to " + readable(client, end));
        WINDOW_START_AT.setIfChanged(execution, Date.from(start));
        WINDOW_END_AT.setIfChanged(execution, Date.from(end));
    }

    /** A date-time as the form, the API or a timer wrote it (text with offset, or a date). */
    private static Instant instant(DelegateExecution execution, ProcessVariable<String> variable) {
        return instant(execution.getVariable(variable.name()), variable.name());
    }

    static Instant instant(Object value, String name) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime dateTime) {
            return dateTime.toInstant();
        }
        if (value == null || value.toString().isBlank()) {
            throw new InvalidInputException(name, "is required");
        }
        try {
            return OffsetDateTime.parse(value.toString().trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, "must be a date and time with offset, e.g. 2026-06-06T02:00+02:00");
        }
    }

    static List<String> members(Object value) {
        Set<String> members = new LinkedHashSet<>();
        if (value instanceof SpinJsonNode json && json.isArray()) {
            json.elements()
                    .forEach(element -> members.add(element.isString() ? element.stringValue() : element.toString()));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(item -> members.add(String.valueOf(item)));
        } else if (value != null) {
            for (String part : value.toString().split("[,;\\s]+")) {
                members.add(part);
            }
        }
        members.removeIf(member -> member == null || member.isBlank());
        return members.stream().map(String::trim).toList();
    }

    /**
     * The CMDB items the change touches as a list of the client's CI references: the API's list or the start
     * form's taglist (JSON), checked against the CMDB (400 naming {@code configurationItems}) and stored once.
     */
    private List<String> touchedItems(DelegateExecution execution, String clientReference) {
        Object value = execution.getVariable(CONFIGURATION_ITEMS.name());
        List<String> touched;
        try {
            touched = configurationItems.requireOfClient(clientReference, members(value), CONFIGURATION_ITEMS.name());
        } catch (InvalidFieldException invalid) {
            throw InvalidInputException.of(invalid);
        }
        if (value != null || !touched.isEmpty()) {
            // an ArrayList: the engine's type allow-list (ObjectVariableTypes) refuses immutable lists
            CONFIGURATION_ITEMS.setIfChanged(execution, new ArrayList<>(touched));
        }
        return touched;
    }

    /**
     * The impacted services as a list: the API sends a list, the start form's text field comma-separated
     * text, turned into the list here once (later steps and mails read the list).
     */
    private static List<String> services(DelegateExecution execution) {
        Object value = execution.getVariable(IMPACTED_SERVICES.name());
        if (value == null) {
            return List.of();
        }
        List<String> services = members(value instanceof String text ? List.of(text.split(",")) : value);
        if (!(value instanceof List<?>)) {
            // an ArrayList: the engine's type allow-list (ObjectVariableTypes) refuses immutable lists
            IMPACTED_SERVICES.set(execution, new ArrayList<>(services));
        }
        return services;
    }

    private String currentUser() {
        return engineIdentity.currentUserId();
    }

    private static String commentSuffix(String comment) {
        return comment == null || comment.isBlank() ? "" : ": " + comment;
    }

    private static String join(String first, String second) {
        if (first == null) {
            return second;
        }
        return second == null ? first : first + "\nRollback: " + second;
    }

    private static String text(DelegateExecution execution, ProcessVariable<String> variable) {
        return variable.text(execution);
    }

    private static String required(DelegateExecution execution, ProcessVariable<String> variable) {
        String value = variable.text(execution);
        if (value == null) {
            throw new InvalidInputException(variable.name(), "is required");
        }
        return value;
    }

    private static String oneOf(DelegateExecution execution, ProcessVariable<String> variable, Set<String> allowed) {
        String value = required(execution, variable).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new InvalidInputException(
                    variable.name(),
                    "must be one of " + allowed.stream().sorted().toList());
        }
        variable.setIfChanged(execution, value);
        return value;
    }

    /** A flag as a form (text "true") or the API (a boolean) sent it. */
    private static boolean flag(DelegateExecution execution, ProcessVariable<Boolean> variable) {
        Object value = execution.getVariable(variable.name());
        return value instanceof Boolean bool ? bool : value != null && Boolean.parseBoolean(value.toString());
    }

    private static Integer number(DelegateExecution execution, ProcessVariable<Number> variable) {
        Number value = variable.get(execution);
        return value == null ? null : value.intValue();
    }
}
