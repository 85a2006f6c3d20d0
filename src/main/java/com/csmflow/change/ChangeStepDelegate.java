package com.csmflow.change;

import com.csmflow.engine.EngineIdentity;
import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.InvalidInputException;
import com.csmflow.client.Clients;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.register.BusinessKeys;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.register.ProcessOrigin;
import com.csmflow.engine.ProcessVariables;
import com.csmflow.sla.SlaPriority;
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
import jakarta.validation.Validator;
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
 *   <tr><td>INVITE_CAB</td><td>CAB members chosen by the CSM become {@code cabVoters}; vote counters reset</td></tr>
 *   <tr><td>DECIDE</td><td>approved or rejected (pre-approved, CAB rule, emergency decision), with the reason</td></tr>
 *   <tr><td>SCHEDULE</td><td>the window and the instant of the maintenance notice ({@code noticeAt})</td></tr>
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
    static final DateTimeFormatter LOCAL_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmXXX");

    private final ChangeRegister register;
    private final Clients clients;
    private final BusinessKeys businessKeys;
    private final MaintenanceNotice maintenanceNotice;
    private final CabVoting cabVoting;
    private final Clock clock;
    private final EngineIdentity engineIdentity;
    private final Validator validator;

    ChangeStepDelegate(ChangeRegister register, Clients clients, BusinessKeys businessKeys,
                       MaintenanceNotice maintenanceNotice, CabVoting cabVoting, Clock clock,
                       EngineIdentity engineIdentity, Validator validator) {
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
            case "CLASSIFY" -> register.update(execution, "CLASSIFY", change -> {
                change.classify(text(execution, "changeClass"), text(execution, "riskLevel"),
                        text(execution, "priority"), flag(execution, "majorChange"), flag(execution, "cabRequired"),
                        text(execution, "approvalRule"), number(execution, "approvalPercentage"),
                        text(execution, "vetoGroup"));
                change.status(ChangeStatus.CLASSIFIED, now);
            });
            case "INVITE_CAB" -> inviteCab(execution, now);
            case "DECIDE" -> decide(execution, now);
            case "SCHEDULE" -> schedule(execution, now);
            case "NOTICE_SENT" -> register.update(execution, "NOTICE", change -> change.noticeSent(now));
            case "IMPLEMENTED" -> {
                String result = text(execution, "implementationResult");
                boolean succeeded = "success".equals(result);
                execution.setVariable("implementationSucceeded", succeeded);
                register.update(execution, "IMPLEMENT", change -> {
                    change.implemented(succeeded ? "SUCCESS" : "FAILED", text(execution, "implementationNotes"));
                    change.status(succeeded ? ChangeStatus.IMPLEMENTED : ChangeStatus.FAILED, now);
                });
            }
            case "ROLLED_BACK" -> register.update(execution, "ROLLBACK", change -> {
                change.implemented("ROLLED_BACK", join(change.getImplementationNotes(), text(execution, "rollbackNotes")));
                change.status(ChangeStatus.ROLLED_BACK, now);
            });
            case "CLOSE" -> register.update(execution, "CLOSE", change -> change.status(ChangeStatus.CLOSED, now));
            default -> throw new IllegalArgumentException("Unknown change step '" + step + "'");
        }
    }

    private void registerChange(DelegateExecution execution, Instant now) {
        String reference = execution.getProcessBusinessKey();
        if (reference == null || reference.isBlank()) {
            // started from Tasklist: the register reference becomes the business key
            reference = businessKeys.next("CHG");
            execution.setProcessBusinessKey(reference);
        }
        ChangeRecord existing = register.find(reference).orElse(null);
        if (existing != null) {
            String owner = existing.getOrigin() == null ? null : existing.getOrigin().getProcessInstanceId();
            if (execution.getProcessInstanceId().equals(owner)) {
                return; // replayed start step: the row exists already
            }
            // never write into another case's row: fail (the start rolls back, a job becomes an incident)
            throw new IllegalStateException("Change " + reference + " belongs to process instance " + owner
                    + ", not to " + execution.getProcessInstanceId());
        }
        // the same rules as POST /api/changes, for starts from Tasklist or the engine API
        String clientReference = required(execution, "clientReference");
        Client client;
        try {
            client = clients.require(clientReference);
        } catch (InvalidFieldException invalid) {
            throw InvalidInputException.of(invalid);
        }
        for (String field : List.of("clientReference", "title", "description", "requesterEmail")) {
            Object value = text(execution, field);
            validator.validateValue(ChangeRequestBody.class, field, value).stream().findFirst().ifPresent(violation -> {
                throw new InvalidInputException(field, violation.getMessage());
            });
        }
        String requestedType = oneOf(execution, "requestedType", TYPES);
        String urgency = oneOf(execution, "urgency", URGENCIES);
        String impact = oneOf(execution, "impact", IMPACTS);
        Instant windowStart = instant(execution.getVariable("windowStart"), "windowStart");
        Instant windowEnd = instant(execution.getVariable("windowEnd"), "windowEnd");
        if (!windowEnd.isAfter(windowStart)) {
            throw new InvalidInputException("windowEnd", "must be after windowStart");
        }
        boolean nonStandard = flag(execution, "nonStandard");
        boolean billable = flag(execution, "billable");
        ProcessVariables.setIfChanged(execution, "nonStandard", nonStandard);
        ProcessVariables.setIfChanged(execution, "billable", billable);
        execution.setVariable("clientTier", client.getTier().name());
        publishWindow(execution, client.getTimeZone(), windowStart, windowEnd);

        register.create(execution, new ChangeRecord(reference, clientReference, required(execution, "title"),
                text(execution, "description"), requestedType, nonStandard, services(execution.getVariable("impactedServices")),
                urgency, impact, billable, text(execution, "requesterEmail"), currentUser(), windowStart, windowEnd, now,
                ProcessOrigin.of(execution)));
    }

    private void inviteCab(DelegateExecution execution, Instant now) {
        List<String> members = members(execution.getVariable("cabMembers"));
        if (members.isEmpty()) {
            throw new InvalidInputException("cabMembers", "choose at least one CAB member");
        }
        for (String member : members) {
            if (!register.isMember(member, "cab")) {
                throw new InvalidInputException("cabMembers", "'" + member + "' is not a member of the CAB (group cab)");
            }
        }
        // JSON, not Java serialization: the engine refuses serialized Java objects
        execution.setVariable(CabVoting.VOTERS, Variables.objectValue(new ArrayList<>(members))
                .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
        execution.setVariable("cabVoterList", String.join(",", members));
        execution.setVariable(CabVoting.APPROVALS, 0);
        execution.setVariable(CabVoting.REJECTIONS, 0);
        execution.setVariable(CabVoting.VETOED, false);
        Object meeting = execution.getVariable("cabMeetingAt");
        Instant meetingAt = meeting == null || meeting.toString().isBlank() ? null : instant(meeting, "cabMeetingAt");
        register.update(execution, "INVITE_CAB", change -> {
            change.planCab(meetingAt, text(execution, "cabAgenda"));
            change.status(ChangeStatus.IN_CAB, now);
        });
    }

    private void decide(DelegateExecution execution, Instant now) {
        boolean approved;
        String decision;
        String reason;
        if (!flag(execution, "cabRequired")) {
            approved = true;
            decision = "PRE_APPROVED";
            reason = "Standard change: pre-approved";
        } else if ("emergency".equals(text(execution, "changeClass"))) {
            approved = "approve".equals(text(execution, "decision"));
            String by = text(execution, "decidedBy");
            decision = approved ? "APPROVED" : "REJECTED";
            reason = (approved ? "Approved" : "Rejected") + " as an emergency change by " + by
                    + commentSuffix(text(execution, "decisionComment"));
        } else {
            approved = cabVoting.approved(execution);
            boolean vetoed = CabVoting.vetoed(execution);
            decision = vetoed ? "VETOED" : approved ? "APPROVED" : "REJECTED";
            reason = cabReason(execution, approved, vetoed);
        }
        execution.setVariable("changeApproved", approved);
        execution.setVariable("cabDecision", decision);
        execution.setVariable("decisionReason", reason);
        register.update(execution, "DECIDE", change -> {
            change.decide(decision, reason);
            change.status(approved ? ChangeStatus.APPROVED : ChangeStatus.REJECTED, now);
        });
    }

    private String cabReason(DelegateExecution execution, boolean approved, boolean vetoed) {
        List<CabVote> votes = register.votes(execution.getProcessBusinessKey()).stream()
                .filter(vote -> CabVote.BOARD_CAB.equals(vote.getBoard())).toList();
        long approvals = votes.stream().filter(vote -> "approve".equals(vote.getVote())).count();
        String tally = approvals + " of " + CabVoting.members(execution) + " member(s) approved, rule "
                + CabVoting.rule(execution) + (CabVoting.percentage(execution) == null ? ""
                : " " + CabVoting.percentage(execution) + " %");
        if (vetoed) {
            String by = text(execution, "vetoedBy");
            String comment = votes.stream().filter(CabVote::isVeto).map(CabVote::getComment)
                    .filter(c -> c != null).findFirst().orElse(null);
            return "Vetoed by " + by + " (" + text(execution, "vetoGroup") + ")" + commentSuffix(comment);
        }
        String comments = votes.stream().filter(vote -> approved == "approve".equals(vote.getVote()))
                .filter(vote -> vote.getComment() != null)
                .map(vote -> vote.getVoter() + ": " + vote.getComment()).collect(Collectors.joining("; "));
        return (approved ? "Approved by the CAB (" : "Rejected by the CAB (") + tally + ")" + commentSuffix(comments);
    }

    private void schedule(DelegateExecution execution, Instant now) {
        Client client = clients.findByReference(required(execution, "clientReference")).orElseThrow();
        Instant windowStart = instant(execution.getVariable("windowStart"), "windowStart");
        Instant windowEnd = instant(execution.getVariable("windowEnd"), "windowEnd");
        if (!windowEnd.isAfter(windowStart)) {
            throw new InvalidInputException("windowEnd", "must be after windowStart");
        }
        publishWindow(execution, client.getTimeZone(), windowStart, windowEnd);
        SlaPriority priority = SlaPriority.parse(required(execution, "priority"));
        MaintenanceNotice.Notice notice = maintenanceNotice.plan(client, priority, windowStart, now);
        execution.setVariable("noticeAt", Date.from(notice.at()));
        execution.setVariable("noticeLate", notice.late());
        execution.setVariable("noticeLeadTime", notice.leadTime());
        execution.setVariable("noticeAtLocal", LOCAL_ISO.format(notice.at().atZone(client.getTimeZone())));
        register.update(execution, "SCHEDULE", change -> {
            change.schedule(windowStart, windowEnd, notice.at());
            change.status(ChangeStatus.SCHEDULED, now);
        });
    }

    /** The window as ISO text in the client's zone (forms, mails) and as dates for the timers. */
    private static void publishWindow(DelegateExecution execution, ZoneId zone, Instant start, Instant end) {
        // the schedule step publishes the window again: unchanged values are not written twice
        ProcessVariables.setIfChanged(execution, "windowStart", LOCAL_ISO.format(start.atZone(zone)));
        ProcessVariables.setIfChanged(execution, "windowEnd", LOCAL_ISO.format(end.atZone(zone)));
        ProcessVariables.setIfChanged(execution, "windowStartAt", Date.from(start));
        ProcessVariables.setIfChanged(execution, "windowEndAt", Date.from(end));
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
            json.elements().forEach(element -> members.add(element.isString() ? element.stringValue() : element.toString()));
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

    private static String services(Object value) {
        if (value == null) {
            return null;
        }
        List<String> services = members(value instanceof String text ? List.of(text.split(",")) : value);
        return services.isEmpty() ? null : String.join(", ", services);
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

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static String required(DelegateExecution execution, String name) {
        String value = text(execution, name);
        if (value == null) {
            throw new InvalidInputException(name, "is required");
        }
        return value;
    }

    private static String oneOf(DelegateExecution execution, String name, Set<String> allowed) {
        String value = required(execution, name).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new InvalidInputException(name, "must be one of " + allowed.stream().sorted().toList());
        }
        ProcessVariables.setIfChanged(execution, name, value);
        return value;
    }

    private static boolean flag(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value instanceof Boolean bool ? bool : value != null && Boolean.parseBoolean(value.toString());
    }

    private static Integer number(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value instanceof Number n ? Integer.valueOf(n.intValue()) : null;
    }
}
