package com.csmflow.servicerequest;

import com.csmflow.api.ListFilters;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.forms.ActionSlots;
import com.csmflow.register.BusinessKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The action register (docs/registers.md, "Service registers"): the actions of team, individual and
 * governance action plans, written from the plan a task's form sends (one action a line), followed up
 * until done by the follow-up steps of {@code bpmn/service-request.bpmn} (whose gateways ask
 * {@code ${serviceActions.noneOpen(..)}}) or through {@code /api/service-actions}.
 */
@Service("serviceActions")
public class ServiceActions {

    static final String REGISTER = "service-action";

    private final ServiceActionRepository actions;
    private final ServiceRegister register;
    private final PersonalDataAccess personalData;
    private final RegisterAudit audit;
    private final BusinessKeys businessKeys;
    private final IdentityService identityService;
    private final EngineIdentity engineIdentity;
    private final Clock clock;

    @SuppressWarnings("java:S107")
    ServiceActions(
            ServiceActionRepository actions,
            ServiceRegister register,
            PersonalDataAccess personalData,
            RegisterAudit audit,
            BusinessKeys businessKeys,
            IdentityService identityService,
            EngineIdentity engineIdentity,
            Clock clock) {
        this.actions = actions;
        this.register = register;
        this.personalData = personalData;
        this.audit = audit;
        this.businessKeys = businessKeys;
        this.identityService = identityService;
        this.engineIdentity = engineIdentity;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ the process side

    /** Writes the planned actions, OPEN; a replayed completion of the same task writes nothing again. */
    @Transactional
    void record(
            DelegateExecution execution,
            String serviceReference,
            ActionPlan plan,
            String subject,
            List<ActionSlots.Action> planned,
            String taskId,
            Instant now) {
        for (int line = 0; line < planned.size(); line++) {
            if (actions.existsByTaskIdAndLineNo(taskId, line)) {
                continue;
            }
            ActionSlots.Action action = planned.get(line);
            ServiceAction saved = actions.save(new ServiceAction(
                    businessKeys.next("ACT"),
                    serviceReference,
                    plan,
                    subject,
                    action.description(),
                    action.owner(),
                    action.targetDate(),
                    now,
                    taskId,
                    line,
                    execution.getProcessInstanceId()));
            audit.record(execution, REGISTER, saved.getReference(), RegisterAudit.CREATE, Map.of(), saved.auditView());
        }
    }

    /** The open actions of the plan (of one person for an individual plan; subject null: everybody's). */
    @Transactional(readOnly = true)
    List<ServiceAction> open(String serviceReference, ActionPlan plan, String subject) {
        return actions
                .findByServiceReferenceAndPlanAndStatusOrderByDueOnAscIdAsc(serviceReference, plan, ActionStatus.OPEN)
                .stream()
                .filter(action -> subject == null || subject.equals(action.getSubjectUserId()))
                .toList();
    }

    /** For the model's gateways: whether the service has no open action left in the plan. */
    @Transactional(readOnly = true)
    public boolean noneOpen(String serviceReference, String plan) {
        return actions.countByServiceReferenceAndPlanAndStatus(
                        serviceReference, ActionPlan.valueOf(plan), ActionStatus.OPEN)
                == 0;
    }

    /** For the model's gateways: whether the person's individual plan of the service has no open action. */
    @Transactional(readOnly = true)
    public boolean noneOpenFor(String serviceReference, String subject) {
        return open(serviceReference, ActionPlan.INDIVIDUAL, subject).isEmpty();
    }

    /** A follow-up of every open action of the plan (of one person, or all when subject is null). */
    @Transactional
    int followUpOpen(
            DelegateExecution execution,
            String serviceReference,
            ActionPlan plan,
            String subject,
            String report,
            boolean done,
            String by,
            Instant now) {
        List<ServiceAction> open = open(serviceReference, plan, subject);
        for (ServiceAction action : open) {
            Map<String, Object> before = new LinkedHashMap<>(action.auditView());
            action.followUp(report, done, by, now);
            audit.record(execution, REGISTER, action.getReference(), "FOLLOW_UP", before, action.auditView());
        }
        return open.size();
    }

    /**
     * The open actions as a task shows them, one a line (a Markdown list item): reference, owner, due date, and what is to be done
     * unless the plan is personal (the text of an individual action stays in the register: a task's variables
     * reach the history that other managers may read).
     */
    @Transactional(readOnly = true)
    String openSummary(String serviceReference, ActionPlan plan, String subject) {
        List<ServiceAction> open = open(serviceReference, plan, subject);
        if (open.isEmpty()) {
            return "No open actions.";
        }
        StringBuilder text = new StringBuilder();
        for (ServiceAction action : open) {
            text.append("- ")
                    .append(action.getReference())
                    .append(" (")
                    .append(action.getOwner())
                    .append(", due ")
                    .append(action.getDueOn())
                    .append(')');
            if (!action.isPersonal()) {
                text.append(": ").append(action.getDescription());
            }
            text.append('\n');
        }
        return text.toString().strip();
    }

    // ------------------------------------------------------------------ the API side

    /** Filters in the query; individual actions only of services whose personal data the caller may read. */
    @Transactional(readOnly = true)
    Page<ServiceAction> search(
            String service,
            ActionPlan plan,
            ActionStatus status,
            String owner,
            String subject,
            LocalDate dueBefore,
            PageParameters page) {
        Specification<ServiceAction> personal;
        if (personalData.mayReadAllPersonalData()) {
            personal = (root, query, cb) -> null;
        } else {
            List<String> managed = register.servicesManagedBy(personalData.caller());
            personal = (root, query, cb) -> managed.isEmpty()
                    ? cb.notEqual(root.get("plan"), ActionPlan.INDIVIDUAL)
                    : cb.or(
                            cb.notEqual(root.get("plan"), ActionPlan.INDIVIDUAL),
                            root.get("serviceReference").in(managed));
        }
        Specification<ServiceAction> due = dueBefore == null
                ? (root, query, cb) -> null
                : (root, query, cb) -> cb.lessThan(root.get("dueOn"), dueBefore);
        return actions.findAll(
                ListFilters.<ServiceAction>allOf(
                        personal,
                        ListFilters.equal("serviceReference", service),
                        ListFilters.equal("plan", plan),
                        ListFilters.equal("status", status),
                        ListFilters.equal("owner", owner),
                        ListFilters.equal("subjectUserId", subject),
                        due),
                page.sortedBy(Sort.by("dueOn", "id")));
    }

    /** One action; an individual one only for those who may read the service's personal data. */
    @Transactional(readOnly = true)
    ServiceAction get(String reference) {
        ServiceAction action =
                actions.findByReference(reference).orElseThrow(() -> new NotFoundException("Action", reference));
        requireRead(action);
        return action;
    }

    /** A follow-up from outside the process: the owner, the service's SM or DM, CM, HR or an administrator. */
    @Transactional
    ServiceAction followUp(String reference, ServiceBodies.ActionFollowUp body) {
        ServiceAction action =
                actions.findByReference(reference).orElseThrow(() -> new NotFoundException("Action", reference));
        String caller = personalData.caller();
        ManagedService service = register.requireService(action.getServiceReference());
        boolean allowed = caller != null
                && (caller.equals(action.getOwner())
                        || service.isManagedBy(caller)
                        || personalData.mayReadAllPersonalData());
        if (!allowed) {
            throw new AccessDeniedException(
                    "An action is followed up by its owner, the service's SM or DM, " + "the competence manager or HR");
        }
        if (action.getStatus() == ActionStatus.DONE) {
            throw new com.csmflow.api.ConflictException("Action " + reference + " is done already");
        }
        Map<String, Object> before = new LinkedHashMap<>(action.auditView());
        action.followUp(body.report().trim(), body.done(), caller, clock.instant());
        audit.record(REGISTER, reference, "FOLLOW_UP", before, action.auditView());
        return action;
    }

    private void requireRead(ServiceAction action) {
        if (action.isPersonal()
                && !personalData.mayReadPersonalDataOf(register.requireService(action.getServiceReference()))) {
            throw new AccessDeniedException(
                    "An individual action is personal data: competence manager, HR " + "and the service's SM and DM");
        }
    }

    private boolean userExists(String userId) {
        return engineIdentity.asPlatform(
                () -> identityService.createUserQuery().userId(userId).count() > 0);
    }
}
