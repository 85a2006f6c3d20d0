package com.csmflow.access;

import static com.csmflow.access.AccessReviewProcess.*;
import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.InvalidInputException;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.notification.ReaderDates;
import com.csmflow.register.BusinessKeys;
import com.csmflow.register.ProcessOrigin;
import com.csmflow.security.RoleGroup;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The register steps of {@code access-review}, input {@code step}:
 * <ul>
 *   <li>{@code OPEN}: the review row (reference = business key, or a new ARV reference for the start form)
 *       and one evidence row per active right of the client, whose references become the
 *       multi-instance collection; the deadline defaults to the configured period.</li>
 *   <li>{@code PREPARE}: for one right (inside its sub-process): who reviews it (the named asset owner,
 *       ISEC always) and the text the reviewer reads.</li>
 *   <li>{@code DECIDED}: the reviewer confirmed or revoked; a revocation goes to the right's workflow (IT's task).</li>
 *   <li>{@code DEADLINE}: nobody answered in time: revoked automatically, IT's task likewise.</li>
 *   <li>{@code CLOSE}: the counts for the review row and the closing mail.</li>
 * </ul>
 */
@Component("accessReviewRegister")
class AccessReviewRegisterDelegate implements InputReadingDelegate {

    static final String STEP = "step";

    private final AccessReviewRepository reviews;
    private final AccessReviewDecisionRepository decisions;
    private final AccessRightRepository rights;
    private final AccessRights register;
    private final Clients clients;
    private final BusinessKeys businessKeys;
    private final AccessSettings settings;
    private final RegisterAudit audit;
    private final Clock clock;
    private final EngineIdentity engineIdentity;

    AccessReviewRegisterDelegate(
            AccessReviewRepository reviews,
            AccessReviewDecisionRepository decisions,
            AccessRightRepository rights,
            AccessRights register,
            Clients clients,
            BusinessKeys businessKeys,
            AccessSettings settings,
            RegisterAudit audit,
            Clock clock,
            EngineIdentity engineIdentity) {
        this.reviews = reviews;
        this.decisions = decisions;
        this.rights = rights;
        this.register = register;
        this.clients = clients;
        this.businessKeys = businessKeys;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.engineIdentity = engineIdentity;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String step = DelegateInputs.read(execution, Set.of(STEP)).requiredText(STEP);
        switch (step) {
            case "OPEN" -> open(execution);
            case "PREPARE" -> prepare(execution);
            case "DECIDED" -> decided(execution);
            case "DEADLINE" -> deadline(execution);
            case "CLOSE" -> close(execution);
            default -> throw new IllegalArgumentException("Unknown access review step '" + step + "'");
        }
    }

    private void open(DelegateExecution execution) {
        Client client;
        try {
            client = clients.require(CLIENT_REFERENCE.get(execution));
        } catch (InvalidFieldException invalid) {
            throw InvalidInputException.of(invalid);
        }
        if (reviews.existsByClientReferenceAndStatus(client.getReference(), AccessReviewStatus.OPEN)) {
            throw new InvalidInputException("clientReference", "has an access review open");
        }
        String reference = execution.getProcessBusinessKey();
        if (reference == null) {
            reference = businessKeys.next("ARV");
            execution.setProcessBusinessKey(reference);
        }
        Instant now = clock.instant();
        Date deadline = DEADLINE.get(execution);
        Instant due = deadline == null ? now.plus(settings.reviewDeadline()) : deadline.toInstant();
        List<AccessRight> active = rights
                .findByClientReferenceAndStatusOrderByReferenceAsc(client.getReference(), AccessRightStatus.ACTIVE)
                .stream()
                .filter(right -> right.getRevocationKind() == null)
                .toList();
        AccessReview review = reviews.save(new AccessReview(
                reference,
                client.getReference(),
                engineIdentity.currentUserId(),
                due,
                active.size(),
                now,
                ProcessOrigin.of(execution)));
        audit.record(execution, AccessReviews.REGISTER, reference, RegisterAudit.CREATE, Map.of(), review.auditView());
        List<String> references = new ArrayList<>();
        for (AccessRight right : active) {
            AccessReviewDecision decision = decisions.save(new AccessReviewDecision(reference, right));
            audit.record(
                    execution,
                    AccessReviews.DECISION_REGISTER,
                    reference + "/" + right.getReference(),
                    RegisterAudit.CREATE,
                    Map.of(),
                    decision.auditView());
            references.add(right.getReference());
        }
        REVIEW_REFERENCE.set(execution, reference);
        CLIENT_REFERENCE.set(execution, client.getReference());
        DEADLINE.set(execution, Date.from(due));
        DEADLINE_TEXT.set(execution, ReaderDates.format(due, client.getTimeZone(), "en"));
        RIGHTS.set(execution, references);
    }

    private void prepare(DelegateExecution execution) {
        AccessReviewDecision decision = decision(execution);
        AccessRight right = rights.findByReference(decision.getRightReference()).orElseThrow();
        Client client = clients.findByReference(right.getClientReference()).orElseThrow();
        boolean person = !RoleGroup.ISEC.id().equals(decision.getReviewer());
        execution.setVariableLocal(
                REVIEWER_USERS.name(), person ? new ArrayList<>(List.of(decision.getReviewer())) : new ArrayList<>());
        execution.setVariableLocal(
                RIGHT_TEXT.name(),
                right.getReference() + ": " + right.getGrantee() + " has '" + right.getPermission() + "' on "
                        + right.getAsset() + " (granted "
                        + (right.getGrantedAt() == null
                                ? "-"
                                : ReaderDates.format(right.getGrantedAt(), client.getTimeZone(), "en"))
                        + " by " + right.getGrantedBy() + ", approved by " + right.getDecidedBy() + ", valid until "
                        + (right.getValidUntil() == null
                                ? "revoked"
                                : ReaderDates.format(right.getValidUntil(), client.getTimeZone(), "en"))
                        + "). Why: " + right.getReason());
        // the reviewer's answer stays in this right's scope (the rights are reviewed side by side)
        execution.setVariableLocal(DECISION.name(), null);
        execution.setVariableLocal(COMMENT.name(), null);
    }

    private void decided(DelegateExecution execution) {
        AccessReviewDecision decision = decision(execution);
        String answer = DECISION.get(execution);
        String choice = answer == null ? "" : answer.trim().toLowerCase(Locale.ROOT);
        String comment = AccessRights.blankToNull(COMMENT.get(execution));
        String by = engineIdentity.currentUserId();
        Map<String, Object> before = decision.auditView();
        switch (choice) {
            case "confirm" -> decision.decided(ReviewDecision.CONFIRMED, false, by, comment, clock.instant());
            case "revoke" -> {
                if (comment == null) {
                    throw new InvalidInputException("reviewComment", "is required when the right is revoked");
                }
                decision.decided(ReviewDecision.REVOKED, false, by, comment, clock.instant());
                rights.findByReference(decision.getRightReference())
                        .ifPresent(right -> register.requestRevocation(
                                right,
                                RevocationKind.REVIEW,
                                "Revoked in access review " + decision.getReviewReference() + ": " + comment,
                                by));
            }
            default -> throw new InvalidInputException("reviewDecision", "must be confirm or revoke");
        }
        audit.record(
                execution,
                AccessReviews.DECISION_REGISTER,
                decision.getReviewReference() + "/" + decision.getRightReference(),
                RegisterAudit.UPDATE,
                before,
                decision.auditView());
    }

    private void deadline(DelegateExecution execution) {
        AccessReviewDecision decision = decision(execution);
        Map<String, Object> before = decision.auditView();
        String why = "Not confirmed in access review " + decision.getReviewReference() + " by its deadline";
        decision.decided(ReviewDecision.REVOKED_AT_DEADLINE, true, null, why, clock.instant());
        rights.findByReference(decision.getRightReference())
                .ifPresent(right -> register.requestRevocation(right, RevocationKind.REVIEW_DEADLINE, why, null));
        audit.record(
                execution,
                AccessReviews.DECISION_REGISTER,
                decision.getReviewReference() + "/" + decision.getRightReference(),
                RegisterAudit.UPDATE,
                before,
                decision.auditView());
    }

    private void close(DelegateExecution execution) {
        String reference = REVIEW_REFERENCE.get(execution);
        AccessReview review = reviews.findByReference(reference)
                .orElseThrow(() -> new IllegalStateException("No access review " + reference));
        Map<String, Object> before = review.auditView();
        List<AccessReviewDecision> all = decisions.findByReviewReferenceOrderByRightReferenceAsc(reference);
        int confirmed = count(all, ReviewDecision.CONFIRMED);
        int revoked = count(all, ReviewDecision.REVOKED);
        int atDeadline = count(all, ReviewDecision.REVOKED_AT_DEADLINE);
        review.closed(confirmed, revoked, atDeadline, clock.instant());
        audit.record(execution, AccessReviews.REGISTER, reference, "CLOSE", before, review.auditView());
        CONFIRMED.set(execution, (long) confirmed);
        REVOKED.set(execution, (long) revoked);
        REVOKED_AT_DEADLINE.set(execution, (long) atDeadline);
    }

    private static int count(List<AccessReviewDecision> all, ReviewDecision wanted) {
        return (int) all.stream().filter(d -> d.getDecision() == wanted).count();
    }

    private AccessReviewDecision decision(DelegateExecution execution) {
        String review = REVIEW_REFERENCE.get(execution);
        String right = RIGHT.get(execution);
        return decisions
                .findByReviewReferenceAndRightReference(review, right)
                .orElseThrow(() -> new IllegalStateException("No evidence row for " + right + " in review " + review));
    }
}
