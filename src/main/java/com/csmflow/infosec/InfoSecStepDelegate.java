package com.csmflow.infosec;

import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;
import static com.csmflow.infosec.InfoSecProcess.*;

import com.csmflow.api.InvalidInputException;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.forms.FormDates;
import com.csmflow.forms.FormOptions;
import com.csmflow.register.BusinessKeys;
import com.csmflow.register.ProcessOrigin;
import com.csmflow.register.RegisterEntries;
import com.csmflow.security.RoleGroup;
import com.csmflow.servicerequest.ManagedService;
import com.csmflow.servicerequest.ServiceDirectory;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * The machine steps of the {@code infosec} workflow (seed 003 §2.2.5), input {@code step}:
 * <ul>
 *   <li>{@code OPEN}: the service from the service register (client, SM, DM); the first version will be INITIAL.</li>
 *   <li>{@code CRITERIA}: the client's or partner's criteria checked (signed needs the date) and kept in the
 *       generic register {@code infosec-criteria} (Q28).</li>
 *   <li>{@code ISSUE_PLAN}: a new version of criteria and plan (Q30, Q35); the previous one is superseded, a
 *       security event whose lessons it takes up is marked APPLIED.</li>
 *   <li>{@code IMPLEMENTED}: configuration data and action report on the current version (Q31).</li>
 *   <li>{@code TRAINING}: one training record per team member trained (Q32), through {@link TrainingRecorder}.</li>
 *   <li>{@code PENDING_EVENT}: a security event of the service whose lessons arrived while the loop was not
 *       watching is taken up now.</li>
 *   <li>{@code MONITORING}: a monitoring round's report kept in {@code infosec-monitoring} (Q33).</li>
 *   <li>{@code CONTROLS_DUE}: the controls of the service and the client-wide ones due for review today (F11).</li>
 *   <li>{@code CONTROL_REVIEW}: each due control reviewed (effective or not), its next review a cycle on; a control
 *       not effective becomes a finding of the monitoring round, with the plan update proposed.</li>
 *   <li>{@code LESSONS}: the plan's actions run for a security event and its lessons (Q34), kept in
 *       {@code infosec-plan-action}.</li>
 * </ul>
 * Form input is checked here and refused with a 400 naming the field, before anything is written.
 */
@Component("infosecStep")
class InfoSecStepDelegate implements InputReadingDelegate {

    static final Set<String> INTERNAL_CRITERIA_CATALOGUE = Set.of(
            "access-control",
            "cryptography",
            "logging-monitoring",
            "backup-recovery",
            "secure-development",
            "supplier-security",
            "incident-management",
            "business-continuity",
            "physical-security",
            "awareness-training",
            "data-protection",
            "vulnerability-management");
    static final Set<String> MONITORING_CYCLES = Set.of("P1W", "P2W", "P1M", "P3M");
    static final String DEFAULT_MONITORING_CYCLE = "P1M";
    static final String CRITERIA_REGISTER = "infosec-criteria";
    static final String MONITORING_REGISTER = "infosec-monitoring";
    static final String PLAN_ACTION_REGISTER = "infosec-plan-action";

    private final InfoSecPlanRepository plans;
    private final SecurityEventRepository events;
    private final SecurityControlRepository controls;
    private final ServiceDirectory services;
    private final RegisterEntries entries;
    private final RegisterAudit audit;
    private final BusinessKeys businessKeys;
    private final TrainingRecorder training;
    private final FormOptions formOptions;
    private final EngineIdentity engineIdentity;
    private final Clock clock;

    @SuppressWarnings("java:S107")
    InfoSecStepDelegate(
            InfoSecPlanRepository plans,
            SecurityEventRepository events,
            SecurityControlRepository controls,
            ServiceDirectory services,
            RegisterEntries entries,
            RegisterAudit audit,
            BusinessKeys businessKeys,
            TrainingRecorder training,
            FormOptions formOptions,
            EngineIdentity engineIdentity,
            Clock clock) {
        this.plans = plans;
        this.events = events;
        this.controls = controls;
        this.services = services;
        this.entries = entries;
        this.audit = audit;
        this.businessKeys = businessKeys;
        this.training = training;
        this.formOptions = formOptions;
        this.engineIdentity = engineIdentity;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String step = DelegateInputs.read(execution, Set.of("step")).requiredText("step");
        switch (step) {
            case "OPEN" -> open(execution);
            case "CRITERIA" -> criteria(execution);
            case "ISSUE_PLAN" -> issuePlan(execution);
            case "IMPLEMENTED" -> implemented(execution);
            case "TRAINING" -> training(execution);
            case "PENDING_EVENT" -> pendingEvent(execution);
            case "MONITORING" -> monitoring(execution);
            case "CONTROLS_DUE" -> controlsDue(execution);
            case "CONTROL_REVIEW" -> controlReview(execution);
            case "LESSONS" -> lessons(execution);
            default -> throw new IllegalArgumentException("Unknown infosec step '" + step + "'");
        }
    }

    private void open(DelegateExecution execution) {
        String reference = SERVICE_REFERENCE.text(execution);
        if (reference == null) {
            reference = execution.getProcessBusinessKey();
        }
        String serviceReference = reference;
        ManagedService service = services.find(serviceReference)
                .orElseThrow(
                        () -> new IllegalStateException("No service " + serviceReference + " in the service register"));
        SERVICE_REFERENCE.set(execution, service.getReference());
        CLIENT_REFERENCE.set(execution, service.getClientReference());
        SERVICE_MANAGER.set(execution, service.getServiceManager());
        DELIVERY_MANAGER.set(execution, service.getDeliveryManager());
        PLAN_BASIS.set(execution, PlanBasis.INITIAL.name());
        if (MONITORING_CYCLE.text(execution) == null) {
            MONITORING_CYCLE.set(execution, DEFAULT_MONITORING_CYCLE);
        }
        CRITERIA_SIGNED.set(execution, Boolean.TRUE.equals(execution.getVariable(CRITERIA_SIGNED.name())));
        UPDATE_NEEDED.set(execution, false);
        EVENT_PENDING.set(execution, false);
    }

    private void criteria(DelegateExecution execution) {
        String criteria = required(execution, CLIENT_CRITERIA.name(), 4000);
        String source = source(execution);
        boolean signed = Boolean.TRUE.equals(execution.getVariable(CRITERIA_SIGNED.name()));
        LocalDate signedOn = signed
                ? FormDates.required(
                        execution.getVariable(CRITERIA_SIGNED_ON.name()),
                        CRITERIA_SIGNED_ON.name(),
                        "when the criteria are signed")
                : null;
        if (signedOn != null
                && signedOn.isAfter(LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)
                        .plusDays(1))) {
            throw new InvalidInputException(CRITERIA_SIGNED_ON.name(), "cannot be in the future");
        }
        CRITERIA_SIGNED.set(execution, signed);
        CRITERIA_SIGNED_ON.set(execution, signedOn == null ? null : signedOn.toString());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serviceReference", SERVICE_REFERENCE.get(execution));
        data.put("clientCriteria", criteria);
        data.put("criteriaSource", source);
        data.put("criteriaSigned", signed);
        data.put("criteriaSignedOn", signedOn == null ? null : signedOn.toString());
        data.put("receivedBy", engineIdentity.currentUserId());
        entries.recordOnce(execution, CRITERIA_REGISTER, SERVICE_REFERENCE.get(execution), null, data);
    }

    private void issuePlan(DelegateExecution execution) {
        List<String> internal = internalCriteria(execution);
        String serviceCriteria = required(execution, SERVICE_CRITERIA.name(), 4000);
        String mitigation = required(execution, MITIGATION_ACTIONS.name(), 4000);
        String contingency = required(execution, CONTINGENCY_ACTIONS.name(), 4000);
        String cycle = MONITORING_CYCLE.text(execution) == null
                ? DEFAULT_MONITORING_CYCLE
                : MONITORING_CYCLE.text(execution).toUpperCase(Locale.ROOT);
        if (!MONITORING_CYCLES.contains(cycle)) {
            throw new InvalidInputException(MONITORING_CYCLE.name(), "must be one of " + MONITORING_CYCLES);
        }
        PlanBasis basis = PlanBasis.valueOf(PLAN_BASIS.get(execution, PlanBasis.INITIAL.name()));
        String lessons = basis == PlanBasis.INITIAL ? null : PLAN_LESSONS.text(execution);
        if (basis != PlanBasis.INITIAL && lessons == null) {
            throw new InvalidInputException(PLAN_LESSONS.name(), "say which actions and lessons this version takes up");
        }
        String serviceReference = SERVICE_REFERENCE.get(execution);
        InfoSecPlan previous = plans.findFirstByServiceReferenceOrderByVersionDesc(serviceReference)
                .orElse(null);
        if (previous != null
                && previous.getOrigin() != null
                && !execution.getProcessInstanceId().equals(previous.getOrigin().getProcessInstanceId())) {
            throw new IllegalStateException("The InfoSec plan of " + serviceReference + " belongs to process instance "
                    + previous.getOrigin().getProcessInstanceId());
        }
        String basisReference = basis == PlanBasis.SECURITY_EVENT ? SECURITY_EVENT_REFERENCE.text(execution) : null;
        int version = previous == null ? 1 : previous.getVersion() + 1;
        if (previous != null) {
            Map<String, Object> before = previous.auditView();
            previous.supersede();
            audit.record(
                    execution,
                    InfoSecPlans.REGISTER,
                    previous.getReference(),
                    "SUPERSEDE",
                    before,
                    previous.auditView());
        }
        Object signedOn = execution.getVariable(CRITERIA_SIGNED_ON.name());
        InfoSecPlan plan = plans.save(new InfoSecPlan(
                businessKeys.next("ISP"),
                CLIENT_REFERENCE.get(execution),
                serviceReference,
                version,
                basis,
                basisReference,
                new InfoSecPlan.Criteria(
                        required(execution, CLIENT_CRITERIA.name(), 4000),
                        source(execution),
                        Boolean.TRUE.equals(execution.getVariable(CRITERIA_SIGNED.name())),
                        signedOn == null ? null : FormDates.required(signedOn, CRITERIA_SIGNED_ON.name(), ""),
                        String.join(", ", internal),
                        serviceCriteria,
                        mitigation,
                        contingency,
                        cycle),
                lessons,
                engineIdentity.currentUserId(),
                clock.instant(),
                ProcessOrigin.of(execution)));
        audit.record(
                execution,
                InfoSecPlans.REGISTER,
                plan.getReference(),
                RegisterAudit.CREATE,
                Map.of(),
                plan.auditView());
        if (basisReference != null) {
            events.findByReference(basisReference).ifPresent(event -> {
                Map<String, Object> before = event.auditView();
                event.feedback(PlanFeedback.APPLIED, version);
                audit.record(
                        execution,
                        SecurityEvents.REGISTER,
                        event.getReference(),
                        RegisterAudit.UPDATE,
                        before,
                        event.auditView());
            });
        }
        INTERNAL_CRITERIA.set(execution, new ArrayList<>(internal));
        MONITORING_CYCLE.set(execution, cycle);
        PLAN_VERSION.set(execution, (long) version);
        PLAN_REFERENCE.set(execution, plan.getReference());
        UPDATE_NEEDED.set(execution, false);
        EVENT_PENDING.set(execution, false);
    }

    private void implemented(DelegateExecution execution) {
        String configuration = required(execution, CONFIGURATION_DATA.name(), 4000);
        String report = required(execution, ACTION_REPORT.name(), 4000);
        InfoSecPlan plan = current(execution);
        Map<String, Object> before = plan.auditView();
        plan.implemented(configuration, report, engineIdentity.currentUserId(), clock.instant());
        audit.record(execution, InfoSecPlans.REGISTER, plan.getReference(), "IMPLEMENT", before, plan.auditView());
    }

    private void training(DelegateExecution execution) {
        String topic = required(execution, TRAINING_TOPIC.name(), 200);
        String material = optional(execution, TRAINING_MATERIAL.name(), 1000);
        List<String> members = members(execution.getVariable(TRAINED_MEMBERS.name()));
        if (members.isEmpty()) {
            throw new InvalidInputException(TRAINED_MEMBERS.name(), "choose at least one team member");
        }
        for (String member : members) {
            if (!formOptions.isMemberOfAny(member, Arrays.asList(RoleGroup.values()))) {
                throw new InvalidInputException(TRAINED_MEMBERS.name(), "'" + member + "' is no member of staff");
            }
        }
        LocalDate trainedOn = FormDates.required(
                execution.getVariable(TRAINED_ON.name()), TRAINED_ON.name(), "for the training record");
        TRAINED_MEMBERS.set(execution, new ArrayList<>(members));
        long version = PLAN_VERSION.get(execution, 0L);
        for (String member : members) {
            training.record(execution, SERVICE_REFERENCE.get(execution), member, topic, material, trainedOn, version);
        }
    }

    private void pendingEvent(DelegateExecution execution) {
        SecurityEvent pending = events.findFirstByServiceReferenceAndPlanFeedbackOrderByIdAsc(
                        SERVICE_REFERENCE.get(execution), PlanFeedback.PENDING)
                .orElse(null);
        EVENT_PENDING.set(execution, pending != null);
        if (pending != null) {
            Map<String, Object> before = pending.auditView();
            pending.feedback(PlanFeedback.DELIVERED, null);
            audit.record(
                    execution,
                    SecurityEvents.REGISTER,
                    pending.getReference(),
                    RegisterAudit.UPDATE,
                    before,
                    pending.auditView());
            SECURITY_EVENT_REFERENCE.set(execution, pending.getReference());
            PLAN_LESSONS.set(execution, pending.getLessons());
        }
    }

    private void monitoring(DelegateExecution execution) {
        String report = required(execution, MONITORING_REPORT.name(), 4000);
        String findings = optional(execution, MONITORING_FINDINGS.name(), 4000);
        boolean update = Boolean.TRUE.equals(execution.getVariable(UPDATE_NEEDED.name()));
        if (update && findings == null) {
            throw new InvalidInputException(MONITORING_FINDINGS.name(), "say what must change in the criteria or plan");
        }
        UPDATE_NEEDED.set(execution, update);
        Instant now = clock.instant();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serviceReference", SERVICE_REFERENCE.get(execution));
        data.put("planVersion", PLAN_VERSION.get(execution));
        data.put("report", report);
        data.put("findings", findings);
        data.put("updateNeeded", update);
        data.put("monitoredBy", engineIdentity.currentUserId());
        data.put("monitoredAt", now.toString());
        entries.recordOnce(execution, MONITORING_REGISTER, SERVICE_REFERENCE.get(execution) + "@" + now, null, data);
        if (update) {
            PLAN_BASIS.set(execution, PlanBasis.MONITORING.name());
            PLAN_LESSONS.set(execution, findings);
        }
    }

    private void controlsDue(DelegateExecution execution) {
        String client = CLIENT_REFERENCE.text(execution);
        List<SecurityControl> due =
                controls.dueForReview(client, SERVICE_REFERENCE.get(execution), LocalDate.now(clock));
        List<String> references = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (SecurityControl control : due) {
            references.add(control.getReference());
            text.append("- **")
                    .append(control.getReference())
                    .append("** ")
                    .append(control.getName())
                    .append(" (")
                    .append(control.getCategory().name().toLowerCase(Locale.ROOT))
                    .append(", owner ")
                    .append(control.getOwner())
                    .append(", due ")
                    .append(control.getNextReviewOn())
                    .append(control.getServiceReference() == null ? ", client-wide" : "")
                    .append(")\n");
        }
        CONTROLS_DUE.set(execution, references);
        CONTROLS_DUE_COUNT.set(execution, (long) references.size());
        CONTROLS_DUE_TEXT.set(execution, text.toString());
    }

    private void controlReview(DelegateExecution execution) {
        List<String> due = CONTROLS_DUE.get(execution) == null ? List.of() : CONTROLS_DUE.get(execution);
        String notes = required(execution, CONTROL_REVIEW_NOTES.name(), 4000);
        Set<String> ineffective = new LinkedHashSet<>();
        String typed = optional(execution, INEFFECTIVE_CONTROLS.name(), 2000);
        if (typed != null) {
            for (String reference : typed.toUpperCase(Locale.ROOT).split("[,;\\s]+")) {
                if (reference.isBlank()) {
                    continue;
                }
                if (!due.contains(reference)) {
                    throw new InvalidInputException(
                            INEFFECTIVE_CONTROLS.name(), reference + " is not one of the controls due: " + due);
                }
                ineffective.add(reference);
            }
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        String reviewer = engineIdentity.currentUserId();
        for (SecurityControl control : controls.findByReferenceIn(due)) {
            Map<String, Object> before = control.auditView();
            control.reviewed(!ineffective.contains(control.getReference()), notes, reviewer, now, today);
            controls.save(control);
            audit.record(
                    execution,
                    SecurityRegisters.CONTROL_REGISTER,
                    control.getReference(),
                    RegisterAudit.UPDATE,
                    before,
                    control.auditView());
        }
        if (!ineffective.isEmpty()) {
            // proposed to the monitoring round that follows: its form shows the box ticked and the finding
            UPDATE_NEEDED.set(execution, true);
            MONITORING_FINDINGS.set(
                    execution, "Controls in need of improvement: " + String.join(", ", ineffective) + ". " + notes);
        }
    }

    private void lessons(DelegateExecution execution) {
        String actions = required(execution, PLAN_ACTIONS_TAKEN.name(), 4000);
        String lessons = required(execution, PLAN_LESSONS.name(), 4000);
        String eventReference = SECURITY_EVENT_REFERENCE.text(execution);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serviceReference", SERVICE_REFERENCE.get(execution));
        data.put("securityEventReference", eventReference);
        data.put("planVersion", PLAN_VERSION.get(execution));
        data.put("actionsTaken", actions);
        data.put("lessons", lessons);
        data.put("recordedBy", engineIdentity.currentUserId());
        entries.recordOnce(
                execution,
                PLAN_ACTION_REGISTER,
                eventReference == null ? SERVICE_REFERENCE.get(execution) + "@" + clock.instant() : eventReference,
                null,
                data);
        PLAN_BASIS.set(execution, PlanBasis.SECURITY_EVENT.name());
    }

    private InfoSecPlan current(DelegateExecution execution) {
        return plans.findFirstByServiceReferenceOrderByVersionDesc(SERVICE_REFERENCE.get(execution))
                .orElseThrow(() -> new IllegalStateException(
                        "No InfoSec plan of " + SERVICE_REFERENCE.get(execution) + " in the register"));
    }

    private static String source(DelegateExecution execution) {
        Object value = execution.getVariable(CRITERIA_SOURCE.name());
        String source = value == null ? "" : value.toString().trim().toUpperCase(Locale.ROOT);
        if (!Set.of("CLIENT", "PARTNER").contains(source)) {
            throw new InvalidInputException(CRITERIA_SOURCE.name(), "must be client or partner");
        }
        return source;
    }

    private static List<String> internalCriteria(DelegateExecution execution) {
        List<String> picked = members(execution.getVariable(INTERNAL_CRITERIA.name()));
        if (picked.isEmpty()) {
            throw new InvalidInputException(INTERNAL_CRITERIA.name(), "pick at least one internal criterion");
        }
        for (String criterion : picked) {
            if (!INTERNAL_CRITERIA_CATALOGUE.contains(criterion)) {
                throw new InvalidInputException(
                        INTERNAL_CRITERIA.name(), "'" + criterion + "' is none of the internal criteria");
            }
        }
        return picked;
    }

    static List<String> members(Object value) {
        Set<String> members = new LinkedHashSet<>();
        if (value instanceof SpinJsonNode json && json.isArray()) {
            json.elements()
                    .forEach(element -> members.add(element.isString() ? element.stringValue() : element.toString()));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(item -> members.add(String.valueOf(item)));
        } else if (value != null) {
            members.addAll(Arrays.asList(value.toString().split("[,;\\s]+")));
        }
        members.removeIf(member -> member == null || member.isBlank());
        return members.stream().map(String::trim).toList();
    }

    private static String required(DelegateExecution execution, String field, int max) {
        String text = optional(execution, field, max);
        if (text == null) {
            throw new InvalidInputException(field, "is required");
        }
        return text;
    }

    private static String optional(DelegateExecution execution, String field, int max) {
        Object value = execution.getVariable(field);
        String text = value == null ? "" : value.toString().trim();
        if (text.length() > max) {
            throw new InvalidInputException(field, "has at most " + max + " characters");
        }
        return text.isEmpty() ? null : text;
    }
}
