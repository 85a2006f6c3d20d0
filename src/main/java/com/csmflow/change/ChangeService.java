package com.csmflow.change;

import com.csmflow.api.ConflictException;
import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.client.Clients;
import com.csmflow.cmdb.ConfigurationItems;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.register.BusinessKeys;
import com.csmflow.sla.SlaClocks;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Raising changes through the API and reading the change register with its live state. */
@Service
class ChangeService {

    private final ChangeRegister register;
    private final Clients activeClients;
    private final BusinessKeys businessKeys;
    private final RuntimeService runtimeService;
    private final SlaClocks clocks;
    private final Clock clock;
    private final EngineIdentity engineIdentity;
    private final ConfigurationItems configurationItems;

    ChangeService(
            ChangeRegister register,
            Clients activeClients,
            BusinessKeys businessKeys,
            RuntimeService runtimeService,
            SlaClocks clocks,
            Clock clock,
            EngineIdentity engineIdentity,
            ConfigurationItems configurationItems) {
        this.engineIdentity = engineIdentity;
        this.configurationItems = configurationItems;
        this.clock = clock;
        this.register = register;
        this.activeClients = activeClients;
        this.businessKeys = businessKeys;
        this.runtimeService = runtimeService;
        this.clocks = clocks;
    }

    /**
     * Checks what bean validation cannot, then starts the workflow under the caller's authorizations with
     * the register reference as business key. The first steps (record, classify) run in this transaction,
     * so the answer already shows class and risk, and a failure leaves nothing behind.
     */
    @Transactional
    ChangeView raise(ChangeRequestBody body) {
        String clientReference = activeClients.require(body.clientReference()).getReference();
        Instant now = clock.instant();
        if (!body.windowStart().toInstant().isAfter(now)) {
            throw new InvalidFieldException("windowStart", "must be in the future");
        }
        if (!body.windowEnd().isAfter(body.windowStart())) {
            throw new InvalidFieldException("windowEnd", "must be after windowStart");
        }
        // each named item must be one of the client's (400 naming configurationItems), before a reference is drawn
        List<String> touched = configurationItems.requireOfClient(
                clientReference,
                body.configurationItems() == null ? List.of() : body.configurationItems(),
                ChangeProcess.CONFIGURATION_ITEMS.name());
        String reference = businessKeys.next("CHG");
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(CaseVariables.CLIENT_REFERENCE.name(), clientReference);
        variables.put(ChangeProcess.TITLE.name(), body.title().trim());
        variables.put(ChangeProcess.DESCRIPTION.name(), body.description());
        variables.put(ChangeProcess.REQUESTED_TYPE.name(), body.requestedType());
        variables.put(ChangeProcess.NON_STANDARD.name(), Boolean.TRUE.equals(body.nonStandard()));
        // a list, as an ArrayList: the engine's type allow-list (ObjectVariableTypes) refuses immutable lists
        variables.put(ChangeProcess.IMPACTED_SERVICES.name(), new ArrayList<>(body.impactedServices()));
        variables.put(ChangeProcess.CONFIGURATION_ITEMS.name(), new ArrayList<>(touched));
        variables.put(ChangeProcess.WINDOW_START.name(), body.windowStart().toString());
        variables.put(ChangeProcess.WINDOW_END.name(), body.windowEnd().toString());
        variables.put(ChangeProcess.URGENCY.name(), body.urgency());
        variables.put(ChangeProcess.IMPACT.name(), body.impact());
        variables.put(ChangeProcess.BILLABLE.name(), body.billable());
        variables.put(ChangeProcess.REQUESTER_EMAIL.name(), body.requesterEmail());
        runtimeService
                .createProcessInstanceByKey(ChangeProcess.KEY)
                .businessKey(reference)
                .setVariables(variables)
                .execute();
        return get(reference);
    }

    /** The client's representatives approve or reject a change its customer advisory board discussed. */
    @Transactional
    ChangeView clientApproval(String reference, ClientApprovalBody body) {
        ChangeRecord change = register.find(reference).orElseThrow(() -> new NotFoundException("Change", reference));
        String conflict = "Change " + reference + " is not waiting for the client's advisory board decision";
        String processInstanceId =
                change.getOrigin() == null ? null : change.getOrigin().getProcessInstanceId();
        boolean waiting = processInstanceId != null
                && engineIdentity.asPlatform(() -> runtimeService
                                .createEventSubscriptionQuery()
                                .eventType("message")
                                .eventName(ChangeProcess.CLIENT_APPROVAL_MESSAGE)
                                .processInstanceId(processInstanceId)
                                .count())
                        > 0;
        if (!waiting) {
            throw new ConflictException(conflict);
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(ChangeProcess.CLIENT_APPROVED.name(), body.approved());
        variables.put(
                ChangeProcess.CLIENT_REPRESENTATIVE.name(),
                body.representative().trim());
        variables.put(ChangeProcess.CLIENT_APPROVAL_COMMENT.name(), body.comment());
        try {
            engineIdentity.asPlatform(() -> runtimeService
                    .createMessageCorrelation(ChangeProcess.CLIENT_APPROVAL_MESSAGE)
                    .processInstanceId(processInstanceId)
                    .setVariables(variables)
                    .correlateWithResult());
        } catch (MismatchingMessageCorrelationException | OptimisticLockingException raced) {
            // a simultaneous answer won: the engine refused the second one
            throw new ConflictException(conflict);
        }
        return get(reference);
    }

    @Transactional(readOnly = true)
    ChangeView get(String reference) {
        ChangeRecord change = register.find(reference).orElseThrow(() -> new NotFoundException("Change", reference));
        return ChangeView.of(
                change,
                register.votes(reference).stream().map(ChangeView.VoteView::of).toList(),
                currentSteps(change),
                clocks.search(reference, null, null, 50).stream()
                        .map(ChangeView.ClockView::of)
                        .toList());
    }

    @Transactional(readOnly = true)
    Page<ChangeView> list(
            String client, String status, OffsetDateTime windowFrom, OffsetDateTime windowTo, PageParameters page) {
        ChangeStatus wanted = null;
        if (status != null) {
            try {
                wanted = ChangeStatus.valueOf(status);
            } catch (IllegalArgumentException unknown) {
                throw new InvalidFieldException(
                        "status",
                        "must be one of "
                                + java.util.Arrays.stream(ChangeStatus.values())
                                        .map(Enum::name)
                                        .sorted()
                                        .toList());
            }
        }
        return register.search(
                        client,
                        wanted,
                        windowFrom == null ? null : windowFrom.toInstant(),
                        windowTo == null ? null : windowTo.toInstant(),
                        page)
                .map(change -> ChangeView.of(change, null, null, null));
    }

    /**
     * Activities of the instance that are still open (user tasks, timers, steps waiting for the job
     * executor), from the engine's runtime tree: one indexed read of the instance's executions. (The
     * history query it replaces scanned open activity rows under a generic plan: 1.5 ms a call,
     * docs/performance.md, tuning 16.) Read without the caller's engine authorizations: who may read
     * changes is decided by the API, not by READ on the instance.
     */
    private List<ChangeView.StepView> currentSteps(ChangeRecord change) {
        String processInstanceId =
                change.getOrigin() == null ? null : change.getOrigin().getProcessInstanceId();
        if (processInstanceId == null) {
            return List.of();
        }
        ActivityInstance tree = engineIdentity.asPlatform(() -> runtimeService.getActivityInstance(processInstanceId));
        List<ChangeView.StepView> steps = new ArrayList<>();
        if (tree != null) { // null once the instance has ended
            addOpenSteps(tree, steps);
        }
        return steps.stream().distinct().toList();
    }

    /** Depth first; scopes that are not steps themselves (the instance, a multi-instance body) are left out. */
    private static void addOpenSteps(ActivityInstance scope, List<ChangeView.StepView> steps) {
        for (ActivityInstance child : scope.getChildActivityInstances()) {
            if (!"multiInstanceBody".equals(child.getActivityType())) {
                steps.add(new ChangeView.StepView(
                        child.getActivityId(), child.getActivityName(), child.getActivityType()));
            }
            addOpenSteps(child, steps);
        }
        for (TransitionInstance waiting : scope.getChildTransitionInstances()) {
            steps.add(new ChangeView.StepView(
                    waiting.getActivityId(), waiting.getActivityName(), waiting.getActivityType()));
        }
    }
}
