package com.csmflow.servicerequest;

import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;
import static com.csmflow.engine.CaseVariables.CLIENT_TIER;
import static com.csmflow.engine.CaseVariables.PRIORITY;
import static com.csmflow.servicerequest.ServiceRequestProcess.CLIENT_ANSWER;
import static com.csmflow.servicerequest.ServiceRequestProcess.CONSOLIDATION;
import static com.csmflow.servicerequest.ServiceRequestProcess.CRITERIA;
import static com.csmflow.servicerequest.ServiceRequestProcess.DECISION;
import static com.csmflow.servicerequest.ServiceRequestProcess.DECISION_REASON;
import static com.csmflow.servicerequest.ServiceRequestProcess.DELIVERY_MANAGER;
import static com.csmflow.servicerequest.ServiceRequestProcess.DOCUMENTS;
import static com.csmflow.servicerequest.ServiceRequestProcess.DOCUMENTS_TEXT;
import static com.csmflow.servicerequest.ServiceRequestProcess.END_REASON;
import static com.csmflow.servicerequest.ServiceRequestProcess.EXPECTED_START;
import static com.csmflow.servicerequest.ServiceRequestProcess.FREE_RESOURCES;
import static com.csmflow.servicerequest.ServiceRequestProcess.GOVERNANCE_CYCLE;
import static com.csmflow.servicerequest.ServiceRequestProcess.HOURS_PER_MONTH;
import static com.csmflow.servicerequest.ServiceRequestProcess.INDIVIDUAL_ASSESSMENT_CYCLE;
import static com.csmflow.servicerequest.ServiceRequestProcess.INVENTORY_REVIEW_CYCLE;
import static com.csmflow.servicerequest.ServiceRequestProcess.MANAGERS_AVAILABLE;
import static com.csmflow.servicerequest.ServiceRequestProcess.MILESTONES;
import static com.csmflow.servicerequest.ServiceRequestProcess.OVERRULED;
import static com.csmflow.servicerequest.ServiceRequestProcess.PRICE_MODEL;
import static com.csmflow.servicerequest.ServiceRequestProcess.RECOMMENDATION;
import static com.csmflow.servicerequest.ServiceRequestProcess.RECOMMENDATION_REASON;
import static com.csmflow.servicerequest.ServiceRequestProcess.RELEASE_NOTES;
import static com.csmflow.servicerequest.ServiceRequestProcess.REQUESTED_FOR;
import static com.csmflow.servicerequest.ServiceRequestProcess.REQUESTER_EMAIL;
import static com.csmflow.servicerequest.ServiceRequestProcess.REQUIRED_SKILLS;
import static com.csmflow.servicerequest.ServiceRequestProcess.REQUIRED_SKILLS_TEXT;
import static com.csmflow.servicerequest.ServiceRequestProcess.RESOURCE_REFERENCE;
import static com.csmflow.servicerequest.ServiceRequestProcess.RISK;
import static com.csmflow.servicerequest.ServiceRequestProcess.SCOPE;
import static com.csmflow.servicerequest.ServiceRequestProcess.SERVICE_MANAGER;
import static com.csmflow.servicerequest.ServiceRequestProcess.SERVICE_NAME;
import static com.csmflow.servicerequest.ServiceRequestProcess.SERVICE_REFERENCE;
import static com.csmflow.servicerequest.ServiceRequestProcess.SKILL_COVERAGE;
import static com.csmflow.servicerequest.ServiceRequestProcess.STAFFING_FOLLOW_UP_CYCLE;
import static com.csmflow.servicerequest.ServiceRequestProcess.STATUS_SUMMARY;
import static com.csmflow.servicerequest.ServiceRequestProcess.TEAM_ASSESSMENT_CYCLE;
import static com.csmflow.servicerequest.ServiceRequestProcess.TERM_END;
import static com.csmflow.servicerequest.ServiceRequestProcess.TERM_END_AT;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.InvalidInputException;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.engine.ProcessVariable;
import com.csmflow.register.BusinessKeys;
import com.csmflow.register.ProcessOrigin;
import com.csmflow.security.RoleGroup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The register side of each machine step of {@code service-request}: one service task per step, all with
 * {@code camunda:delegateExpression="${serviceRequestStep}"} and the input {@code step}.
 *
 * <table>
 *   <tr><td>REGISTER</td><td>checks and records the request (SRQ reference for Tasklist starts), computes the status summary</td></tr>
 *   <tr><td>RECOMMEND</td><td>records the decision table's recommendation</td></tr>
 *   <tr><td>DECIDE</td><td>the DC Head's go / no-go / more-information; overruling needs a reason</td></tr>
 *   <tr><td>REASSESS</td><td>the client's answer joins the criteria; the status is computed again</td></tr>
 *   <tr><td>OPEN_SERVICE</td><td>checks SM, DM and the scope of work, opens the service (SVC reference), sets the cycles and the term timer</td></tr>
 *   <tr><td>ALLOCATE, RELEASE</td><td>a resource to a team member and back</td></tr>
 *   <tr><td>END_SERVICE</td><td>releases every open allocation, the team leaves, the service ends; whether it was the
 *   client's last active service ({@code lastServiceOfClient}: then the client's cadence ends)</td></tr>
 * </table>
 */
@Component("serviceRequestStep")
class ServiceRequestStepDelegate implements InputReadingDelegate {

    static final String STEP = "step";
    private static final Set<String> INPUTS = Set.of(STEP);
    static final Set<String> PRICE_MODELS = Set.of("fixed-price", "time-and-material");
    static final Set<String> RISKS = Set.of("low", "medium", "high");
    static final Set<String> DECISIONS = Set.of("go", "no-go", "more-information");
    static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4");
    static final String DEFAULT_PRIORITY = "P3";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final ServiceRegister register;
    private final Clients clients;
    private final BusinessKeys businessKeys;
    private final Clock clock;
    private final EngineIdentity engineIdentity;

    ServiceRequestStepDelegate(
            ServiceRegister register,
            Clients clients,
            BusinessKeys businessKeys,
            Clock clock,
            EngineIdentity engineIdentity) {
        this.register = register;
        this.clients = clients;
        this.businessKeys = businessKeys;
        this.clock = clock;
        this.engineIdentity = engineIdentity;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String step = DelegateInputs.read(execution, INPUTS).requiredText(STEP).toUpperCase(Locale.ROOT);
        Instant now = clock.instant();
        switch (step) {
            case "REGISTER" -> registerRequest(execution, now);
            case "RECOMMEND" ->
                register.updateRequest(
                        execution,
                        "RECOMMEND",
                        request -> request.recommend(
                                RECOMMENDATION.text(execution), RECOMMENDATION_REASON.text(execution)));
            case "DECIDE" -> decide(execution, now);
            case "REASSESS" -> reassess(execution);
            case "OPEN_SERVICE" -> openService(execution, now);
            case "ALLOCATE" -> allocate(execution, now);
            case "RELEASE" -> release(execution, now);
            case "END_SERVICE" -> endService(execution, now);
            default -> throw new IllegalArgumentException("Unknown service request step '" + step + "'");
        }
    }

    // ------------------------------------------------------------------ request and decision

    private void registerRequest(DelegateExecution execution, Instant now) {
        String reference = execution.getProcessBusinessKey();
        if (reference == null || reference.isBlank()) {
            // started from Tasklist: the register reference becomes the business key
            reference = businessKeys.next("SRQ");
            execution.setProcessBusinessKey(reference);
        }
        ServiceRequestRecord existing = register.findRequest(reference).orElse(null);
        if (existing != null) {
            String owner =
                    existing.getOrigin() == null ? null : existing.getOrigin().getProcessInstanceId();
            if (execution.getProcessInstanceId().equals(owner)) {
                return; // replayed start step
            }
            throw new IllegalStateException("Service request " + reference + " belongs to process instance " + owner
                    + ", not to " + execution.getProcessInstanceId());
        }
        String clientReference = required(execution, CLIENT_REFERENCE);
        Client client;
        try {
            client = clients.require(clientReference);
        } catch (InvalidFieldException invalid) {
            throw InvalidInputException.of(invalid);
        }
        Request request = readRequest(execution);
        String priority = PRIORITY.text(execution) == null ? DEFAULT_PRIORITY : oneOf(execution, PRIORITY, PRIORITIES);
        PRIORITY.setIfChanged(execution, priority);
        CLIENT_TIER.set(execution, client.getTier().name());
        ServiceRequestRecord record = new ServiceRequestRecord(
                reference,
                clientReference,
                request.serviceName(),
                request.expectedStart(),
                request.termEnd(),
                request.priceModel(),
                engineIdentity.currentUserIdOr(null),
                now,
                ProcessOrigin.of(execution));
        describe(record, request);
        StatusSummary summary = publishStatus(execution, request.skills());
        record.assess(summary);
        register.createRequest(execution, record);
    }

    /** The request's fields, checked as the API checks them; the lists normalised to lists once. */
    private Request readRequest(DelegateExecution execution) {
        String serviceName = limited(execution, SERVICE_NAME, 200, true);
        String criteria = limited(execution, CRITERIA, 4000, false);
        LocalDate start = date(execution, EXPECTED_START);
        LocalDate termEnd = date(execution, TERM_END);
        if (!termEnd.isAfter(start)) {
            throw new InvalidInputException(TERM_END.name(), "must be after " + EXPECTED_START.name());
        }
        String priceModel = oneOf(execution, PRICE_MODEL, PRICE_MODELS);
        String risk = RISK.text(execution) == null ? "medium" : oneOf(execution, RISK, RISKS);
        RISK.setIfChanged(execution, risk);
        List<String> skills = list(execution, REQUIRED_SKILLS);
        List<String> documents = list(execution, DOCUMENTS);
        // what the DC Head's forms show: a list variable reaches a form only as serialized Java
        REQUIRED_SKILLS_TEXT.setIfChanged(execution, String.join(", ", skills));
        DOCUMENTS_TEXT.setIfChanged(execution, String.join(", ", documents));
        String email = REQUESTER_EMAIL.text(execution);
        if (email != null && (email.length() > 320 || !EMAIL.matcher(email).matches())) {
            throw new InvalidInputException(REQUESTER_EMAIL.name(), "must be an e-mail address");
        }
        // the mails' "to" reads it: present, even when empty
        REQUESTER_EMAIL.setIfChanged(execution, email);
        return new Request(serviceName, criteria, start, termEnd, priceModel, risk, skills, documents, email);
    }

    private record Request(
            String serviceName,
            String criteria,
            LocalDate expectedStart,
            LocalDate termEnd,
            String priceModel,
            String risk,
            List<String> skills,
            List<String> documents,
            String email) {}

    private static void describe(ServiceRequestRecord record, Request request) {
        record.describe(
                request.serviceName(),
                request.criteria(),
                request.skills().isEmpty() ? null : String.join(", ", request.skills()),
                request.expectedStart(),
                request.termEnd(),
                request.priceModel(),
                request.risk(),
                request.documents().isEmpty() ? null : String.join(", ", request.documents()),
                request.email());
    }

    /** Computes the status and hands the decision table and the DC Head's form its values. */
    private StatusSummary publishStatus(DelegateExecution execution, List<String> skills) {
        StatusSummary summary = register.statusFor(skills);
        SKILL_COVERAGE.setIfChanged(execution, (long) summary.skillCoverage());
        MANAGERS_AVAILABLE.setIfChanged(execution, summary.managersAvailable());
        FREE_RESOURCES.setIfChanged(execution, (long) summary.freeResources());
        STATUS_SUMMARY.setIfChanged(execution, summary.text());
        return summary;
    }

    private void decide(DelegateExecution execution, Instant now) {
        String decision = oneOf(execution, DECISION, DECISIONS);
        String reason = limited(execution, DECISION_REASON, 4000, false);
        boolean overruled = !decision.equals(RECOMMENDATION.text(execution));
        if (reason == null && overruled) {
            throw new InvalidInputException(
                    DECISION_REASON.name(),
                    "give the reason for overruling the recommendation '" + RECOMMENDATION.text(execution) + "'");
        }
        if (reason == null && !"go".equals(decision)) {
            // the client's mail says why (no-go) or what is missing (more information)
            throw new InvalidInputException(DECISION_REASON.name(), "the client's mail needs it: give the reason");
        }
        OVERRULED.set(execution, overruled);
        String by = engineIdentity.currentUserIdOr(null);
        register.updateRequest(execution, "DECIDE", request -> request.decide(decision, reason, overruled, by, now));
    }

    private void reassess(DelegateExecution execution) {
        String answer = limited(execution, CLIENT_ANSWER, 4000, true);
        Request request = readRequest(execution);
        StatusSummary summary = publishStatus(execution, request.skills());
        register.updateRequest(execution, "REASSESS", record -> {
            Request withAnswer = new Request(
                    request.serviceName(),
                    join(request.criteria(), "Client's answer: " + answer),
                    request.expectedStart(),
                    request.termEnd(),
                    request.priceModel(),
                    request.risk(),
                    request.skills(),
                    request.documents(),
                    request.email());
            describe(record, withAnswer);
            record.assess(summary);
        });
        CRITERIA.setIfChanged(execution, join(request.criteria(), "Client's answer: " + answer));
    }

    // ------------------------------------------------------------------ go: the service

    private void openService(DelegateExecution execution, Instant now) {
        String requestReference = execution.getProcessBusinessKey();
        ManagedService existing =
                register.findServiceOfRequest(requestReference).orElse(null);
        if (existing != null) {
            String owner =
                    existing.getOrigin() == null ? null : existing.getOrigin().getProcessInstanceId();
            if (!execution.getProcessInstanceId().equals(owner)) {
                throw new IllegalStateException("Service " + existing.getReference() + " belongs to process instance "
                        + owner + ", not to " + execution.getProcessInstanceId());
            }
            return;
        }
        String serviceManager = member(execution, SERVICE_MANAGER, RoleGroup.SERVICE_MANAGER);
        String deliveryManager = member(execution, DELIVERY_MANAGER, RoleGroup.DELIVERY_MANAGER);
        String scope = limited(execution, SCOPE, 4000, true);
        String priceModel = oneOf(execution, PRICE_MODEL, PRICE_MODELS);
        String milestones = limited(execution, MILESTONES, 4000, false);
        Integer hours = hours(execution);
        if ("fixed-price".equals(priceModel) && milestones == null) {
            throw new InvalidInputException(MILESTONES.name(), "a fixed-price scope of work names its milestones");
        }
        if ("time-and-material".equals(priceModel) && hours == null) {
            throw new InvalidInputException(HOURS_PER_MONTH.name(), "a time & material scope of work names its hours");
        }
        Map<String, String> cycles = new LinkedHashMap<>();
        cycles.put(
                STAFFING_FOLLOW_UP_CYCLE.name(),
                cycle(execution, STAFFING_FOLLOW_UP_CYCLE, ServiceRequestProcess.DEFAULT_STAFFING_FOLLOW_UP_CYCLE));
        cycles.put(
                GOVERNANCE_CYCLE.name(),
                cycle(execution, GOVERNANCE_CYCLE, ServiceRequestProcess.DEFAULT_GOVERNANCE_CYCLE));
        cycles.put(
                TEAM_ASSESSMENT_CYCLE.name(),
                cycle(execution, TEAM_ASSESSMENT_CYCLE, ServiceRequestProcess.DEFAULT_TEAM_ASSESSMENT_CYCLE));
        cycles.put(
                INDIVIDUAL_ASSESSMENT_CYCLE.name(),
                cycle(
                        execution,
                        INDIVIDUAL_ASSESSMENT_CYCLE,
                        ServiceRequestProcess.DEFAULT_INDIVIDUAL_ASSESSMENT_CYCLE));
        cycle(execution, INVENTORY_REVIEW_CYCLE, ServiceRequestProcess.DEFAULT_INVENTORY_REVIEW_CYCLE);
        LocalDate start = date(execution, EXPECTED_START);
        LocalDate termEnd = date(execution, TERM_END);
        Client client = clients.require(required(execution, CLIENT_REFERENCE));
        // the term ends when its last day is over, in the client's time zone
        TERM_END_AT.set(
                execution,
                Date.from(termEnd.plusDays(1).atStartOfDay(client.getTimeZone()).toInstant()));
        String reference = businessKeys.next("SVC");
        register.openService(
                execution,
                new ManagedService(
                        reference,
                        client.getReference(),
                        requestReference,
                        required(execution, SERVICE_NAME),
                        serviceManager,
                        deliveryManager,
                        priceModel,
                        scope,
                        milestones,
                        hours,
                        start,
                        termEnd,
                        cycles,
                        now,
                        ProcessOrigin.of(execution)));
        SERVICE_REFERENCE.set(execution, reference);
        register.updateRequest(execution, "ACCEPT", request -> request.accepted(reference));
    }

    private String member(DelegateExecution execution, ProcessVariable<String> field, RoleGroup group) {
        String userId = required(execution, field);
        if (!register.isMember(userId, group)) {
            throw new InvalidInputException(
                    field.name(), "'" + userId + "' is not a " + group.displayName() + " (group " + group.id() + ")");
        }
        return userId;
    }

    private static Integer hours(DelegateExecution execution) {
        Object value = execution.getVariable(HOURS_PER_MONTH.name());
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            long hours = value instanceof Number number
                    ? number.longValue()
                    : Long.parseLong(value.toString().trim());
            if (hours < 1 || hours > 100_000) {
                throw new InvalidInputException(HOURS_PER_MONTH.name(), "must be between 1 and 100000");
            }
            return (int) hours;
        } catch (NumberFormatException notANumber) {
            throw new InvalidInputException(HOURS_PER_MONTH.name(), "must be a whole number");
        }
    }

    /** An ISO 8601 period (P1M, P3M, P2W) or duration (PT12H) for a recurring step's timer. */
    static String cycle(DelegateExecution execution, ProcessVariable<String> variable, String fallback) {
        String value = variable.text(execution);
        if (value == null) {
            value = fallback;
        } else {
            value = value.toUpperCase(Locale.ROOT);
            if (!validCycle(value)) {
                throw new InvalidInputException(
                        variable.name(), "must be an ISO 8601 period such as P1M, P3M or P2W, was '" + value + "'");
            }
        }
        variable.setIfChanged(execution, value);
        return value;
    }

    static boolean validCycle(String value) {
        try {
            if (value.startsWith("PT")) {
                return !Duration.parse(value).isNegative()
                        && !Duration.parse(value).isZero();
            }
            Period period = Period.parse(value);
            return !period.isNegative() && !period.isZero();
        } catch (DateTimeParseException invalid) {
            return false;
        }
    }

    // ------------------------------------------------------------------ resources

    private void allocate(DelegateExecution execution, Instant now) {
        String serviceReference = required(execution, SERVICE_REFERENCE);
        String resourceReference = required(execution, RESOURCE_REFERENCE);
        ServiceResource resource = register.findResource(resourceReference)
                .orElseThrow(() -> new InvalidInputException(
                        RESOURCE_REFERENCE.name(), "no resource '" + resourceReference + "' in the inventory"));
        if (resource.getStatus() != ResourceStatus.AVAILABLE) {
            throw new InvalidInputException(
                    RESOURCE_REFERENCE.name(), resourceReference + " is " + resource.getStatus() + ", not AVAILABLE");
        }
        if (register.openAllocation(execution.getProcessInstanceId(), resourceReference)
                .isPresent()) {
            return; // replayed step
        }
        register.allocate(execution, resource, serviceReference, required(execution, REQUESTED_FOR), now);
    }

    private void release(DelegateExecution execution, Instant now) {
        String resourceReference = required(execution, RESOURCE_REFERENCE);
        register.openAllocation(execution.getProcessInstanceId(), resourceReference)
                .ifPresent(allocation -> register.release(execution, allocation, now));
        RELEASE_NOTES.text(execution); // free text, kept as the variable
    }

    // ------------------------------------------------------------------ end of service

    private void endService(DelegateExecution execution, Instant now) {
        String serviceReference = required(execution, SERVICE_REFERENCE);
        for (ResourceAllocation allocation : register.openAllocations(serviceReference)) {
            register.release(execution, allocation, now);
        }
        register.leaveTeam(execution, serviceReference);
        String reason = END_REASON.text(execution);
        if (reason == null) {
            reason = "The contract term ended on " + date(execution, TERM_END) + ".";
        }
        String finalReason = join(reason, CONSOLIDATION.text(execution));
        END_REASON.setIfChanged(execution, reason);
        ManagedService ended =
                register.updateService(execution, serviceReference, "END", service -> service.end(finalReason, now));
        ServiceRequestProcess.LAST_SERVICE_OF_CLIENT.set(
                execution, !register.hasOtherActiveService(ended.getClientReference(), serviceReference));
    }

    // ------------------------------------------------------------------ reading variables

    private static String required(DelegateExecution execution, ProcessVariable<String> variable) {
        String value = variable.text(execution);
        if (value == null) {
            throw new InvalidInputException(variable.name(), "is required");
        }
        return value;
    }

    private static String limited(
            DelegateExecution execution, ProcessVariable<String> variable, int max, boolean required) {
        String value = required ? required(execution, variable) : variable.text(execution);
        if (value != null && value.length() > max) {
            throw new InvalidInputException(variable.name(), "at most " + max + " characters");
        }
        return value;
    }

    private static String oneOf(DelegateExecution execution, ProcessVariable<String> variable, Set<String> allowed) {
        String value = required(execution, variable);
        if (!allowed.contains(value)) {
            throw new InvalidInputException(
                    variable.name(),
                    "must be one of " + allowed.stream().sorted().toList() + ", was '" + value + "'");
        }
        return value;
    }

    private static LocalDate date(DelegateExecution execution, ProcessVariable<String> variable) {
        String value = required(execution, variable);
        try {
            // a form's date field or an API date; a date-time keeps its date part
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException invalid) {
            throw new InvalidInputException(variable.name(), "must be a date (yyyy-MM-dd), was '" + value + "'");
        }
    }

    /**
     * A list from the API, or the form's comma-separated text turned into the list once (an ArrayList:
     * the engine's type allow-list refuses immutable lists).
     */
    private static List<String> list(DelegateExecution execution, ProcessVariable<List<String>> variable) {
        Object value = execution.getVariable(variable.name());
        List<String> items = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            collection.stream()
                    .filter(item -> item != null && !item.toString().isBlank())
                    .map(item -> item.toString().trim())
                    .forEach(items::add);
        } else if (value != null) {
            for (String part : value.toString().split(",")) {
                if (!part.isBlank()) {
                    items.add(part.trim());
                }
            }
        }
        if (items.size() > 50 || items.stream().anyMatch(item -> item.length() > 200)) {
            throw new InvalidInputException(variable.name(), "at most 50 items of at most 200 characters");
        }
        if (!(value instanceof ArrayList<?>) || !items.equals(value)) {
            execution.setVariable(variable.name(), items);
        }
        return items;
    }

    private static String join(String first, String second) {
        if (second == null) {
            return first;
        }
        return first == null ? second : first + "\n" + second;
    }
}
