package com.csmflow.access;

import com.csmflow.api.ConflictException;
import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.ListFilters;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.register.BusinessKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Periodic access reviews: opened for a client through the API, the Tasklist start form or the schedule
 * ({@link AccessReviewSchedule}); the {@code access-review} workflow's first step writes the review and one
 * evidence row per active right. Readable by ISEC, IT and administrators only ({@link SecurityData}).
 */
@Service
class AccessReviews {

    static final String REGISTER = "access-review";
    static final String DECISION_REGISTER = "access-review-decision";

    private final AccessReviewRepository reviews;
    private final AccessReviewDecisionRepository decisions;
    private final Clients clients;
    private final BusinessKeys businessKeys;
    private final RuntimeService runtimeService;
    private final EngineIdentity engineIdentity;
    private final SecurityData securityData;
    private final AccessSettings settings;
    private final Clock clock;

    AccessReviews(
            AccessReviewRepository reviews,
            AccessReviewDecisionRepository decisions,
            Clients clients,
            BusinessKeys businessKeys,
            RuntimeService runtimeService,
            EngineIdentity engineIdentity,
            SecurityData securityData,
            AccessSettings settings,
            Clock clock) {
        this.reviews = reviews;
        this.decisions = decisions;
        this.clients = clients;
        this.businessKeys = businessKeys;
        this.runtimeService = runtimeService;
        this.engineIdentity = engineIdentity;
        this.securityData = securityData;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Starts a review of the client's active rights now; its deadline is {@code deadlineDays} from now, or
     * the configured period. 409 while the client has a review open.
     */
    @Transactional
    AccessReview open(String clientReference, Integer deadlineDays) {
        String client = clients.require(clientReference).getReference();
        if (reviews.existsByClientReferenceAndStatus(client, AccessReviewStatus.OPEN)) {
            throw new ConflictException("Client " + client + " has an access review open");
        }
        Duration period = settings.reviewDeadline();
        if (deadlineDays != null) {
            if (deadlineDays < 1 || deadlineDays > 90) {
                throw new InvalidFieldException("deadlineDays", "must be between 1 and 90");
            }
            period = Duration.ofDays(deadlineDays);
        }
        String reference = businessKeys.next("ARV");
        Map<String, Object> variables = new HashMap<>();
        variables.put(CaseVariables.CLIENT_REFERENCE.name(), client);
        variables.put(
                AccessReviewProcess.DEADLINE.name(), Date.from(clock.instant().plus(period)));
        engineIdentity.asPlatform(
                () -> runtimeService.startProcessInstanceByKey(AccessReviewProcess.KEY, reference, variables));
        return reviews.findByReference(reference)
                .orElseThrow(() -> new IllegalStateException("Access review " + reference + " was not opened"));
    }

    @Transactional(readOnly = true)
    AccessReview find(String reference) {
        securityData.requireAllRows();
        return reviews.findByReference(reference).orElseThrow(() -> new NotFoundException("access review", reference));
    }

    @Transactional(readOnly = true)
    List<AccessReviewDecision> evidence(String reference) {
        AccessReview review = find(reference);
        return decisions.findByReviewReferenceOrderByRightReferenceAsc(review.getReference());
    }

    @Transactional(readOnly = true)
    Page<AccessReview> list(String clientReference, AccessReviewStatus status, PageParameters page) {
        securityData.requireAllRows();
        return reviews.findAll(
                ListFilters.<AccessReview>allOf(
                        ListFilters.equal("clientReference", clientReference), ListFilters.equal("status", status)),
                page.sortedBy(Sort.by(Sort.Order.desc("id"))));
    }

    /** Whether the client's last review is older than the cycle (or it never had one) and none is open. */
    @Transactional(readOnly = true)
    boolean due(String clientReference, Instant now) {
        if (reviews.existsByClientReferenceAndStatus(clientReference, AccessReviewStatus.OPEN)) {
            return false;
        }
        return reviews.findFirstByClientReferenceOrderByCreatedAtDesc(clientReference)
                .map(last -> !settings.nextReviewAfter(last.getCreatedAt()).isAfter(now))
                .orElse(true);
    }
}
