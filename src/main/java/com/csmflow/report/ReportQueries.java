package com.csmflow.report;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The report's figures as read-only SQL over the registers (sla_clock, escalation, change_request, problem,
 * sip_action, risk, contract). Reporting adds up rows of several capabilities, so it reads their tables
 * rather than loading entities through each capability's service; it writes nothing there.
 * A null {@code client} counts every client (the provider's KPIs).
 */
@Component
class ReportQueries {

    private final NamedParameterJdbcTemplate jdbc;

    ReportQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static MapSqlParameterSource params(String client, Instant from, Instant to) {
        return new MapSqlParameterSource()
                .addValue("client", client, java.sql.Types.VARCHAR)
                .addValue("from", Timestamp.from(from))
                .addValue("to", Timestamp.from(to));
    }

    private static final String CLIENT = " (CAST(:client AS VARCHAR(64)) IS NULL OR client_reference = :client) ";

    /** Clocks stopped in the period per metric and priority (paused time is not in a clock's elapsed time). */
    List<ReportFigures.SlaLine> sla(String client, Instant from, Instant to) {
        return jdbc.query(
                "SELECT metric, priority,"
                        + " SUM(CASE WHEN state = 'MET' THEN 1 ELSE 0 END) AS met,"
                        + " SUM(CASE WHEN state = 'BREACHED' THEN 1 ELSE 0 END) AS breached"
                        + " FROM sla_clock WHERE stopped_at >= :from AND stopped_at < :to AND" + CLIENT
                        + " GROUP BY metric, priority ORDER BY metric, priority",
                params(client, from, to),
                (rs, i) -> {
                    long met = rs.getLong("met");
                    long breached = rs.getLong("breached");
                    return new ReportFigures.SlaLine(
                            rs.getString("metric"),
                            rs.getString("priority"),
                            met,
                            breached,
                            percent(met, met + breached));
                });
    }

    /** Clocks stopped in the period per metric, all priorities together (the KPIs). */
    List<Kpis.TargetKpi> slaByMetric(String client, Instant from, Instant to) {
        return jdbc.query(
                "SELECT metric, SUM(CASE WHEN state = 'MET' THEN 1 ELSE 0 END) AS met,"
                        + " SUM(CASE WHEN state = 'BREACHED' THEN 1 ELSE 0 END) AS breached"
                        + " FROM sla_clock WHERE stopped_at >= :from AND stopped_at < :to AND" + CLIENT
                        + " GROUP BY metric ORDER BY metric",
                params(client, from, to),
                (rs, i) -> {
                    long met = rs.getLong("met");
                    long breached = rs.getLong("breached");
                    return new Kpis.TargetKpi(rs.getString("metric"), met, breached, percent(met, met + breached));
                });
    }

    long[] slaTotals(String client, Instant from, Instant to) {
        return jdbc.queryForObject(
                "SELECT SUM(CASE WHEN state = 'MET' THEN 1 ELSE 0 END) AS met,"
                        + " SUM(CASE WHEN state = 'BREACHED' THEN 1 ELSE 0 END) AS breached"
                        + " FROM sla_clock WHERE stopped_at >= :from AND stopped_at < :to AND" + CLIENT,
                params(client, from, to),
                (rs, i) -> new long[] {rs.getLong("met"), rs.getLong("breached")});
    }

    long[] metric(String client, String metric, Instant from, Instant to) {
        return jdbc.queryForObject(
                "SELECT SUM(CASE WHEN state = 'MET' THEN 1 ELSE 0 END) AS met,"
                        + " SUM(CASE WHEN state = 'BREACHED' THEN 1 ELSE 0 END) AS breached"
                        + " FROM sla_clock WHERE metric = :metric AND stopped_at >= :from AND stopped_at < :to AND"
                        + CLIENT,
                params(client, from, to).addValue("metric", metric),
                (rs, i) -> new long[] {rs.getLong("met"), rs.getLong("breached")});
    }

    /** Rows of a register created in the period: complaints received, security events raised. */
    long createdIn(String table, String client, Instant from, Instant to) {
        if (!CREATED_COUNTED.contains(table)) {
            throw new IllegalArgumentException("not a counted register: " + table);
        }
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + table + " WHERE created_at >= :from AND created_at < :to AND" + CLIENT,
                params(client, from, to),
                Long.class);
        return n == null ? 0 : n;
    }

    /** The registers {@link #createdIn} counts (a table name is no parameter, so it is checked). */
    static final java.util.Set<String> CREATED_COUNTED = java.util.Set.of("complaint", "security_event");

    ReportFigures.Escalations escalations(String client, Instant from, Instant to) {
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        jdbc.query(
                "SELECT COALESCE(severity, 'unrated') AS severity, COUNT(*) AS n FROM escalation"
                        + " WHERE raised_at >= :from AND raised_at < :to AND" + CLIENT
                        + " GROUP BY COALESCE(severity, 'unrated') ORDER BY 1",
                params(client, from, to),
                rs -> {
                    bySeverity.put(rs.getString("severity"), rs.getLong("n"));
                });
        long raised = bySeverity.values().stream().mapToLong(Long::longValue).sum();
        List<long[]> acks = jdbc.query(
                "SELECT raised_at, acknowledged_at FROM escalation WHERE acknowledged_at IS NOT NULL"
                        + " AND raised_at >= :from AND raised_at < :to AND" + CLIENT,
                params(client, from, to),
                (rs, i) -> new long[] {
                    rs.getTimestamp("raised_at").getTime(),
                    rs.getTimestamp("acknowledged_at").getTime()
                });
        Double mean = acks.isEmpty()
                ? null
                : round1(acks.stream().mapToLong(a -> a[1] - a[0]).average().orElse(0) / 60000.0);
        return new ReportFigures.Escalations(raised, bySeverity, acks.size(), mean);
    }

    ReportFigures.Changes changes(String client, Instant from, Instant to) {
        Map<String, Long> byClass = new LinkedHashMap<>();
        jdbc.query(
                "SELECT COALESCE(change_class, 'unclassified') AS change_class, COUNT(*) AS n FROM change_request"
                        + " WHERE created_at >= :from AND created_at < :to AND" + CLIENT
                        + " GROUP BY COALESCE(change_class, 'unclassified') ORDER BY 1",
                params(client, from, to),
                rs -> {
                    byClass.put(rs.getString("change_class"), rs.getLong("n"));
                });
        long raised = byClass.values().stream().mapToLong(Long::longValue).sum();
        long[] outcome = jdbc.queryForObject(
                "SELECT SUM(CASE WHEN implementation_result = 'success' THEN 1 ELSE 0 END) AS ok,"
                        + " SUM(CASE WHEN implementation_result = 'failed' THEN 1 ELSE 0 END) AS failed"
                        + " FROM change_request WHERE created_at >= :from AND created_at < :to AND" + CLIENT,
                params(client, from, to),
                (rs, i) -> new long[] {rs.getLong("ok"), rs.getLong("failed")});
        long classified = raised - byClass.getOrDefault("unclassified", 0L);
        long emergency = byClass.getOrDefault("emergency", 0L);
        return new ReportFigures.Changes(
                raised,
                byClass,
                outcome[0] + outcome[1],
                outcome[0],
                outcome[1],
                percent(outcome[0], outcome[0] + outcome[1]),
                percent(emergency, classified));
    }

    ReportFigures.Problems problems(String client, Instant from, Instant to) {
        Long opened = jdbc.queryForObject(
                "SELECT COUNT(*) FROM problem WHERE opened_at >= :from AND opened_at < :to AND" + CLIENT,
                params(client, from, to),
                Long.class);
        long[] incidents = jdbc.queryForObject(
                "SELECT COUNT(*) AS n, COUNT(problem_reference) AS with_problem FROM client_incident"
                        + " WHERE reported_at >= :from AND reported_at < :to AND" + CLIENT,
                params(client, from, to),
                (rs, i) -> new long[] {rs.getLong("n"), rs.getLong("with_problem")});
        long[] rca = metric(client, "rca.delivered", from, to);
        return new ReportFigures.Problems(
                incidents[0],
                incidents[1],
                opened == null ? 0 : opened,
                rca[0],
                rca[1],
                percent(rca[0], rca[0] + rca[1]));
    }

    /** The SIP as it stood at the period's end, and the actions done within the period. */
    ReportFigures.SipActions sipActions(String client, Instant from, Instant to, LocalDate endDay) {
        MapSqlParameterSource p = params(client, from, to).addValue("endDay", Date.valueOf(endDay));
        String openAtEnd = " created_at < :to AND (completed_at IS NULL OR completed_at >= :to)"
                + " AND status <> 'RISK_ACCEPTED' AND" + CLIENT;
        Long open = jdbc.queryForObject("SELECT COUNT(*) FROM sip_action WHERE" + openAtEnd, p, Long.class);
        Long overdue = jdbc.queryForObject(
                "SELECT COUNT(*) FROM sip_action WHERE target_date < :endDay AND" + openAtEnd, p, Long.class);
        Long done = jdbc.queryForObject(
                "SELECT COUNT(*) FROM sip_action WHERE status = 'DONE' AND completed_at >= :from"
                        + " AND completed_at < :to AND" + CLIENT,
                p,
                Long.class);
        return new ReportFigures.SipActions(open, overdue, done);
    }

    /** Entries of the issues and risk register raised before the period's end and not closed by then. */
    List<ReportFigures.RiskLine> risks(String client, Instant to) {
        return jdbc.query(
                "SELECT reference, entry_type, description, owner, review_date, status FROM risk"
                        + " WHERE created_at < :to AND (closed_at IS NULL OR closed_at >= :to) AND client_reference = :client"
                        + " ORDER BY review_date, reference",
                params(client, to, to),
                (rs, i) -> new ReportFigures.RiskLine(
                        rs.getString("reference"),
                        rs.getString("entry_type"),
                        rs.getString("description"),
                        rs.getString("owner"),
                        rs.getDate("review_date").toLocalDate().toString(),
                        rs.getString("status")));
    }

    /** Hours bought: per month of the period, the contracted hours of the contracts whose term covers that month. */
    long hoursBought(String client, ReportPeriod period) {
        long hours = 0;
        for (LocalDate month = period.start(); month.isBefore(period.end()); month = month.plusMonths(1)) {
            Long h = jdbc.queryForObject(
                    "SELECT COALESCE(SUM(k.contracted_hours_per_month), 0) FROM contract k JOIN client c ON c.id = k.client_id"
                            + " WHERE c.reference = :client AND k.term_start < :monthEnd AND k.term_end >= :monthStart",
                    new MapSqlParameterSource()
                            .addValue("client", client)
                            .addValue("monthStart", Date.valueOf(month))
                            .addValue("monthEnd", Date.valueOf(month.plusMonths(1))),
                    Long.class);
            hours += h == null ? 0 : h;
        }
        return hours;
    }

    /** Escalations raised, changes raised and failed, incidents reported and problems opened in a trend bucket. */
    long[] activity(String client, Instant from, Instant to) {
        Long escalations = jdbc.queryForObject(
                "SELECT COUNT(*) FROM escalation WHERE raised_at >= :from AND raised_at < :to AND" + CLIENT,
                params(client, from, to),
                Long.class);
        long[] changes = jdbc.queryForObject(
                "SELECT COUNT(*) AS n, SUM(CASE WHEN implementation_result = 'failed' THEN 1 ELSE 0 END) AS failed"
                        + " FROM change_request WHERE created_at >= :from AND created_at < :to AND" + CLIENT,
                params(client, from, to),
                (rs, i) -> new long[] {rs.getLong("n"), rs.getLong("failed")});
        Long incidents = jdbc.queryForObject(
                "SELECT COUNT(*) FROM client_incident WHERE reported_at >= :from AND reported_at < :to AND" + CLIENT,
                params(client, from, to),
                Long.class);
        Long problems = jdbc.queryForObject(
                "SELECT COUNT(*) FROM problem WHERE opened_at >= :from AND opened_at < :to AND" + CLIENT,
                params(client, from, to),
                Long.class);
        return new long[] {
            escalations == null ? 0 : escalations,
            changes[0],
            changes[1],
            incidents == null ? 0 : incidents,
            problems == null ? 0 : problems
        };
    }

    static Double percent(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
    }

    static Double round1(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
