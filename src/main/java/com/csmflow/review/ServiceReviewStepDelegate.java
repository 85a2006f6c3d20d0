package com.csmflow.review;

import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.InvalidInputException;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.forms.FormOptions;
import com.csmflow.problem.SipActionService;
import com.csmflow.register.BusinessKeys;
import com.csmflow.register.ProcessOrigin;
import com.csmflow.report.ReportPeriod;
import com.csmflow.report.ServiceReports;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The register steps of {@code service-review}, input {@code step}:
 * <ul>
 *   <li>{@code OPENED}: a review started by the API or the scheduler is linked to its instance; one asked for
 *       on the Tasklist start form is written here (client checked, period resolved) and its reference becomes
 *       the business key.</li>
 *   <li>{@code REPORTED}: the period's service report is generated from the registers and stored.</li>
 *   <li>{@code PREPARED}: the CSM's agenda (executive summary, SLA results, trends, risk register, improvement
 *       programme) is recorded.</li>
 *   <li>{@code HELD}: date, attendees and minutes are recorded; every action of the minutes goes into the SIP
 *       register with owner and target date, each followed up by its own {@code sip-action}.</li>
 * </ul>
 */
@Component("serviceReviewStep")
class ServiceReviewStepDelegate implements InputReadingDelegate {

    static final String STEP = "step";
    static final int DEFAULT_TARGET_DAYS = 30;

    private final ServiceReviewRepository reviews;
    private final ServiceReviews serviceReviews;
    private final ServiceReports reports;
    private final SipActionService sipActions;
    private final Clients clients;
    private final FormOptions options;
    private final BusinessKeys keys;
    private final RegisterAudit audit;
    private final EngineIdentity engineIdentity;
    private final Clock clock;

    ServiceReviewStepDelegate(
            ServiceReviewRepository reviews,
            ServiceReviews serviceReviews,
            ServiceReports reports,
            SipActionService sipActions,
            Clients clients,
            FormOptions options,
            BusinessKeys keys,
            RegisterAudit audit,
            EngineIdentity engineIdentity,
            Clock clock) {
        this.reviews = reviews;
        this.serviceReviews = serviceReviews;
        this.reports = reports;
        this.sipActions = sipActions;
        this.clients = clients;
        this.options = options;
        this.keys = keys;
        this.audit = audit;
        this.engineIdentity = engineIdentity;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String step = DelegateInputs.read(execution, Set.of(STEP)).requiredText(STEP);
        if ("OPENED".equals(step)) {
            open(execution);
            return;
        }
        ServiceReview review = reviews.findByReference(execution.getProcessBusinessKey())
                .orElseThrow(() -> new IllegalStateException("No service review " + execution.getProcessBusinessKey()));
        Map<String, Object> before = review.auditView();
        switch (step) {
            case "REPORTED" -> report(execution, review);
            case "PREPARED" -> review.prepared(agenda(execution));
            case "HELD" -> held(execution, review);
            default -> throw new IllegalArgumentException("Unknown service review step '" + step + "'");
        }
        audit.record(
                execution,
                ServiceReviewProcess.REGISTER,
                review.getReference(),
                RegisterAudit.UPDATE,
                before,
                review.auditView());
    }

    private void open(DelegateExecution execution) {
        String reference = execution.getProcessBusinessKey();
        ServiceReview review;
        if (reference != null) {
            review = reviews.findByReference(reference)
                    .orElseThrow(() -> new IllegalStateException("No service review " + reference));
            review.linkProcess(ProcessOrigin.of(execution));
        } else {
            Client client;
            ReportPeriod period;
            String reason = ServiceReviewProcess.REASON.get(execution);
            try {
                client = clients.require(CLIENT_REFERENCE.get(execution));
                period = serviceReviews.resolve(
                        client,
                        ServiceReviewProcess.PERIOD_KIND.get(execution),
                        ServiceReviewProcess.PERIOD.get(execution));
            } catch (InvalidFieldException invalid) {
                throw InvalidInputException.of(invalid);
            }
            if (reason == null || reason.isBlank()) {
                throw new InvalidInputException(
                        ServiceReviewProcess.REASON.name(), "is required: why is the review asked for?");
            }
            review = reviews.save(new ServiceReview(
                    keys.next("REV"),
                    client.getReference(),
                    period,
                    ServiceReviews.REQUESTED,
                    reason.trim(),
                    null,
                    clock.instant(),
                    ProcessOrigin.of(execution)));
            audit.record(
                    execution,
                    ServiceReviewProcess.REGISTER,
                    review.getReference(),
                    RegisterAudit.CREATE,
                    Map.of(),
                    review.auditView());
            execution.setProcessBusinessKey(review.getReference());
        }
        ServiceReviewProcess.REVIEW_REFERENCE.set(execution, review.getReference());
        CLIENT_REFERENCE.set(execution, review.getClientReference());
        CaseVariables.PRIORITY.set(execution, "P3");
        ServiceReviewProcess.PERIOD.set(execution, review.period().label());
        ServiceReviewProcess.PERIOD_KIND.set(execution, review.getPeriodKind().name());
    }

    private void report(DelegateExecution execution, ServiceReview review) {
        long id = reports.generate(
                review.getClientReference(), review.period(), review.getReference(), engineIdentity.currentUserId());
        review.reported(id);
        ServiceReviewProcess.REPORT_ID.set(execution, id);
        ServiceReviewProcess.REPORT_URL.set(execution, "/api/reports/" + id);
        var figures = reports.figures(review.getClientReference(), review.period());
        ServiceReviewProcess.REPORT_SUMMARY.set(
                execution,
                "SLA met: "
                        + (figures.slaPercentMet() == null ? "n/a" : figures.slaPercentMet() + " %") + " ("
                        + figures.slaMet()
                        + " met, " + figures.slaBreached() + " breached); escalations: "
                        + figures.escalations().raised()
                        + "; changes: " + figures.changes().raised() + "; SIP actions open: "
                        + figures.sipActions().open()
                        + " (" + figures.sipActions().overdue() + " overdue); open issues and risks: "
                        + figures.risks().size());
    }

    private static String agenda(DelegateExecution execution) {
        StringBuilder agenda = new StringBuilder();
        section(agenda, "Executive summary", ServiceReviewProcess.AGENDA_SUMMARY.get(execution), true);
        section(agenda, "SLA results", ServiceReviewProcess.AGENDA_SLA.get(execution), false);
        section(agenda, "Trends", ServiceReviewProcess.AGENDA_TRENDS.get(execution), false);
        section(agenda, "Risk register", ServiceReviewProcess.AGENDA_RISKS.get(execution), false);
        section(agenda, "Improvement programme", ServiceReviewProcess.AGENDA_IMPROVEMENT.get(execution), false);
        return agenda.toString().strip();
    }

    private static void section(StringBuilder agenda, String title, String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                throw new InvalidInputException(ServiceReviewProcess.AGENDA_SUMMARY.name(), "is required");
            }
            text = "(nothing to add to the report)";
        }
        if (text.length() > 4000) {
            throw new InvalidInputException(
                    ServiceReviewProcess.AGENDA_SUMMARY.name(), "each item at most 4000 characters");
        }
        agenda.append(title).append(": ").append(text.strip()).append("\n");
    }

    private void held(DelegateExecution execution, ServiceReview review) {
        LocalDate heldOn = date(ServiceReviewProcess.HELD_ON.get(execution), ServiceReviewProcess.HELD_ON.name());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (heldOn == null) {
            throw new InvalidInputException(ServiceReviewProcess.HELD_ON.name(), "is required");
        }
        if (heldOn.isAfter(today) || heldOn.isBefore(review.period().end())) {
            throw new InvalidInputException(
                    ServiceReviewProcess.HELD_ON.name(), "must be between the end of the period and today");
        }
        List<String> staff = names(execution.getVariable(ServiceReviewProcess.STAFF_ATTENDEES.name()));
        for (String attendee : staff) {
            if (!options.isOwner(attendee)) {
                throw new InvalidInputException(
                        ServiceReviewProcess.STAFF_ATTENDEES.name(),
                        "'" + attendee + "' is no staff member or role group");
            }
        }
        String clientAttendees = ServiceReviewProcess.CLIENT_ATTENDEES.get(execution);
        if (clientAttendees == null || clientAttendees.isBlank()) {
            throw new InvalidInputException(
                    ServiceReviewProcess.CLIENT_ATTENDEES.name(), "is required: who attended for the client?");
        }
        String minutes = ServiceReviewProcess.MINUTES.get(execution);
        if (minutes == null || minutes.isBlank()) {
            throw new InvalidInputException(ServiceReviewProcess.MINUTES.name(), "is required");
        }
        if (minutes.length() > 20000) {
            throw new InvalidInputException(ServiceReviewProcess.MINUTES.name(), "at most 20000 characters");
        }
        List<SipActionService.StepAction> actions = actions(execution, today);
        List<String> references =
                sipActions.createFromStep(execution, review.getClientReference(), "service-review", actions);
        ServiceReviewProcess.SIP_ACTION_REFERENCES.set(execution, new ArrayList<>(references));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            SipActionService.StepAction action = actions.get(i);
            lines.add(references.get(i) + ": " + action.description() + " (owner " + action.owner() + ", target "
                    + action.targetDate() + ")");
        }
        ServiceReviewProcess.ACTIONS_TEXT.set(
                execution, lines.isEmpty() ? "No new actions." : String.join("\n", lines));
        String attendees = "Client: " + clientAttendees.strip()
                + (staff.isEmpty() ? "" : "; staff: " + staff.stream().collect(Collectors.joining(", ")));
        Instant heldAt = heldOn.atStartOfDay(ZoneOffset.UTC).toInstant();
        review.held(heldAt, attendees, minutes.strip(), actions.size());
    }

    /** The filled action slots; a 400 naming the slot's field for a missing description or owner. */
    private List<SipActionService.StepAction> actions(DelegateExecution execution, LocalDate today) {
        List<SipActionService.StepAction> actions = new ArrayList<>();
        for (int slot = 1; slot <= ServiceReviewProcess.ACTION_SLOTS; slot++) {
            String description = text(execution.getVariable("action" + slot + "Description"));
            String owner = text(execution.getVariable("action" + slot + "Owner"));
            LocalDate target =
                    date(execution.getVariable("action" + slot + "TargetDate"), "action" + slot + "TargetDate");
            if (description == null) {
                if (owner != null || target != null) {
                    throw new InvalidInputException(
                            "action" + slot + "Description", "is required when an owner or date is given");
                }
                continue;
            }
            if (description.length() > 4000) {
                throw new InvalidInputException("action" + slot + "Description", "at most 4000 characters");
            }
            if (owner == null) {
                throw new InvalidInputException("action" + slot + "Owner", "is required for an action");
            }
            if (!options.isOwner(owner)) {
                throw new InvalidInputException(
                        "action" + slot + "Owner", "'" + owner + "' is neither a role group nor a staff member");
            }
            if (target != null && target.isBefore(today)) {
                throw new InvalidInputException("action" + slot + "TargetDate", "must not be in the past");
            }
            actions.add(new SipActionService.StepAction(
                    description, owner, target == null ? today.plusDays(DEFAULT_TARGET_DAYS) : target));
        }
        return actions;
    }

    /** A taglist's values: Spin JSON from Tasklist, a list from the API or a test, or text. */
    static List<String> names(Object value) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        if (value instanceof org.camunda.spin.json.SpinJsonNode json && json.isArray()) {
            json.elements()
                    .forEach(element -> names.add(element.isString() ? element.stringValue() : element.toString()));
        } else if (value instanceof java.util.Collection<?> collection) {
            collection.forEach(item -> names.add(String.valueOf(item)));
        } else if (value != null) {
            names.addAll(List.of(value.toString().split("[,;\\s]+")));
        }
        names.removeIf(name -> name == null || name.isBlank());
        return names.stream().map(String::trim).toList();
    }

    private static String text(Object value) {
        String text = value == null ? "" : value.toString().strip();
        return text.isEmpty() ? null : text;
    }

    private static LocalDate date(Object value, String field) {
        if (value instanceof Date date) {
            return LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC);
        }
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "is not a date (yyyy-mm-dd): " + text);
        }
    }
}
