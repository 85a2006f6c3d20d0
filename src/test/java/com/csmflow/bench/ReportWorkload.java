package com.csmflow.bench;

import com.csmflow.report.PeriodKind;
import com.csmflow.report.ReportPeriod;
import com.csmflow.report.ServiceReports;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Workload "report" (issue 20): the service report of one client over a year of history, with every benchmark
 * client (50) carrying twelve months of recorded data, so that each query of the report has the other clients'
 * rows to step over. The history goes straight into the registers by SQL (batched), shaped like what the
 * workflows record: SLA clocks, escalations, changes, problems, SIP actions, risks, complaints, security
 * events, hours and survey answers. Then one Enhanced client's report is generated several times, for its last
 * completed month (with the twelve-month trend) and for the last twelve months as a year, and read back as
 * HTML and PDF through {@code /api/reports}. Target: generating a report (figures, charts, HTML and PDF,
 * stored) in at most 2 s.
 */
final class ReportWorkload {

    static final double TARGET_MS = 2_000;
    private static final String[] METRICS = {
        "escalation.acknowledge", "escalation.resolution", "rca.delivered", "change.notice"
    };
    private static final String[] PRIORITIES = {"P1", "P2", "P3"};
    private static final String[] SEVERITIES = {"critical", "high", "medium", "low"};
    private static final String[] CLASSES = {"standard", "normal", "emergency"};

    private final BenchApp app;
    private final Results results;

    ReportWorkload(BenchApp app, Results results) {
        this.app = app;
        this.results = results;
    }

    /** Seeds the history, measures {@code runs} reports of each kind after two unmeasured ones. */
    Map<String, Object> run(List<String> clients, int runs) {
        String w = "9 report (" + clients.size() + " clients x 12 months)";
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate firstMonth = today.withDayOfMonth(1).minusMonths(12);
        long seedStart = System.nanoTime();
        long rows = seed(clients, firstMonth);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        app.execute("ANALYZE");
        results.add(w, "seed: rows written by SQL", rows, "rows");
        results.add(w, "seed: time", seedSeconds, "s");

        // an Enhanced client (even number): its report adds the analysis and trending section
        String client = clients.stream()
                .filter(c -> Integer.parseInt(c.substring(6)) % 2 == 0)
                .findFirst()
                .orElse(clients.get(0));
        ServiceReports reports = app.bean(ServiceReports.class);
        ReportPeriod month = PeriodKind.MONTH.lastCompletedBefore(today);
        // the calendar year of that month: up to twelve of the seeded months in one period
        ReportPeriod year = ReportPeriod.of(PeriodKind.YEAR, month.start());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("client", client);
        detail.put("rowsSeeded", rows);
        detail.put("seedSeconds", Stats.round(seedSeconds));
        detail.put("runsPerKind", runs);
        for (ReportPeriod period : List.of(month, year)) {
            String kind = period.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + period.label();
            Stats figures = new Stats();
            Stats generate = new Stats();
            Stats html = new Stats();
            Stats pdf = new Stats();
            long htmlBytes = 0;
            long pdfBytes = 0;
            for (int i = -2; i < runs; i++) {
                boolean measured = i >= 0;
                long t0 = System.nanoTime();
                reports.figures(client, period);
                long t1 = System.nanoTime();
                long id = reports.generate(client, period, null, "bench");
                long t2 = System.nanoTime();
                HttpResponse<String> page = app.call("GET", "/api/reports/" + id, Bench.CSM_USER, Bench.PASSWORD, null);
                long t3 = System.nanoTime();
                HttpResponse<String> document =
                        app.call("GET", "/api/reports/" + id + ".pdf", Bench.CSM_USER, Bench.PASSWORD, null);
                long t4 = System.nanoTime();
                if (page.statusCode() != 200 || document.statusCode() != 200) {
                    throw new IllegalStateException(
                            "report " + id + ": HTML " + page.statusCode() + ", PDF " + document.statusCode());
                }
                if (measured) {
                    figures.recordNanos(t1 - t0);
                    generate.recordNanos(t2 - t1);
                    html.recordNanos(t3 - t2);
                    pdf.recordNanos(t4 - t3);
                    htmlBytes = page.body().length();
                    pdfBytes = document.headers()
                            .firstValueAsLong("Content-Length")
                            .orElse(document.body().length());
                }
            }
            results.atMost(w, kind + ": generate p50 (HTML+PDF, stored)", generate.percentile(50), "ms", TARGET_MS);
            results.atMost(w, kind + ": generate p95 (HTML+PDF, stored)", generate.percentile(95), "ms", TARGET_MS);
            results.add(w, kind + ": of it figures by SQL p50", figures.percentile(50), "ms");
            results.add(w, kind + ": GET HTML p95", html.percentile(95), "ms");
            results.add(w, kind + ": GET PDF p95", pdf.percentile(95), "ms");
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("generate", generate.summary());
            one.put("figuresOnly", figures.summary());
            one.put("getHtml", html.summary());
            one.put("getPdf", pdf.summary());
            one.put("htmlBytes", htmlBytes);
            one.put("pdfBytes", pdfBytes);
            detail.put(kind, one);
        }
        return detail;
    }

    private long seed(List<String> clients, LocalDate firstMonth) {
        Random random = new Random(20L);
        long rows = 0;
        try (Connection c = DriverManager.getConnection(app.jdbcUrl, app.dbUser, app.dbPassword)) {
            c.setAutoCommit(false);
            try (PreparedStatement clock = c.prepareStatement(
                            "INSERT INTO sla_clock (business_key, clock_name, metric,"
                                    + " client_reference, tier, priority, calendar, target_duration, warning_percent, started_at,"
                                    + " counting_since, warning_at, due_at, paused_ms, elapsed_ms, state, breached, stopped_at)"
                                    + " VALUES (?, 'c', ?, ?, ?, ?, 'TWENTY_FOUR_SEVEN', 'PT4H', 75, ?, NULL, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement escalation = c.prepareStatement("INSERT INTO escalation (reference,"
                            + " client_reference, source, subject, reported_impact, severity, priority, level_reached,"
                            + " status, raised_at, acknowledged_at, reopen_count, updated_at) VALUES (?, ?, 'api',"
                            + " 'seeded', 'high', ?, 'P2', 'CSM', 'CLOSED', ?, ?, 0, ?)");
                    PreparedStatement change = c.prepareStatement("INSERT INTO change_request (reference,"
                            + " client_reference, title, requested_type, urgency, impact, change_class, status,"
                            + " window_start, window_end, implementation_result, created_at, updated_at) VALUES (?, ?,"
                            + " 'seeded', 'normal', 'medium', 'medium', ?, 'CLOSED', ?, ?, ?, ?, ?)");
                    PreparedStatement problem = c.prepareStatement("INSERT INTO problem (reference, client_reference,"
                            + " source_type, summary, priority, status, opened_at, updated_at) VALUES (?, ?, 'csm',"
                            + " 'seeded', 'P3', 'CLOSED', ?, ?)");
                    PreparedStatement sip = c.prepareStatement("INSERT INTO sip_action (reference, client_reference,"
                            + " source_type, description, owner_group, target_date, status, created_at, completed_at,"
                            + " updated_at) VALUES (?, ?, 'csm', 'seeded', 'csm', ?, ?, ?, ?, ?)");
                    PreparedStatement risk = c.prepareStatement("INSERT INTO risk (reference, client_reference,"
                            + " source_type, description, owner, review_date, status, created_at, closed_at, updated_at,"
                            + " entry_type) VALUES (?, ?, 'register', 'seeded risk', 'csm', ?, 'OPEN', ?, NULL, ?,"
                            + " 'RISK')");
                    PreparedStatement complaint = c.prepareStatement("INSERT INTO complaint (reference,"
                            + " client_reference, contact, category, priority, description, status, handler_group,"
                            + " created_at, updated_at) VALUES (?, ?, 'ops@client.example', 'SERVICE', 'P3', 'seeded',"
                            + " 'CLOSED', 'csm', ?, ?)");
                    PreparedStatement security = c.prepareStatement("INSERT INTO security_event (reference,"
                            + " client_reference, event_type, asset, asset_criticality, personal_data, description,"
                            + " source, status, incident, escalated, inform_client, problem_requested, plan_feedback,"
                            + " created_at, updated_at) VALUES (?, ?, 'malware', 'mail gateway', 'HIGH', FALSE,"
                            + " 'seeded', 'siem', 'CLOSED', FALSE, FALSE, FALSE, FALSE, 'NONE', ?, ?)");
                    PreparedStatement hours = c.prepareStatement("INSERT INTO time_entry (client_reference, work_date,"
                            + " minutes, staff_user, source, recorded_by, recorded_at) VALUES (?, ?, ?, 'cse', 'API',"
                            + " 'cse', ?)");
                    PreparedStatement survey = c.prepareStatement("INSERT INTO satisfaction_survey (reference,"
                            + " client_reference, source_type, status, expires_at, score, answered_at, created_at,"
                            + " updated_at) VALUES (?, ?, 'CHANGE', 'ANSWERED', ?, ?, ?, ?, ?)")) {
                int n = 0;
                for (String client : clients) {
                    boolean enhanced = Integer.parseInt(client.substring(6)) % 2 == 0;
                    String tier = enhanced ? "ENHANCED" : "STANDARD";
                    for (int m = 0; m < 12; m++) {
                        LocalDate first = firstMonth.plusMonths(m);
                        String key = "BR-" + client + "-" + m + "-";
                        // a busy client's month: tens of clocks, a handful of escalations and changes
                        for (int i = 0; i < 20 + random.nextInt(21); i++) {
                            Instant started = at(first, random.nextInt(27), random.nextInt(23));
                            boolean breached = random.nextInt(6) == 0;
                            clock.setString(1, key + "K" + n++);
                            clock.setString(2, METRICS[random.nextInt(METRICS.length)]);
                            clock.setString(3, client);
                            clock.setString(4, tier);
                            clock.setString(5, PRIORITIES[random.nextInt(PRIORITIES.length)]);
                            clock.setTimestamp(6, ts(started));
                            clock.setTimestamp(7, ts(started.plusSeconds(10_800)));
                            clock.setTimestamp(8, ts(started.plusSeconds(14_400)));
                            clock.setLong(9, random.nextInt(3) * 3_600_000L);
                            clock.setLong(10, breached ? 20_000_000L : 3_000_000L);
                            clock.setString(11, breached ? "BREACHED" : "MET");
                            clock.setBoolean(12, breached);
                            clock.setTimestamp(13, ts(started.plusSeconds(3600L * (1 + random.nextInt(30)))));
                            clock.addBatch();
                            rows++;
                        }
                        for (int i = 0; i < 2 + random.nextInt(7); i++) {
                            Instant raised = at(first, random.nextInt(27), random.nextInt(23));
                            escalation.setString(1, key + "E" + n++);
                            escalation.setString(2, client);
                            escalation.setString(3, SEVERITIES[random.nextInt(SEVERITIES.length)]);
                            escalation.setTimestamp(4, ts(raised));
                            escalation.setTimestamp(5, ts(raised.plusSeconds(60L * (5 + random.nextInt(90)))));
                            escalation.setTimestamp(6, ts(raised));
                            escalation.addBatch();
                            rows++;
                        }
                        for (int i = 0; i < 3 + random.nextInt(8); i++) {
                            Instant created = at(first, random.nextInt(27), random.nextInt(23));
                            int outcome = random.nextInt(5);
                            change.setString(1, key + "C" + n++);
                            change.setString(2, client);
                            change.setString(3, CLASSES[random.nextInt(CLASSES.length)]);
                            change.setTimestamp(4, ts(created.plusSeconds(86_400)));
                            change.setTimestamp(5, ts(created.plusSeconds(90_000)));
                            change.setString(6, outcome == 0 ? "failed" : "success");
                            change.setTimestamp(7, ts(created));
                            change.setTimestamp(8, ts(created));
                            change.addBatch();
                            rows++;
                        }
                        if (random.nextBoolean()) {
                            problem.setString(1, key + "P" + n++);
                            problem.setString(2, client);
                            problem.setTimestamp(3, ts(at(first, 3, 9)));
                            problem.setTimestamp(4, ts(at(first, 3, 9)));
                            problem.addBatch();
                            rows++;
                        }
                        for (int i = 0; i < 1 + random.nextInt(4); i++) {
                            Instant created = at(first, random.nextInt(27), 10);
                            LocalDate target =
                                    LocalDate.ofInstant(created, ZoneOffset.UTC).plusDays(10 + random.nextInt(60));
                            boolean done = random.nextBoolean();
                            sip.setString(1, key + "S" + n++);
                            sip.setString(2, client);
                            sip.setDate(3, Date.valueOf(target));
                            sip.setString(4, done ? "DONE" : "OPEN");
                            sip.setTimestamp(5, ts(created));
                            sip.setTimestamp(
                                    6, done ? ts(created.plusSeconds(86_400L * (5 + random.nextInt(60)))) : null);
                            sip.setTimestamp(7, ts(created));
                            sip.addBatch();
                            rows++;
                        }
                        if (m % 3 == 0) {
                            Instant created = at(first, 10, 10);
                            risk.setString(1, key + "R" + n++);
                            risk.setString(2, client);
                            risk.setDate(3, Date.valueOf(first.plusMonths(3)));
                            risk.setTimestamp(4, ts(created));
                            risk.setTimestamp(5, ts(created));
                            risk.addBatch();
                            rows++;
                        }
                        for (int i = 0; i < random.nextInt(3); i++) {
                            Instant received = at(first, 2 + random.nextInt(25), 9);
                            complaint.setString(1, key + "Q" + n++);
                            complaint.setString(2, client);
                            complaint.setTimestamp(3, ts(received));
                            complaint.setTimestamp(4, ts(received));
                            complaint.addBatch();
                            rows++;
                        }
                        if (random.nextBoolean()) {
                            Instant raised = at(first, 5 + random.nextInt(20), 14);
                            security.setString(1, key + "I" + n++);
                            security.setString(2, client);
                            security.setTimestamp(3, ts(raised));
                            security.setTimestamp(4, ts(raised));
                            security.addBatch();
                            rows++;
                        }
                        for (int i = 0; i < 4 + random.nextInt(8); i++) {
                            LocalDate worked = first.plusDays(random.nextInt(27));
                            hours.setString(1, client);
                            hours.setDate(2, Date.valueOf(worked));
                            hours.setInt(3, 15 * (1 + random.nextInt(40)));
                            hours.setTimestamp(4, ts(at(worked, 0, 18)));
                            hours.addBatch();
                            rows++;
                        }
                        for (int i = 0; i < random.nextInt(4); i++) {
                            Instant answered = at(first, 1 + random.nextInt(26), 11);
                            survey.setString(1, key + "Y" + n++);
                            survey.setString(2, client);
                            survey.setTimestamp(3, ts(answered.plusSeconds(86_400L * 14)));
                            survey.setInt(4, 1 + random.nextInt(5));
                            survey.setTimestamp(5, ts(answered));
                            survey.setTimestamp(6, ts(answered.minusSeconds(86_400)));
                            survey.setTimestamp(7, ts(answered));
                            survey.addBatch();
                            rows++;
                        }
                    }
                    for (PreparedStatement batch : List.of(
                            clock, escalation, change, problem, sip, risk, complaint, security, hours, survey)) {
                        batch.executeBatch();
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("seeding the report history failed", e);
        }
        return rows;
    }

    private static Instant at(LocalDate first, int day, int hour) {
        return first.plusDays(day).atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
