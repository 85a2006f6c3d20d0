package com.csmflow.access;

import static com.csmflow.access.AccessRightProcess.*;
import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.InvalidInputException;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Clients;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.notification.ReaderDates;
import com.csmflow.register.ProcessOrigin;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The register steps of {@code access-right}, input {@code step}:
 * <ul>
 *   <li>{@code REQUESTED}: a request through the API already has its row (business key = reference); one
 *       from the Tasklist start form is checked and written here, and its ACR reference becomes the business
 *       key. The workflow then works with the register's values (end date, approver, the people told).</li>
 *   <li>{@code DECIDED}: the asset owner's or ISEC's {@code approval} (approve or reject) and comment.</li>
 *   <li>{@code PROVIDED}: IT has set the right up: ACTIVE, by whom and when.</li>
 *   <li>{@code SUPERSEDE}: the right this one replaces is asked to be revoked (its own workflow does it).</li>
 *   <li>{@code EXPIRED}: the end date passed: an automatic revocation.</li>
 *   <li>{@code REVOCATION_REQUESTED}: why, by whom and when the revocation was asked for; IT's task follows.</li>
 *   <li>{@code REVOKED}: IT has removed the right: REVOKED, by whom and when.</li>
 * </ul>
 */
@Component("accessRightRegister")
class AccessRightRegisterDelegate implements InputReadingDelegate {

    static final String STEP = "step";

    private final AccessRightRepository rights;
    private final AccessRights register;
    private final Clients clients;
    private final RegisterAudit audit;
    private final Clock clock;
    private final EngineIdentity engineIdentity;

    AccessRightRegisterDelegate(
            AccessRightRepository rights,
            AccessRights register,
            Clients clients,
            RegisterAudit audit,
            Clock clock,
            EngineIdentity engineIdentity) {
        this.rights = rights;
        this.register = register;
        this.clients = clients;
        this.audit = audit;
        this.clock = clock;
        this.engineIdentity = engineIdentity;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String step = DelegateInputs.read(execution, Set.of(STEP)).requiredText(STEP);
        if ("REQUESTED".equals(step)) {
            requested(execution);
            return;
        }
        AccessRight right = right(execution);
        Map<String, Object> before = right.auditView();
        String action = switch (step) {
            case "DECIDED" -> decided(execution, right);
            case "PROVIDED" -> {
                right.provided(engineIdentity.currentUserId(), clock.instant());
                yield "PROVIDE";
            }
            case "SUPERSEDE" -> supersede(right);
            case "EXPIRED" -> {
                REVOCATION_KIND.set(execution, RevocationKind.EXPIRED.name());
                REVOCATION_REASON.set(execution, "The end date of the right has passed");
                REVOCATION_REQUESTED_BY.set(execution, null);
                yield null;
            }
            case "REVOCATION_REQUESTED" -> revocationRequested(execution, right);
            case "REVOKED" -> {
                right.revoked(engineIdentity.currentUserId(), clock.instant());
                yield "REVOKE";
            }
            default -> throw new IllegalArgumentException("Unknown access register step '" + step + "'");
        };
        if (action != null) {
            audit.record(execution, AccessRights.REGISTER, right.getReference(), action, before, right.auditView());
        }
    }

    private void requested(DelegateExecution execution) {
        String reference = execution.getProcessBusinessKey();
        AccessRight right =
                reference == null ? null : rights.findByReference(reference).orElse(null);
        if (right != null
                && right.getOrigin() != null
                && right.getOrigin().getProcessInstanceId() != null
                && !right.getOrigin().getProcessInstanceId().equals(execution.getProcessInstanceId())) {
            throw new IllegalStateException("Access right " + reference + " belongs to process instance "
                    + right.getOrigin().getProcessInstanceId());
        }
        if (right == null) {
            try {
                right = register.write(
                        new AccessRights.Request(
                                CLIENT_REFERENCE.get(execution),
                                GRANTEE.get(execution),
                                ASSET.get(execution),
                                PERMISSION.get(execution),
                                REASON.get(execution),
                                VALID_UNTIL.get(execution),
                                APPROVER.get(execution),
                                SERVICE_REFERENCE.get(execution),
                                SUPERSEDES.get(execution)),
                        engineIdentity.currentUserId(),
                        ProcessOrigin.of(execution));
            } catch (InvalidFieldException invalid) {
                throw InvalidInputException.of(invalid);
            }
            if (reference == null) {
                execution.setProcessBusinessKey(right.getReference());
            }
            audit.record(
                    execution,
                    AccessRights.REGISTER,
                    right.getReference(),
                    RegisterAudit.CREATE,
                    Map.of(),
                    right.auditView());
        }
        right.linkProcess(ProcessOrigin.of(execution));
        RIGHT_REFERENCE.set(execution, right.getReference());
        CLIENT_REFERENCE.set(execution, right.getClientReference());
        GRANTEE.set(execution, right.getGrantee());
        ASSET.set(execution, right.getAsset());
        PERMISSION.set(execution, right.getPermission());
        REASON.set(execution, right.getReason());
        APPROVER.set(execution, right.getApprover());
        SUPERSEDES.set(execution, right.getSupersedes());
        HAS_SUPERSEDED.set(execution, right.getSupersedes() != null);
        HAS_END_DATE.set(execution, right.getValidUntil() != null);
        ENDS_AT.set(execution, AccessRights.endDate(right));
        ENDS_TEXT.set(
                execution,
                right.getValidUntil() == null
                        ? "none (until revoked)"
                        : ReaderDates.format(
                                right.getValidUntil(),
                                clients.require(right.getClientReference()).getTimeZone(),
                                "en"));
        APPROVER_USERS.set(
                execution,
                right.getApprover() == null ? new ArrayList<>() : new ArrayList<>(List.of(right.getApprover())));
        List<String> people = new ArrayList<>();
        people.add(right.getGrantee());
        if (right.getRequestedBy() != null && !people.contains(right.getRequestedBy())) {
            people.add(right.getRequestedBy());
        }
        PEOPLE.set(execution, people);
    }

    private String decided(DelegateExecution execution, AccessRight right) {
        String approval = APPROVAL.get(execution);
        String choice = approval == null ? "" : approval.trim().toLowerCase(Locale.ROOT);
        String comment = AccessRights.blankToNull(DECISION_COMMENT.get(execution));
        String by = engineIdentity.currentUserId();
        switch (choice) {
            case "approve" -> {
                right.approved(by, comment, clock.instant());
                APPROVED.set(execution, true);
                return "APPROVE";
            }
            case "reject" -> {
                if (comment == null) {
                    throw new InvalidInputException("decisionComment", "is required when the request is rejected");
                }
                right.rejected(by, comment, clock.instant());
                APPROVED.set(execution, false);
                return "REJECT";
            }
            default -> throw new InvalidInputException("approval", "must be approve or reject");
        }
    }

    private String supersede(AccessRight right) {
        AccessRight replaced = rights.findByReference(right.getSupersedes())
                .orElseThrow(() -> new IllegalStateException("No access right " + right.getSupersedes()));
        Map<String, Object> before = replaced.auditView();
        replaced.supersededBy(right.getReference());
        audit.record(
                AccessRights.REGISTER, replaced.getReference(), RegisterAudit.UPDATE, before, replaced.auditView());
        // a right revoked meanwhile needs nothing more
        register.requestRevocation(
                replaced,
                RevocationKind.SUPERSEDED,
                "Replaced by " + right.getReference(),
                engineIdentity.currentUserId());
        return null;
    }

    private String revocationRequested(DelegateExecution execution, AccessRight right) {
        RevocationKind kind;
        try {
            kind = RevocationKind.valueOf(REVOCATION_KIND.get(execution));
        } catch (RuntimeException unknown) {
            kind = RevocationKind.REQUESTED;
        }
        right.revocationRequested(
                kind,
                REVOCATION_REASON.get(execution),
                kind.automatic() ? null : REVOCATION_REQUESTED_BY.get(execution),
                clock.instant());
        return "REVOCATION_REQUEST";
    }

    private AccessRight right(DelegateExecution execution) {
        String reference = RIGHT_REFERENCE.get(execution);
        return rights.findByReference(reference)
                .orElseThrow(() -> new IllegalStateException("No access right " + reference + " in the register"));
    }
}
