package com.csmflow.report;

import com.csmflow.client.Clients;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The process KPIs (004 GR6) per period, for one client or the whole provider: % SLA met per target, reviews
 * held on time, mean time to acknowledge escalations, changes failed, complaints received and security events
 * raised.
 */
@Service
public class Kpis {

    private final ReportQueries queries;
    private final Clients clients;
    private final Clock clock;

    Kpis(ReportQueries queries, Clients clients, Clock clock) {
        this.queries = queries;
        this.clients = clients;
        this.clock = clock;
    }

    public record TargetKpi(String metric, long met, long breached, Double percentMet) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record KpiSet(
            String period,
            String clientReference,
            List<TargetKpi> slaByTarget,
            Double slaPercentMet,
            long reviewsHeldOnTime,
            long reviewsHeldLate,
            Double reviewsOnTimePercent,
            Double meanMinutesToAcknowledge,
            long escalationsAcknowledged,
            long changesImplemented,
            long changesFailed,
            Long complaints,
            Long securityEvents,
            List<String> notes) {}

    /** {@code period} as 2026-12, 2026-Q4 or 2026; the last completed month (UTC) when absent. */
    @Transactional(readOnly = true)
    public KpiSet kpis(String clientReference, String period) {
        String client = clientReference == null
                ? null
                : clients.require(clientReference).getReference();
        ReportPeriod p = period == null
                ? PeriodKind.MONTH.lastCompletedBefore(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))
                : ReportPeriod.parse(period, "period");
        long[] totals = queries.slaTotals(client, p.from(), p.to());
        long[] reviews = queries.metric(client, "service-review.held", p.from(), p.to());
        ReportFigures.Escalations escalations = queries.escalations(client, p.from(), p.to());
        ReportFigures.Changes changes = queries.changes(client, p.from(), p.to());
        List<String> notes = new ArrayList<>();
        return new KpiSet(
                p.label(),
                client,
                queries.slaByMetric(client, p.from(), p.to()),
                ReportQueries.percent(totals[0], totals[0] + totals[1]),
                reviews[0],
                reviews[1],
                ReportQueries.percent(reviews[0], reviews[0] + reviews[1]),
                escalations.meanMinutesToAcknowledge(),
                escalations.acknowledged(),
                changes.implemented(),
                changes.failed(),
                queries.createdIn("complaint", client, p.from(), p.to()),
                queries.createdIn("security_event", client, p.from(), p.to()),
                notes);
    }
}
