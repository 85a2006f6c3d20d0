package com.csmflow.report;

import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service reports: the figures of one client and period computed from the registers, rendered as HTML and
 * PDF, stored in {@code service_report} (the PDF bytes with it) and read back by {@code /api/reports}.
 * Runs in the caller's transaction, so a review step that generates its report commits both together.
 */
@Service
public class ServiceReports {

    /** What the report says when no survey source is present or it has no answers. */
    public static final String NO_SURVEY_DATA = "no survey data";

    static final String NO_LEDGER = "no hours ledger: contracted hours only";

    private final ReportQueries queries;
    private final Clients clients;
    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final ObjectProvider<ReportSources.SatisfactionSource> satisfaction;
    private final ObjectProvider<ReportSources.HoursLedgerSource> ledger;

    ServiceReports(
            ReportQueries queries,
            Clients clients,
            NamedParameterJdbcTemplate jdbc,
            ObjectMapper json,
            Clock clock,
            ObjectProvider<ReportSources.SatisfactionSource> satisfaction,
            ObjectProvider<ReportSources.HoursLedgerSource> ledger) {
        this.queries = queries;
        this.clients = clients;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.satisfaction = satisfaction;
        this.ledger = ledger;
    }

    /** A stored report's row without its documents. */
    public record ReportSummary(
            long id,
            String clientReference,
            String tier,
            String period,
            String periodKind,
            String periodStart,
            String periodEnd,
            String reviewReference,
            Instant generatedAt,
            String generatedBy,
            String html,
            String pdf) {}

    /** The figures of a client's period, counted now. */
    @Transactional(readOnly = true)
    public ReportFigures figures(String clientReference, ReportPeriod period) {
        Client client = clients.require(clientReference);
        String ref = client.getReference();
        Instant from = period.from();
        Instant to = period.to();
        long[] totals = queries.slaTotals(ref, from, to);
        List<ReportFigures.TrendPoint> trend = new ArrayList<>();
        for (ReportPeriod bucket : period.trend()) {
            long[] sla = queries.slaTotals(ref, bucket.from(), bucket.to());
            long[] activity = queries.activity(ref, bucket.from(), bucket.to());
            trend.add(new ReportFigures.TrendPoint(
                    bucket.label(),
                    ReportQueries.percent(sla[0], sla[0] + sla[1]),
                    activity[0],
                    activity[1],
                    activity[2],
                    activity[3],
                    activity[4],
                    score(ref, bucket.from(), bucket.to())
                            .map(s -> ReportQueries.round1(s.meanScore()))
                            .orElse(null)));
        }
        long[] reviews = queries.metric(ref, "service-review.held", from, to);
        Optional<Double> used =
                Optional.ofNullable(ledger.getIfAvailable()).flatMap(source -> source.hoursUsed(ref, from, to));
        Optional<ReportSources.Score> score = score(ref, from, to);
        return new ReportFigures(
                ref,
                client.getName(),
                client.getTier().name(),
                period.label(),
                period.kind().name(),
                period.start().toString(),
                period.end().toString(),
                queries.sla(ref, from, to),
                totals[0],
                totals[1],
                ReportQueries.percent(totals[0], totals[0] + totals[1]),
                trend,
                queries.escalations(ref, from, to),
                queries.changes(ref, from, to),
                queries.problems(ref, from, to),
                queries.sipActions(ref, from, to, period.end()),
                queries.risks(ref, to),
                new ReportFigures.Hours(
                        queries.hoursBought(ref, period),
                        used.orElse(null),
                        ledger.getIfAvailable() == null ? NO_LEDGER : null),
                score.map(s -> new ReportFigures.Satisfaction(s.responses(), ReportQueries.round1(s.meanScore()), null))
                        .orElse(new ReportFigures.Satisfaction(null, null, NO_SURVEY_DATA)),
                new ReportFigures.Reviews(reviews[0], reviews[1]));
    }

    /** The survey answers of the client in [from, to), when surveys are recorded and any was answered. */
    private Optional<ReportSources.Score> score(String clientReference, Instant from, Instant to) {
        return Optional.ofNullable(satisfaction.getIfAvailable())
                .flatMap(source -> source.satisfaction(clientReference, from, to))
                .filter(s -> s.responses() > 0);
    }

    /** Generates and stores the report of a client's period; returns its id. */
    @Transactional
    public long generate(String clientReference, ReportPeriod period, String reviewReference, String generatedBy) {
        ReportFigures figures = figures(clientReference, period);
        ReportDocument document = ReportDocument.of(figures);
        String figuresJson;
        try {
            figuresJson = json.writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report figures not serialisable", e);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(
                "INSERT INTO service_report (client_reference, client_tier, period_kind, period_start, period_end,"
                        + " review_reference, generated_at, generated_by, figures, html, pdf) VALUES (:client, :tier,"
                        + " :kind, :start, :end, :review, :at, :by, :figures, :html, :pdf)",
                new MapSqlParameterSource()
                        .addValue("client", figures.clientReference())
                        .addValue("tier", figures.tier())
                        .addValue("kind", period.kind().name())
                        .addValue("start", Date.valueOf(period.start()))
                        .addValue("end", Date.valueOf(period.end()))
                        .addValue("review", reviewReference)
                        .addValue("at", Timestamp.from(clock.instant()))
                        .addValue("by", generatedBy == null ? "platform" : generatedBy)
                        .addValue("figures", figuresJson)
                        .addValue("html", document.html())
                        .addValue("pdf", document.pdf()),
                key,
                new String[] {"id"});
        return key.getKey().longValue();
    }

    @Transactional(readOnly = true)
    public Page<ReportSummary> list(
            String clientReference, PeriodKind kind, String reviewReference, PageParameters page) {
        String where = " WHERE (CAST(:client AS VARCHAR(64)) IS NULL OR client_reference = :client)"
                + " AND (CAST(:kind AS VARCHAR(16)) IS NULL OR period_kind = :kind)"
                + " AND (CAST(:review AS VARCHAR(32)) IS NULL OR review_reference = :review)";
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("client", clientReference, java.sql.Types.VARCHAR)
                .addValue("kind", kind == null ? null : kind.name(), java.sql.Types.VARCHAR)
                .addValue("review", reviewReference, java.sql.Types.VARCHAR)
                .addValue("limit", page.size())
                .addValue("offset", (long) page.page() * page.size());
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM service_report" + where, params, Long.class);
        List<ReportSummary> rows = jdbc.query(
                "SELECT id, client_reference, client_tier, period_kind, period_start, period_end, review_reference,"
                        + " generated_at, generated_by FROM service_report" + where
                        + " ORDER BY period_start DESC, id DESC LIMIT :limit OFFSET :offset",
                params,
                (rs, i) -> {
                    long id = rs.getLong("id");
                    ReportPeriod period = ReportPeriod.of(
                            PeriodKind.valueOf(rs.getString("period_kind")),
                            rs.getDate("period_start").toLocalDate());
                    return new ReportSummary(
                            id,
                            rs.getString("client_reference"),
                            rs.getString("client_tier"),
                            period.label(),
                            period.kind().name(),
                            period.start().toString(),
                            period.end().toString(),
                            rs.getString("review_reference"),
                            rs.getTimestamp("generated_at").toInstant(),
                            rs.getString("generated_by"),
                            "/api/reports/" + id,
                            "/api/reports/" + id + ".pdf");
                });
        return new PageImpl<>(rows, PageRequest.of(page.page(), page.size()), total == null ? 0 : total);
    }

    @Transactional(readOnly = true)
    public String html(long id) {
        return jdbc
                .query(
                        "SELECT html FROM service_report WHERE id = :id",
                        new MapSqlParameterSource("id", id),
                        (rs, i) -> rs.getString(1))
                .stream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("report", Long.toString(id)));
    }

    @Transactional(readOnly = true)
    public byte[] pdf(long id) {
        return jdbc
                .query(
                        "SELECT pdf FROM service_report WHERE id = :id",
                        new MapSqlParameterSource("id", id),
                        (rs, i) -> rs.getBytes(1))
                .stream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("report", Long.toString(id)));
    }

    /** The stored figures (JSON) of a report. */
    @Transactional(readOnly = true)
    public String figuresJson(long id) {
        return jdbc
                .query(
                        "SELECT figures FROM service_report WHERE id = :id",
                        new MapSqlParameterSource("id", id),
                        (rs, i) -> rs.getString(1))
                .stream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("report", Long.toString(id)));
    }
}
