package com.csmflow.problem;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.register.BusinessKeys;
import com.csmflow.register.ProcessOrigin;
import com.csmflow.security.RoleGroup;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Writing SIP register rows, shared by the REST API and the problem workflow. */
@Component
class SipActions {

    static final String REGISTER = "sip-action";

    private final SipActionRepository actions;
    private final BusinessKeys keys;
    private final RegisterAudit audit;
    private final Clock clock;

    SipActions(SipActionRepository actions, BusinessKeys keys, RegisterAudit audit, Clock clock) {
        this.actions = actions;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates an OPEN action. The owner is a role group id (e.g. {@code delivery-manager}) or a user id;
     * an action without an owner belongs to the CSMs, who manage the SIP.
     */
    SipAction create(
            String clientReference,
            String sourceType,
            String sourceReference,
            String description,
            String owner,
            LocalDate targetDate,
            DelegateExecution execution) {
        if (description == null || description.isBlank()) {
            throw new InvalidFieldException("description", "is required");
        }
        if (description.length() > 4000) {
            throw new InvalidFieldException("description", "at most 4000 characters");
        }
        if (targetDate == null) {
            throw new InvalidFieldException("targetDate", "is required");
        }
        String trimmedOwner = owner == null || owner.isBlank() ? RoleGroup.CSM.id() : owner.trim();
        boolean isGroup =
                Arrays.stream(RoleGroup.values()).anyMatch(group -> group.id().equals(trimmedOwner));
        SipAction action = actions.save(new SipAction(
                keys.next("SIP"),
                clientReference,
                sourceType,
                sourceReference,
                description.trim(),
                isGroup ? null : trimmedOwner,
                isGroup ? trimmedOwner : null,
                targetDate,
                clock.instant(),
                execution == null ? null : ProcessOrigin.of(execution)));
        if (execution == null) {
            audit.record(REGISTER, action.getReference(), RegisterAudit.CREATE, Map.of(), action.auditView());
        } else {
            audit.record(
                    execution, REGISTER, action.getReference(), RegisterAudit.CREATE, Map.of(), action.auditView());
        }
        return action;
    }
}
