package com.csmflow.review;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.ListFilters;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.register.BusinessKeys;
import com.csmflow.report.PeriodKind;
import com.csmflow.report.ReportPeriod;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starting reviews (asked for, or due on the tier's cycle) and reading the review register. */
@Service
public class ServiceReviews {

    static final String SCHEDULED = "SCHEDULED";
    static final String REQUESTED = "REQUESTED";

    private final ServiceReviewRepository reviews;
    private final Clients clients;
    private final BusinessKeys keys;
    private final RuntimeService runtimeService;
    private final EngineIdentity engineIdentity;
    private final RegisterAudit audit;
    private final Clock clock;

    ServiceReviews(
            ServiceReviewRepository reviews,
            Clients clients,
            BusinessKeys keys,
            RuntimeService runtimeService,
            EngineIdentity engineIdentity,
            RegisterAudit audit,
            Clock clock) {
        this.reviews = reviews;
        this.clients = clients;
        this.keys = keys;
        this.runtimeService = runtimeService;
        this.engineIdentity = engineIdentity;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A review asked for by the client or the CSM ({@code POST /api/reviews}): for {@code period} (2026-12,
     * 2026-Q4, 2026) or, when absent, the last completed period of {@code periodKind} (default: the tier's cycle).
     */
    @Transactional
    public ServiceReview request(String clientReference, String reason, String periodKind, String period) {
        Client client = clients.require(clientReference);
        if (reason == null || reason.isBlank()) {
            throw new InvalidFieldException("reason", "is required: why is the review asked for?");
        }
        if (reason.length() > 4000) {
            throw new InvalidFieldException("reason", "at most 4000 characters");
        }
        ReportPeriod reportPeriod = resolve(client, periodKind, period);
        return start(client, reportPeriod, REQUESTED, reason.trim(), null);
    }

    /** The period of a review: the one named, else the last completed one of the kind (the tier's cycle by default). */
    ReportPeriod resolve(Client client, String periodKind, String period) {
        if (period != null && !period.isBlank()) {
            return ReportPeriod.parse(period, "period");
        }
        PeriodKind kind = periodKind == null || periodKind.isBlank() ? cycleOf(client) : kind(periodKind);
        return kind.lastCompletedBefore(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    static PeriodKind cycleOf(Client client) {
        return client.getTier() == com.csmflow.client.CsmTier.ENHANCED ? PeriodKind.MONTH : PeriodKind.QUARTER;
    }

    private static PeriodKind kind(String text) {
        try {
            return PeriodKind.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("periodKind", "must be MONTH, QUARTER or YEAR");
        }
    }

    /** The key that keeps a scheduled review of a client and period unique. */
    static String scheduleKey(String clientReference, ReportPeriod period) {
        return clientReference + ":" + period.kind().name() + ":" + period.start();
    }

    /**
     * Starts the scheduled review of a client's period unless one exists (the daily scheduler may run again);
     * returns whether it started one.
     */
    @Transactional
    public boolean startScheduled(Client client, ReportPeriod period) {
        String key = scheduleKey(client.getReference(), period);
        if (reviews.existsByScheduleKey(key)) {
            return false;
        }
        start(
                client,
                period,
                SCHEDULED,
                "due on the " + period.kind().name().toLowerCase(Locale.ROOT) + "ly cycle",
                key);
        return true;
    }

    private ServiceReview start(Client client, ReportPeriod period, String origin, String reason, String scheduleKey) {
        String reference = keys.next("REV");
        ServiceReview review = reviews.save(new ServiceReview(
                reference, client.getReference(), period, origin, reason, scheduleKey, clock.instant(), null));
        audit.record(ServiceReviewProcess.REGISTER, reference, RegisterAudit.CREATE, Map.of(), review.auditView());
        Map<String, Object> variables = new HashMap<>();
        variables.put(CaseVariables.CLIENT_REFERENCE.name(), client.getReference());
        variables.put(ServiceReviewProcess.PERIOD.name(), period.label());
        variables.put(ServiceReviewProcess.PERIOD_KIND.name(), period.kind().name());
        variables.put(ServiceReviewProcess.REASON.name(), reason);
        variables.put(ServiceReviewProcess.ORIGIN.name(), origin);
        engineIdentity.asPlatform(
                () -> runtimeService.startProcessInstanceByKey(ServiceReviewProcess.KEY, reference, variables));
        return review;
    }

    @Transactional(readOnly = true)
    public ServiceReview find(String reference) {
        return reviews.findByReference(reference).orElseThrow(() -> new NotFoundException("service review", reference));
    }

    @Transactional(readOnly = true)
    public Page<ServiceReview> list(String clientReference, ReviewStatus status, PageParameters page) {
        return reviews.findAll(
                ListFilters.<ServiceReview>allOf(
                        ListFilters.equal("clientReference", clientReference), ListFilters.equal("status", status)),
                page.sortedBy(Sort.by(Sort.Order.desc("id"))));
    }
}
