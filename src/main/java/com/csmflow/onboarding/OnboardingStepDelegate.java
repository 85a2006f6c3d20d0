package com.csmflow.onboarding;

import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;
import static com.csmflow.onboarding.OnboardingProcess.AGREED_HOURS;
import static com.csmflow.onboarding.OnboardingProcess.AGREED_PACKAGE;
import static com.csmflow.onboarding.OnboardingProcess.CONTINUITY_AGREED;
import static com.csmflow.onboarding.OnboardingProcess.DEVICE_COUNT;
import static com.csmflow.onboarding.OnboardingProcess.DOCUMENTATION_DUE;
import static com.csmflow.onboarding.OnboardingProcess.DOCUMENTATION_REMINDER;
import static com.csmflow.onboarding.OnboardingProcess.DOCUMENTS_COMPLETE;
import static com.csmflow.onboarding.OnboardingProcess.MISSING_DOCUMENTS;
import static com.csmflow.onboarding.OnboardingProcess.MONTHLY_SPEND;
import static com.csmflow.onboarding.OnboardingProcess.OVERRULE_REASON;
import static com.csmflow.onboarding.OnboardingProcess.RECOMMENDED_BASE_HOURS;
import static com.csmflow.onboarding.OnboardingProcess.RECOMMENDED_HOURS;
import static com.csmflow.onboarding.OnboardingProcess.RECOMMENDED_PACKAGE;
import static com.csmflow.onboarding.OnboardingProcess.RECOMMENDED_SUPPLEMENTAL_HOURS;
import static com.csmflow.onboarding.OnboardingProcess.TECHNOLOGY_GROUPS;
import static com.csmflow.onboarding.OnboardingProcess.TIER_CONFIRMED;
import static com.csmflow.onboarding.OnboardingProcess.TIER_CONTRACT;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.InvalidInputException;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Clients;
import com.csmflow.client.ContractHours;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.engine.ProcessVariable;
import com.csmflow.register.BusinessKeys;
import com.csmflow.register.ProcessOrigin;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The platform's steps of {@code client-onboarding}, input {@code step}:
 * <ul>
 *   <li>{@code STARTED}: the client must be active; spend, technology groups and devices are checked and
 *       stored as numbers the hour tier reads; the documentation due and reminder default; the
 *       onboarding register's row is written (its ONB reference the business key).</li>
 *   <li>{@code TIER_RECOMMENDED}: the table's single result spread into variables the CSM's form shows.</li>
 *   <li>{@code TIER_DECIDED}: confirmed, the recommendation is agreed; overruled, the CSM's package, hours and
 *       reason are required; the agreed package and hours are recorded on the client's current contract
 *       ({@code tierContractReference}).</li>
 *   <li>{@code CHECK_DOCUMENTS}: which required documents the client's register still lacks.</li>
 *   <li>{@code CLOSED}: the register row closes (the cadence of issue 18 item 5 will start here).</li>
 * </ul>
 */
@Component("onboardingSteps")
class OnboardingStepDelegate implements InputReadingDelegate {

    static final String STEP = "step";
    static final String REGISTER = "client_onboarding";
    static final String TIER_RECOMMENDATION = "tierRecommendation";
    static final String MISSING_DOCUMENTS_TEXT = "missingDocumentsText";

    private final Clients clients;
    private final ContractHours contractHours;
    private final ClientDocuments documents;
    private final ClientOnboardingRepository onboardings;
    private final BusinessKeys businessKeys;
    private final RegisterAudit audit;
    private final Clock clock;

    OnboardingStepDelegate(
            Clients clients,
            ContractHours contractHours,
            ClientDocuments documents,
            ClientOnboardingRepository onboardings,
            BusinessKeys businessKeys,
            RegisterAudit audit,
            Clock clock) {
        this.clients = clients;
        this.contractHours = contractHours;
        this.documents = documents;
        this.onboardings = onboardings;
        this.businessKeys = businessKeys;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String step = DelegateInputs.read(execution, Set.of(STEP)).requiredText(STEP);
        switch (step) {
            case "STARTED" -> started(execution);
            case "TIER_RECOMMENDED" -> {
                recommended(execution);
                update(
                        execution,
                        row -> row.recommended(
                                RECOMMENDED_PACKAGE.get(execution), Math.toIntExact(RECOMMENDED_HOURS.get(execution))));
            }
            case "TIER_DECIDED" -> {
                decided(execution);
                update(
                        execution,
                        row -> row.agreed(
                                AGREED_PACKAGE.get(execution),
                                Math.toIntExact(AGREED_HOURS.get(execution)),
                                OVERRULE_REASON.get(execution)));
                recordOnContract(execution);
            }
            case "CHECK_DOCUMENTS" -> checkDocuments(execution);
            case "CLOSED" -> update(execution, row -> row.close(clock.instant()));
            default -> throw new IllegalArgumentException("Unknown onboarding step '" + step + "'");
        }
    }

    private void started(DelegateExecution execution) {
        try {
            CLIENT_REFERENCE.set(
                    execution, clients.require(CLIENT_REFERENCE.text(execution)).getReference());
        } catch (InvalidFieldException invalid) {
            throw InvalidInputException.of(invalid);
        }
        Number spend = number(execution, MONTHLY_SPEND);
        if (spend.doubleValue() < 0) {
            throw new InvalidInputException(MONTHLY_SPEND.name(), "must be 0 or more");
        }
        MONTHLY_SPEND.set(execution, spend.doubleValue());
        Number groups = number(execution, TECHNOLOGY_GROUPS);
        if (groups.longValue() < 1 || groups.longValue() > 20) {
            throw new InvalidInputException(TECHNOLOGY_GROUPS.name(), "must be between 1 and 20");
        }
        TECHNOLOGY_GROUPS.set(execution, groups.longValue());
        Number devices = number(execution, DEVICE_COUNT);
        if (devices.longValue() < 0 || devices.longValue() > 1_000_000) {
            throw new InvalidInputException(DEVICE_COUNT.name(), "must be between 0 and 1000000");
        }
        DEVICE_COUNT.set(execution, devices.longValue());
        CONTINUITY_AGREED.set(execution, Boolean.TRUE.equals(execution.getVariable(CONTINUITY_AGREED.name())));
        String due = duration(execution, DOCUMENTATION_DUE, OnboardingProcess.DEFAULT_DOCUMENTATION_DUE);
        String reminder = duration(execution, DOCUMENTATION_REMINDER, OnboardingProcess.DEFAULT_DOCUMENTATION_REMINDER);
        DOCUMENTATION_DUE.set(execution, due);
        DOCUMENTATION_REMINDER.set(execution, reminder);
        open(execution);
    }

    /**
     * Writes the register row. An instance from the API has its ONB business key already; one from the
     * start form gets it here. One open onboarding per client: a second is refused naming the client.
     */
    private void open(DelegateExecution execution) {
        String client = CLIENT_REFERENCE.get(execution);
        boolean another = onboardings.findByClientReferenceAndStatus(client, ClientOnboarding.Status.OPEN).stream()
                .anyMatch(row -> row.getOrigin() == null
                        || !execution
                                .getProcessInstanceId()
                                .equals(row.getOrigin().getProcessInstanceId()));
        if (another) {
            throw new InvalidInputException(CLIENT_REFERENCE.name(), "this client is already being onboarded");
        }
        String reference = execution.getProcessBusinessKey();
        if (reference == null) {
            reference = businessKeys.next("ONB");
            execution.setProcessBusinessKey(reference);
        }
        ClientOnboarding row = onboardings.save(new ClientOnboarding(
                reference,
                client,
                BigDecimal.valueOf(MONTHLY_SPEND.get(execution)),
                Math.toIntExact(TECHNOLOGY_GROUPS.get(execution)),
                Math.toIntExact(DEVICE_COUNT.get(execution)),
                CONTINUITY_AGREED.get(execution),
                clock.instant(),
                ProcessOrigin.of(execution)));
        audit.record(execution, REGISTER, row.getReference(), RegisterAudit.CREATE, Map.of(), row.auditView());
    }

    private void update(DelegateExecution execution, Consumer<ClientOnboarding> change) {
        ClientOnboarding row = onboardings
                .findByReference(execution.getProcessBusinessKey())
                .orElseThrow(() -> new IllegalStateException(
                        "No onboarding " + execution.getProcessBusinessKey() + " in the register"));
        if (row.getOrigin() == null
                || !execution.getProcessInstanceId().equals(row.getOrigin().getProcessInstanceId())) {
            // never write another instance's row
            throw new IllegalStateException(
                    "Onboarding " + row.getReference() + " belongs to another process instance");
        }
        Map<String, Object> before = row.auditView();
        change.accept(row);
        audit.record(execution, REGISTER, row.getReference(), RegisterAudit.UPDATE, before, row.auditView());
    }

    /**
     * The contract records the agreed tier (issue 18 part 3): package and base hours a month on the client's
     * contract in force today in the client's zone (or the next to start); none: the register row keeps it.
     */
    private void recordOnContract(DelegateExecution execution) {
        String client = CLIENT_REFERENCE.get(execution);
        java.time.LocalDate today = clock.instant()
                .atZone(clients.findByReference(client)
                        .orElseThrow(() -> new IllegalStateException("No client " + client))
                        .getTimeZone())
                .toLocalDate();
        TIER_CONTRACT.set(
                execution,
                contractHours
                        .recordHourTier(
                                client,
                                AGREED_PACKAGE.get(execution),
                                Math.toIntExact(AGREED_HOURS.get(execution)),
                                today)
                        .orElse(null));
    }

    private static void recommended(DelegateExecution execution) {
        Object result = execution.getVariable(TIER_RECOMMENDATION);
        if (!(result instanceof Map<?, ?> entries)) {
            throw new IllegalStateException("The hour tier table gave no single result: " + result);
        }
        RECOMMENDED_PACKAGE.set(execution, (String) entries.get(RECOMMENDED_PACKAGE.name()));
        RECOMMENDED_BASE_HOURS.set(execution, ((Number) entries.get(RECOMMENDED_BASE_HOURS.name())).longValue());
        RECOMMENDED_SUPPLEMENTAL_HOURS.set(
                execution, ((Number) entries.get(RECOMMENDED_SUPPLEMENTAL_HOURS.name())).longValue());
        RECOMMENDED_HOURS.set(execution, ((Number) entries.get(RECOMMENDED_HOURS.name())).longValue());
        execution.removeVariable(TIER_RECOMMENDATION);
    }

    private static void decided(DelegateExecution execution) {
        if (Boolean.TRUE.equals(execution.getVariable(TIER_CONFIRMED.name()))) {
            AGREED_PACKAGE.set(execution, RECOMMENDED_PACKAGE.get(execution));
            AGREED_HOURS.set(execution, RECOMMENDED_HOURS.get(execution));
            OVERRULE_REASON.set(execution, null);
            return;
        }
        String reason = OVERRULE_REASON.text(execution);
        if (reason == null) {
            throw new InvalidInputException(OVERRULE_REASON.name(), "is required when the recommendation is overruled");
        }
        String agreedPackage = AGREED_PACKAGE.text(execution);
        if (agreedPackage == null) {
            throw new InvalidInputException(AGREED_PACKAGE.name(), "is required when the recommendation is overruled");
        }
        Object hours = execution.getVariable(AGREED_HOURS.name());
        if (!(hours instanceof Number number) || number.doubleValue() < 1 || number.doubleValue() > 1000) {
            throw new InvalidInputException(AGREED_HOURS.name(), "must be between 1 and 1000 hours a month");
        }
        AGREED_PACKAGE.set(execution, agreedPackage);
        AGREED_HOURS.set(execution, Math.round(number.doubleValue()));
        OVERRULE_REASON.set(execution, reason);
    }

    private void checkDocuments(DelegateExecution execution) {
        List<DocumentKind> missing = documents.missing(
                CLIENT_REFERENCE.get(execution), Boolean.TRUE.equals(CONTINUITY_AGREED.get(execution)));
        MISSING_DOCUMENTS.set(
                execution, new ArrayList<>(missing.stream().map(Enum::name).toList()));
        execution.setVariable(
                MISSING_DOCUMENTS_TEXT,
                String.join(", ", missing.stream().map(DocumentKind::label).toList()));
        DOCUMENTS_COMPLETE.set(execution, missing.isEmpty());
    }

    private static Number number(DelegateExecution execution, ProcessVariable<?> variable) {
        Object value = execution.getVariable(variable.name());
        if (value instanceof String text && !text.isBlank()) {
            try {
                return Double.valueOf(text.trim());
            } catch (NumberFormatException notANumber) {
                throw new InvalidInputException(variable.name(), "must be a number");
            }
        }
        if (!(value instanceof Number number) || Double.isNaN(number.doubleValue())) {
            throw new InvalidInputException(variable.name(), "is required");
        }
        return number;
    }

    /** An ISO 8601 duration the timer accepts (P60D, PT36H), the default when none was given. */
    private static String duration(DelegateExecution execution, ProcessVariable<String> variable, String fallback) {
        String text = variable.text(execution);
        if (text == null) {
            return fallback;
        }
        try {
            if (text.contains("T")) {
                Duration.parse(text);
            } else {
                Period.parse(text);
            }
        } catch (DateTimeParseException invalid) {
            throw new InvalidInputException(variable.name(), "must be an ISO 8601 duration such as P60D");
        }
        return text;
    }
}
