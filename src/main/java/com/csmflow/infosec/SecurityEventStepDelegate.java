package com.csmflow.infosec;

import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;
import static com.csmflow.engine.CaseVariables.CLIENT_TIER;
import static com.csmflow.engine.CaseVariables.PRIORITY;
import static com.csmflow.engine.CaseVariables.SOURCE_BUSINESS_KEY;
import static com.csmflow.infosec.SecurityEventProcess.*;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.InvalidInputException;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Clients;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.register.ProcessOrigin;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The register steps of {@code security-event} (seed 004 PR6.4), input {@code step}:
 * <ul>
 *   <li>{@code RECORD}: an event raised through the API already has its row (business key = reference) and
 *       is linked to the instance; one from the start form or the {@code security-event-raised} message is
 *       checked and written here, its SEC reference becomes the business key.</li>
 *   <li>{@code CLASSIFY}: the decision table's severity, priority, incident, escalation and client flags.</li>
 *   <li>{@code HANDLED}: the handling form (actions taken, cause known or not, lessons, resolution).</li>
 *   <li>{@code FEED_PLAN}: the lessons go to the InfoSec loop of the event's service (message
 *       {@code infosec-security-event}, correlated by the service reference); when that loop is not
 *       watching just now, the event waits there as PENDING and is taken up when it watches again.</li>
 *   <li>{@code CLOSE}: the event is closed.</li>
 * </ul>
 */
@Component("securityEventStep")
class SecurityEventStepDelegate implements InputReadingDelegate {

    private static final Logger log = LoggerFactory.getLogger(SecurityEventStepDelegate.class);

    private final SecurityEventRepository events;
    private final SecurityEvents register;
    private final Clients clients;
    private final RegisterAudit audit;
    private final RuntimeService runtimeService;
    private final EngineIdentity engineIdentity;
    private final Clock clock;

    @SuppressWarnings("java:S107")
    SecurityEventStepDelegate(
            SecurityEventRepository events,
            SecurityEvents register,
            Clients clients,
            RegisterAudit audit,
            RuntimeService runtimeService,
            EngineIdentity engineIdentity,
            Clock clock) {
        this.events = events;
        this.register = register;
        this.clients = clients;
        this.audit = audit;
        this.runtimeService = runtimeService;
        this.engineIdentity = engineIdentity;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String step = DelegateInputs.read(execution, Set.of("step")).requiredText("step");
        if ("RECORD".equals(step)) {
            record(execution);
            return;
        }
        SecurityEvent event = events.findByReference(EVENT_REFERENCE.get(execution))
                .orElseThrow(() -> new IllegalStateException(
                        "No security event " + EVENT_REFERENCE.get(execution) + " in the register"));
        Map<String, Object> before = event.auditView();
        String action = RegisterAudit.UPDATE;
        switch (step) {
            case "CLASSIFY" -> {
                event.classify(
                        SecuritySeverity.valueOf(SEVERITY.get(execution).toUpperCase(Locale.ROOT)),
                        PRIORITY.get(execution),
                        Boolean.TRUE.equals(INCIDENT.get(execution)),
                        Boolean.TRUE.equals(ESCALATE.get(execution)),
                        Boolean.TRUE.equals(INFORM_CLIENT.get(execution)));
                action = "CLASSIFY";
            }
            case "HANDLED" -> {
                handled(execution, event);
                action = "HANDLE";
            }
            case "FEED_PLAN" -> feedPlan(execution, event);
            case "CLOSE" -> {
                event.close();
                action = "CLOSE";
            }
            default -> throw new IllegalArgumentException("Unknown security event step '" + step + "'");
        }
        audit.record(execution, SecurityEvents.REGISTER, event.getReference(), action, before, event.auditView());
    }

    private void record(DelegateExecution execution) {
        String reference = execution.getProcessBusinessKey();
        SecurityEvent event =
                reference == null ? null : events.findByReference(reference).orElse(null);
        if (event != null
                && event.getOrigin() != null
                && event.getOrigin().getProcessInstanceId() != null
                && !event.getOrigin().getProcessInstanceId().equals(execution.getProcessInstanceId())) {
            throw new IllegalStateException("Security event " + reference + " belongs to process instance "
                    + event.getOrigin().getProcessInstanceId());
        }
        if (event == null) {
            boolean fromWorkflow = SOURCE_BUSINESS_KEY.text(execution) != null;
            Object personal = execution.getVariable(PERSONAL_DATA.name());
            try {
                // references are issued by the platform only: a business key given through the Java API stays
                // the instance's, the register row gets its own SEC reference
                event = register.write(
                        null,
                        new SecurityEvents.Report(
                                CLIENT_REFERENCE.text(execution),
                                SERVICE_REFERENCE.text(execution),
                                EVENT_TYPE.text(execution),
                                ASSET.text(execution),
                                ASSET_CRITICALITY.text(execution),
                                personal == null ? null : Boolean.valueOf(personal.toString()),
                                DESCRIPTION.text(execution),
                                fromWorkflow ? "workflow" : SOURCE.text(execution),
                                SecurityEventProcess.ASSET_REFERENCE.text(execution)),
                        fromWorkflow ? SOURCE_BUSINESS_KEY.text(execution) : engineIdentity.currentUserId(),
                        ProcessOrigin.of(execution));
            } catch (InvalidFieldException invalid) {
                throw InvalidInputException.of(invalid);
            }
            if (reference == null) {
                execution.setProcessBusinessKey(event.getReference());
            }
            audit.record(
                    execution,
                    SecurityEvents.REGISTER,
                    event.getReference(),
                    RegisterAudit.CREATE,
                    Map.of(),
                    event.auditView());
        }
        event.linkProcess(ProcessOrigin.of(execution));
        EVENT_REFERENCE.set(execution, event.getReference());
        CLIENT_REFERENCE.set(execution, event.getClientReference());
        CLIENT_TIER.set(
                execution,
                clients.findByReference(event.getClientReference())
                        .orElseThrow()
                        .getTier()
                        .name());
        SERVICE_REFERENCE.set(execution, event.getServiceReference() == null ? "" : event.getServiceReference());
        HAS_SERVICE.set(execution, event.getServiceReference() != null);
        EVENT_TYPE.set(execution, event.getEventType());
        ASSET.set(execution, event.getAsset());
        ASSET_CRITICALITY.set(execution, event.getAssetCriticality().name().toLowerCase(Locale.ROOT));
        PERSONAL_DATA.set(execution, event.isPersonalData());
        DESCRIPTION.set(execution, event.getDescription());
        SOURCE.set(execution, event.getSource());
    }

    private void handled(DelegateExecution execution, SecurityEvent event) {
        String actions = required(execution, ACTIONS_TAKEN.name());
        Object known = execution.getVariable(CAUSE_KNOWN.name());
        if (known == null) {
            throw new InvalidInputException(CAUSE_KNOWN.name(), "say whether the cause is known");
        }
        boolean causeKnown = Boolean.parseBoolean(known.toString());
        String cause = CAUSE.text(execution);
        if (causeKnown && cause == null) {
            throw new InvalidInputException(CAUSE.name(), "is required when the cause is known");
        }
        String lessons = required(execution, LESSONS.name());
        String resolution = required(execution, RESOLUTION.name());
        CAUSE_KNOWN.set(execution, causeKnown);
        CAUSE.set(execution, cause == null ? "" : cause);
        event.handled(actions, causeKnown, cause, lessons, resolution, engineIdentity.currentUserId(), clock.instant());
        if (!causeKnown) {
            event.problemRequested();
        }
    }

    private void feedPlan(DelegateExecution execution, SecurityEvent event) {
        String service = event.getServiceReference();
        if (service == null) {
            return;
        }
        boolean watching = engineIdentity.asPlatform(() -> runtimeService
                        .createExecutionQuery()
                        .processDefinitionKey(InfoSecProcess.KEY)
                        .processInstanceBusinessKey(service)
                        .messageEventSubscriptionName(InfoSecProcess.SECURITY_EVENT_MESSAGE)
                        .count()
                > 0);
        if (watching) {
            runtimeService
                    .createMessageCorrelation(InfoSecProcess.SECURITY_EVENT_MESSAGE)
                    .processInstanceBusinessKey(service)
                    .setVariable(InfoSecProcess.SECURITY_EVENT_REFERENCE.name(), event.getReference())
                    .setVariable(InfoSecProcess.PLAN_LESSONS.name(), event.getLessons())
                    .correlate();
            event.feedback(PlanFeedback.DELIVERED, null);
        } else {
            log.info("InfoSec loop of {} is not watching: {} waits there as pending", service, event.getReference());
            event.feedback(PlanFeedback.PENDING, null);
        }
    }

    private static String required(DelegateExecution execution, String field) {
        Object value = execution.getVariable(field);
        String text = value == null ? "" : value.toString().trim();
        if (text.isEmpty()) {
            throw new InvalidInputException(field, "is required");
        }
        if (text.length() > 4000) {
            throw new InvalidInputException(field, "has at most 4000 characters");
        }
        return text;
    }
}
