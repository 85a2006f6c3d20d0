package com.csmflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 20, the service report: a year (2025) of SLA clocks, escalations, changes, problems, SIP actions, risks
 * and a contract is seeded for one client of its own; the report of a quarter and of a month is generated, and
 * every figure it states is checked against the same figure computed here by SQL of the test's own. The PDF
 * opens and its text (PDFBox) carries the figures; the HTML embeds the charts.
 */
@CsmFlowTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceReportTest {

    static final String CLIENT =
            "RPT-" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
    static final String[] METRICS = {"escalation.acknowledge", "escalation.resolution", "rca.delivered", "change.notice"
    };
    static final String[] PRIORITIES = {"P1", "P2", "P3"};
    static final String[] SEVERITIES = {"critical", "high", "medium", "low"};
    static final String[] CLASSES = {"standard", "normal", "emergency"};

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ServiceReports reports;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    @BeforeAll
    void seedAYear() {
        jdbc.update(
                "INSERT INTO client (reference, name, tier, language, time_zone, business_day_start, business_day_end,"
                        + " business_days, holiday_region, retired, created_at, updated_at, version)"
                        + " SELECT ?, 'Report Test Ltd', 'ENHANCED', language, time_zone, business_day_start,"
                        + " business_day_end, business_days, holiday_region, FALSE, created_at, updated_at, 0"
                        + " FROM client WHERE reference = 'HUDSON-MUTUAL'",
                CLIENT);
        Long clientId = jdbc.queryForObject("SELECT id FROM client WHERE reference = ?", Long.class, CLIENT);
        // two contracts: the second adds hours from November on
        jdbc.update(
                "INSERT INTO contract (client_id, reference, services, contracted_hours_per_month, term_start, term_end)"
                        + " VALUES (?, ?, 'Networking', 40, DATE '2025-01-01', DATE '2025-12-31')",
                clientId,
                CLIENT + "-A");
        jdbc.update(
                "INSERT INTO contract (client_id, reference, services, contracted_hours_per_month, term_start, term_end)"
                        + " VALUES (?, ?, 'Security', 15, DATE '2025-11-01', DATE '2026-10-31')",
                clientId,
                CLIENT + "-B");
        Random random = new Random(20L);
        int n = 0;
        for (int month = 1; month <= 12; month++) {
            LocalDate first = LocalDate.of(2025, month, 1);
            for (int i = 0; i < 6 + random.nextInt(6); i++) {
                Instant started = at(first, random.nextInt(25), random.nextInt(20));
                String state = random.nextInt(5) == 0 ? "BREACHED" : "MET";
                jdbc.update(
                        "INSERT INTO sla_clock (business_key, clock_name, metric, client_reference, tier, priority, calendar,"
                                + " target_duration, warning_percent, started_at, counting_since, warning_at, due_at, paused_ms,"
                                + " elapsed_ms, state, breached, stopped_at) VALUES (?, 'c', ?, ?, 'ENHANCED', ?,"
                                + " 'TWENTY_FOUR_SEVEN', 'PT4H', 75, ?, NULL, ?, ?, ?, ?, ?, ?, ?)",
                        CLIENT + "-K" + (n++),
                        METRICS[random.nextInt(METRICS.length)],
                        CLIENT,
                        PRIORITIES[random.nextInt(PRIORITIES.length)],
                        ts(started),
                        ts(started.plusSeconds(10800)),
                        ts(started.plusSeconds(14400)),
                        // paused for hours: wall-clock time beyond the target, yet MET on business time
                        random.nextInt(3) * 3_600_000L,
                        "MET".equals(state) ? 3_000_000L : 20_000_000L,
                        state,
                        "BREACHED".equals(state),
                        ts(started.plusSeconds(3600L * (1 + random.nextInt(30)))));
            }
            for (int i = 0; i < random.nextInt(5); i++) {
                Instant raised = at(first, random.nextInt(27), random.nextInt(23));
                boolean acknowledged = random.nextInt(6) != 0;
                jdbc.update(
                        "INSERT INTO escalation (reference, client_reference, source, subject, reported_impact, severity,"
                                + " priority, level_reached, status, raised_at, acknowledged_at, reopen_count, updated_at)"
                                + " VALUES (?, ?, 'api', 'seeded', 'high', ?, 'P2', 'CSM', 'CLOSED', ?, ?, 0, ?)",
                        CLIENT + "-E" + (n++),
                        CLIENT,
                        random.nextInt(7) == 0 ? null : SEVERITIES[random.nextInt(SEVERITIES.length)],
                        ts(raised),
                        acknowledged ? ts(raised.plusSeconds(60L * (5 + random.nextInt(90)))) : null,
                        ts(raised));
            }
            for (int i = 0; i < 2 + random.nextInt(5); i++) {
                Instant created = at(first, random.nextInt(27), random.nextInt(23));
                int outcome = random.nextInt(4);
                jdbc.update(
                        "INSERT INTO change_request (reference, client_reference, title, requested_type, urgency, impact,"
                                + " change_class, status, window_start, window_end, implementation_result, created_at, updated_at)"
                                + " VALUES (?, ?, 'seeded', 'normal', 'medium', 'medium', ?, 'CLOSED', ?, ?, ?, ?, ?)",
                        CLIENT + "-C" + (n++),
                        CLIENT,
                        random.nextInt(8) == 0 ? null : CLASSES[random.nextInt(CLASSES.length)],
                        ts(created.plusSeconds(86400)),
                        ts(created.plusSeconds(90000)),
                        outcome == 0 ? null : outcome == 1 ? "failed" : "success",
                        ts(created),
                        ts(created));
            }
            // incidents the client's systems reported; every third one led to a problem
            for (int i = 0; i < 2 + random.nextInt(4); i++) {
                jdbc.update(
                        "INSERT INTO client_incident (client_reference, incident_reference, service_key, summary,"
                                + " reported_at, problem_reference) VALUES (?, ?, 'networking', 'seeded', ?, ?)",
                        CLIENT,
                        CLIENT + "-I" + (n++),
                        ts(at(first, random.nextInt(27), 8)),
                        i % 3 == 0 ? CLIENT + "-P-LINKED" : null);
            }
            if (random.nextBoolean()) {
                jdbc.update(
                        "INSERT INTO problem (reference, client_reference, source_type, summary, priority, status, opened_at,"
                                + " updated_at) VALUES (?, ?, 'csm', 'seeded', 'P3', 'CLOSED', ?, ?)",
                        CLIENT + "-P" + (n++),
                        CLIENT,
                        ts(at(first, 3, 9)),
                        ts(at(first, 3, 9)));
            }
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                Instant created = at(first, random.nextInt(27), 10);
                LocalDate target = LocalDate.ofInstant(created, ZoneOffset.UTC).plusDays(10 + random.nextInt(60));
                int fate = random.nextInt(4);
                Instant completed = fate >= 2 ? created.plusSeconds(86400L * (5 + random.nextInt(80))) : null;
                jdbc.update(
                        "INSERT INTO sip_action (reference, client_reference, source_type, description, owner_group,"
                                + " target_date, status, created_at, completed_at, updated_at)"
                                + " VALUES (?, ?, 'csm', 'seeded', 'csm', ?, ?, ?, ?, ?)",
                        CLIENT + "-S" + (n++),
                        CLIENT,
                        Date.valueOf(target),
                        fate == 3
                                ? "RISK_ACCEPTED"
                                : fate == 2 ? "DONE" : target.isBefore(LocalDate.of(2026, 1, 1)) ? "OVERDUE" : "OPEN",
                        ts(created),
                        completed == null ? null : ts(completed),
                        ts(created));
            }
            if (month % 3 == 0) {
                Instant created = at(first, 10, 10);
                boolean closed = month == 6;
                jdbc.update(
                        "INSERT INTO risk (reference, client_reference, source_type, description, owner, review_date,"
                                + " status, created_at, closed_at, updated_at, entry_type)"
                                + " VALUES (?, ?, 'register', ?, 'csm', ?, ?, ?, ?, ?, ?)",
                        CLIENT + "-R" + (n++),
                        CLIENT,
                        "Seeded risk of month " + month,
                        Date.valueOf(LocalDate.of(2026, 2, 1)),
                        closed ? "CLOSED" : "OPEN",
                        ts(created),
                        closed ? ts(created.plusSeconds(86400 * 20)) : null,
                        ts(created),
                        month == 9 ? "ISSUE" : "RISK");
            }
            // complaints received and security events raised (the KPIs count them)
            for (int i = 0; i < random.nextInt(3); i++) {
                Instant received = at(first, 2 + random.nextInt(25), 9);
                jdbc.update(
                        "INSERT INTO complaint (reference, client_reference, contact, category, priority, description,"
                                + " status, handler_group, created_at, updated_at) VALUES (?, ?, 'ops@client.example',"
                                + " 'SERVICE', 'P3', 'seeded', 'CLOSED', 'csm', ?, ?)",
                        CLIENT + "-C" + (n++),
                        CLIENT,
                        ts(received),
                        ts(received));
            }
            if (month % 2 == 1) {
                Instant raised = at(first, 5 + random.nextInt(20), 14);
                jdbc.update(
                        "INSERT INTO security_event (reference, client_reference, event_type, asset, asset_criticality,"
                                + " personal_data, description, source, status, incident, escalated, inform_client,"
                                + " problem_requested, plan_feedback, created_at, updated_at) VALUES (?, ?, 'malware',"
                                + " 'mail gateway', 'HIGH', FALSE, 'seeded', 'siem', 'CLOSED', FALSE, FALSE, FALSE, FALSE,"
                                + " 'NONE', ?, ?)",
                        CLIENT + "-E" + (n++),
                        CLIENT,
                        ts(raised),
                        ts(raised));
            }
            // time spent on the client's work (the hours ledger) and the client's survey answers
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                LocalDate worked = first.plusDays(random.nextInt(27));
                jdbc.update(
                        "INSERT INTO time_entry (client_reference, work_date, minutes, staff_user, source, recorded_by,"
                                + " recorded_at) VALUES (?, ?, ?, 'cse', 'API', 'cse', ?)",
                        CLIENT,
                        Date.valueOf(worked),
                        15 * (1 + random.nextInt(40)),
                        ts(at(worked, 0, 18)));
            }
            if (month % 2 == 0) {
                Instant answered = at(first, 12 + random.nextInt(10), 11);
                jdbc.update(
                        "INSERT INTO satisfaction_survey (reference, client_reference, source_type, status, expires_at,"
                                + " score, answered_at, created_at, updated_at) VALUES (?, ?, 'CHANGE', 'ANSWERED', ?, ?,"
                                + " ?, ?, ?)",
                        CLIENT + "-Y" + (n++),
                        CLIENT,
                        ts(answered.plusSeconds(86400 * 14)),
                        1 + random.nextInt(5),
                        ts(answered),
                        ts(answered.minusSeconds(86400)),
                        ts(answered));
            }
        }
    }

    @Test
    void everyFigureOfAQuarterMatchesTheRegistersAndThePdfSaysSo() throws Exception {
        ReportPeriod quarter = ReportPeriod.parse("2025-Q4", "period");
        long id = reports.generate(CLIENT, quarter, null, "csm");
        JsonNode f = json.readTree(reports.figuresJson(id));
        checkFigures(f, quarter);

        // the trend: 12 quarters back to 2023-Q1, each bucket's SLA percentage by SQL
        assertThat(f.path("trend")).hasSize(12);
        assertThat(f.path("trend").get(0).path("period").asText()).isEqualTo("2023-Q1");
        for (JsonNode point : f.path("trend")) {
            ReportPeriod bucket = ReportPeriod.parse(point.path("period").asText(), "period");
            assertThat(nullable(point.path("slaPercentMet"))).as(bucket.label()).isEqualTo(slaPercent(bucket));
            assertThat(point.path("escalations").asLong()).isEqualTo(count("escalation", "raised_at", bucket, ""));
            assertThat(point.path("changes").asLong()).isEqualTo(count("change_request", "created_at", bucket, ""));
            assertThat(point.path("changesFailed").asLong())
                    .isEqualTo(count("change_request", "created_at", bucket, " AND implementation_result = 'failed'"));
            assertThat(point.path("incidents").asLong()).isEqualTo(count("client_incident", "reported_at", bucket, ""));
            assertThat(point.path("problems").asLong()).isEqualTo(count("problem", "opened_at", bucket, ""));
            assertThat(nullable(point.path("satisfactionMeanScore")))
                    .as(bucket.label())
                    .isEqualTo(meanScore(bucket));
        }
        assertThat(f.path("trend").findValues("satisfactionMeanScore"))
                .as("the seeded year has answers")
                .anyMatch(JsonNode::isNumber);

        // the documents: HTML with charts, a PDF that opens and says the same
        ResponseEntity<String> html = rest.withBasicAuth("cse", "cse").getForEntity("/api/reports/" + id, String.class);
        assertThat(html.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(html.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML))
                .isTrue();
        assertThat(html.getBody()).contains("Report Test Ltd", "2025-Q4", "Analysis and trending");
        assertThat(html.getBody().split("data:image/png;base64,", -1)).hasSize(4);
        ResponseEntity<byte[]> pdf =
                rest.withBasicAuth("csm", "csm").getForEntity("/api/reports/" + id + ".pdf", byte[].class);
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        // kept for a person to look at
        java.nio.file.Files.write(java.nio.file.Path.of("target", "service-report-sample.pdf"), pdf.getBody());
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "service-report-sample.html"), html.getBody());
        try (PDDocument document = Loader.loadPDF(pdf.getBody())) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            long[] sla = sla(quarter);
            assertThat(text)
                    .contains("Service report Report Test Ltd 2025-Q4")
                    .contains("All targets | | " + sla[0] + " | " + sla[1] + " | " + text(pct(sla[0], sla[0] + sla[1])))
                    .contains("Escalations raised: " + count("escalation", "raised_at", quarter, "") + ".")
                    .contains("Incidents reported: " + count("client_incident", "reported_at", quarter, "")
                            + ", of which "
                            + count("client_incident", "reported_at", quarter, " AND problem_reference IS NOT NULL")
                            + " led to a problem.")
                    .contains("Hours bought: " + (3 * 40 + 2 * 15) + ". Hours used: "
                            + String.format(
                                    Locale.ROOT,
                                    "%.1f",
                                    f.path("hours").path("used").asDouble()) + ".")
                    .contains("Satisfaction: mean score "
                            + String.format(
                                    Locale.ROOT,
                                    "%.1f",
                                    f.path("satisfaction").path("meanScore").asDouble())
                            + " from "
                            + f.path("satisfaction").path("responses").asLong() + " answers.")
                    .contains("11. Analysis and trending");
            List<String> risks = jdbc.queryForList(
                    "SELECT reference FROM risk WHERE client_reference = ? AND closed_at IS NULL",
                    String.class,
                    CLIENT);
            risks.forEach(reference -> assertThat(text).contains(reference));
        }

        // the list finds it, filtered and paged
        ResponseEntity<String> list = rest.withBasicAuth("cse", "cse")
                .getForEntity("/api/reports?clientReference=" + CLIENT + "&periodKind=quarter&size=1", String.class);
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode rows = json.readTree(list.getBody());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("id").asLong()).isEqualTo(id);
        assertThat(rows.get(0).path("pdf").asText()).isEqualTo("/api/reports/" + id + ".pdf");
        assertThat(list.getHeaders().getFirst("X-Total-Count")).isEqualTo("1");
    }

    @Test
    void aMonthsFiguresMatchTooAndTheTrendIsTwelveMonths() throws Exception {
        for (String label : List.of("2025-03", "2025-11")) {
            ReportPeriod month = ReportPeriod.parse(label, "period");
            JsonNode f = json.readTree(reports.figuresJson(reports.generate(CLIENT, month, null, "csm")));
            checkFigures(f, month);
            assertThat(f.path("trend").get(11).path("period").asText()).isEqualTo(label);
        }
        ReportPeriod year = ReportPeriod.parse("2025", "period");
        JsonNode f = json.readTree(reports.figuresJson(reports.generate(CLIENT, year, null, "csm")));
        checkFigures(f, year);
        assertThat(f.path("trend")).hasSize(12);
        assertThat(f.path("trend").get(0).path("period").asText()).isEqualTo("2025-01");
    }

    @Test
    void unknownReportsAndBadParametersAreRefusedNamingTheField() throws Exception {
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/api/reports/99999999", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<String> bad = rest.withBasicAuth("csm", "csm").getForEntity("/api/reports/abc", String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<String> kind =
                rest.withBasicAuth("csm", "csm").getForEntity("/api/reports?periodKind=week", String.class);
        assertThat(kind.getBody()).contains("periodKind");
        ResponseEntity<String> period =
                rest.withBasicAuth("csm", "csm").getForEntity("/api/kpis?period=2025-13", String.class);
        assertThat(period.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(period.getBody()).contains("period");
    }

    @Test
    void kpisOfTheClientMatchTheRegisters() throws Exception {
        ResponseEntity<String> response = rest.withBasicAuth("service-manager", "service-manager")
                .getForEntity("/api/kpis?clientReference=" + CLIENT + "&period=2025-Q2", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode k = json.readTree(response.getBody());
        ReportPeriod q2 = ReportPeriod.parse("2025-Q2", "period");
        long[] sla = sla(q2);
        assertThat(nullable(k.path("slaPercentMet"))).isEqualTo(pct(sla[0], sla[0] + sla[1]));
        for (JsonNode target : k.path("slaByTarget")) {
            String metric = target.path("metric").asText();
            long met = clocks(q2, " AND metric = '" + metric + "' AND state = 'MET'");
            long breached = clocks(q2, " AND metric = '" + metric + "' AND state = 'BREACHED'");
            assertThat(target.path("met").asLong()).as(metric).isEqualTo(met);
            assertThat(target.path("breached").asLong()).as(metric).isEqualTo(breached);
        }
        assertThat(k.path("changesFailed").asLong())
                .isEqualTo(count("change_request", "created_at", q2, " AND implementation_result = 'failed'"));
        assertThat(nullable(k.path("meanMinutesToAcknowledge"))).isEqualTo(meanAck(q2));
        long complaints = count("complaint", "created_at", q2, "");
        long securityEvents = count("security_event", "created_at", q2, "");
        assertThat(securityEvents).as("seeded security events of 2025-Q2").isPositive();
        assertThat(k.path("complaints").asLong()).isEqualTo(complaints);
        assertThat(k.path("securityEvents").asLong()).isEqualTo(securityEvents);
        // the whole provider counts at least this client
        JsonNode provider = json.readTree(rest.withBasicAuth("dc-head", "dc-head")
                .getForEntity("/api/kpis?period=2025-Q2", String.class)
                .getBody());
        long providerChanges = jdbc.queryForObject(
                "SELECT COUNT(*) FROM change_request WHERE created_at >= ? AND created_at < ? AND implementation_result = 'failed'",
                Long.class,
                ts(q2.from()),
                ts(q2.to()));
        assertThat(provider.path("changesFailed").asLong()).isEqualTo(providerChanges);
        assertThat(rest.withBasicAuth("cse", "cse")
                        .getForEntity("/api/kpis", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    /**
     * The browser test's PDF step (e2e/report.spec.mjs): the PDF a manager downloads, fetched over HTTP and its
     * pages rendered to PNG with PDFBox's renderer, as a person would see them (target/e2e/report-pdf-page-*.png).
     * A headless Chromium has no PDF viewer, so the page image is made here.
     */
    @Test
    void thePdfFetchedOverHttpRendersToPageImages() throws Exception {
        long id = reports.generate(CLIENT, ReportPeriod.parse("2025-11", "period"), null, "service-manager");
        ResponseEntity<byte[]> pdf = rest.withBasicAuth("service-manager", "service-manager")
                .getForEntity("/api/reports/" + id + ".pdf", byte[].class);
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        java.nio.file.Path out = java.nio.file.Path.of("target", "e2e");
        java.nio.file.Files.createDirectories(out);
        try (PDDocument document = Loader.loadPDF(pdf.getBody())) {
            assertThat(new PDFTextStripper().getText(document)).contains("Report Test Ltd", "2025-11");
            org.apache.pdfbox.rendering.PDFRenderer renderer = new org.apache.pdfbox.rendering.PDFRenderer(document);
            int pages = Math.min(2, document.getNumberOfPages());
            assertThat(pages).isEqualTo(2);
            long colourSeen = 0;
            for (int page = 0; page < pages; page++) {
                java.awt.image.BufferedImage image =
                        renderer.renderImageWithDPI(page, 110, org.apache.pdfbox.rendering.ImageType.RGB);
                java.nio.file.Path file = out.resolve("report-pdf-page-" + (page + 1) + ".png");
                javax.imageio.ImageIO.write(image, "png", file.toFile());
                // a page with content: a good share of ink, and on the chart pages colour, not only black text
                long ink = 0;
                long colour = 0;
                for (int y = 0; y < image.getHeight(); y += 2) {
                    for (int x = 0; x < image.getWidth(); x += 2) {
                        int rgb = image.getRGB(x, y);
                        int r = (rgb >> 16) & 0xff;
                        int g = (rgb >> 8) & 0xff;
                        int b = rgb & 0xff;
                        if (r + g + b < 600) {
                            ink++;
                        }
                        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                            colour++;
                        }
                    }
                }
                long samples = (long) (image.getWidth() / 2) * (image.getHeight() / 2);
                assertThat(ink).as(file + " has content").isGreaterThan(samples / 100);
                assertThat(java.nio.file.Files.size(file)).isGreaterThan(10_000);
                colourSeen += colour;
            }
            assertThat(colourSeen).as("the charts are drawn in colour").isPositive();
        }
    }

    // ---- the figures, each against the test's own SQL

    private void checkFigures(JsonNode f, ReportPeriod period) {
        assertThat(f.path("clientReference").asText()).isEqualTo(CLIENT);
        assertThat(f.path("period").asText()).isEqualTo(period.label());
        long[] sla = sla(period);
        assertThat(f.path("slaMet").asLong()).isEqualTo(sla[0]);
        assertThat(f.path("slaBreached").asLong()).isEqualTo(sla[1]);
        assertThat(nullable(f.path("slaPercentMet"))).isEqualTo(pct(sla[0], sla[0] + sla[1]));
        List<Map<String, Object>> lines = jdbc.queryForList(
                "SELECT metric, priority, state, COUNT(*) AS n FROM sla_clock WHERE client_reference = ?"
                        + " AND stopped_at >= ? AND stopped_at < ? GROUP BY metric, priority, state",
                CLIENT,
                ts(period.from()),
                ts(period.to()));
        long distinctTargets = lines.stream()
                .map(r -> r.get("metric") + "/" + r.get("priority"))
                .distinct()
                .count();
        assertThat(f.path("sla")).hasSize((int) distinctTargets);
        for (JsonNode line : f.path("sla")) {
            long met = lines.stream()
                    .filter(r -> r.get("metric").equals(line.path("metric").asText())
                            && r.get("priority").equals(line.path("priority").asText())
                            && "MET".equals(r.get("state")))
                    .mapToLong(r -> ((Number) r.get("n")).longValue())
                    .sum();
            long breached = lines.stream()
                    .filter(r -> r.get("metric").equals(line.path("metric").asText())
                            && r.get("priority").equals(line.path("priority").asText())
                            && "BREACHED".equals(r.get("state")))
                    .mapToLong(r -> ((Number) r.get("n")).longValue())
                    .sum();
            assertThat(line.path("met").asLong()).isEqualTo(met);
            assertThat(line.path("breached").asLong()).isEqualTo(breached);
            assertThat(nullable(line.path("percentMet"))).isEqualTo(pct(met, met + breached));
        }
        // escalations
        JsonNode e = f.path("escalations");
        assertThat(e.path("raised").asLong()).isEqualTo(count("escalation", "raised_at", period, ""));
        for (String severity : SEVERITIES) {
            assertThat(e.path("bySeverity").path(severity).asLong(0))
                    .as(severity)
                    .isEqualTo(count("escalation", "raised_at", period, " AND severity = '" + severity + "'"));
        }
        assertThat(e.path("bySeverity").path("unrated").asLong(0))
                .isEqualTo(count("escalation", "raised_at", period, " AND severity IS NULL"));
        assertThat(nullable(e.path("meanMinutesToAcknowledge"))).isEqualTo(meanAck(period));
        // changes
        JsonNode c = f.path("changes");
        long raised = count("change_request", "created_at", period, "");
        long ok = count("change_request", "created_at", period, " AND implementation_result = 'success'");
        long failed = count("change_request", "created_at", period, " AND implementation_result = 'failed'");
        long emergency = count("change_request", "created_at", period, " AND change_class = 'emergency'");
        long classified = count("change_request", "created_at", period, " AND change_class IS NOT NULL");
        assertThat(c.path("raised").asLong()).isEqualTo(raised);
        for (String changeClass : CLASSES) {
            assertThat(c.path("byClass").path(changeClass).asLong(0))
                    .isEqualTo(
                            count("change_request", "created_at", period, " AND change_class = '" + changeClass + "'"));
        }
        assertThat(c.path("succeeded").asLong()).isEqualTo(ok);
        assertThat(c.path("failed").asLong()).isEqualTo(failed);
        assertThat(nullable(c.path("successRatePercent"))).isEqualTo(pct(ok, ok + failed));
        assertThat(nullable(c.path("emergencySharePercent"))).isEqualTo(pct(emergency, classified));
        // problems and RCAs
        JsonNode p = f.path("problems");
        assertThat(p.path("opened").asLong()).isEqualTo(count("problem", "opened_at", period, ""));
        assertThat(p.path("incidentsReported").asLong())
                .isEqualTo(count("client_incident", "reported_at", period, ""))
                .isPositive();
        assertThat(p.path("incidentsWithProblem").asLong())
                .isEqualTo(count("client_incident", "reported_at", period, " AND problem_reference IS NOT NULL"));
        long rcaMet = clocks(period, " AND metric = 'rca.delivered' AND state = 'MET'");
        long rcaLate = clocks(period, " AND metric = 'rca.delivered' AND state = 'BREACHED'");
        assertThat(p.path("rcasOnTime").asLong()).isEqualTo(rcaMet);
        assertThat(p.path("rcasLate").asLong()).isEqualTo(rcaLate);
        // SIP at the period's end
        JsonNode s = f.path("sipActions");
        String openAtEnd = "SELECT COUNT(*) FROM sip_action WHERE client_reference = ? AND created_at < ?"
                + " AND (completed_at IS NULL OR completed_at >= ?) AND status <> 'RISK_ACCEPTED'";
        assertThat(s.path("open").asLong())
                .isEqualTo(jdbc.queryForObject(openAtEnd, Long.class, CLIENT, ts(period.to()), ts(period.to())));
        assertThat(s.path("overdue").asLong())
                .isEqualTo(jdbc.queryForObject(
                        openAtEnd + " AND target_date < ?",
                        Long.class,
                        CLIENT,
                        ts(period.to()),
                        ts(period.to()),
                        Date.valueOf(period.end())));
        assertThat(s.path("doneInPeriod").asLong())
                .isEqualTo(count("sip_action", "completed_at", period, " AND status = 'DONE'"));
        // risks open at the end
        assertThat(f.path("risks"))
                .hasSize(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM risk WHERE client_reference = ? AND created_at < ? AND (closed_at IS NULL OR closed_at >= ?)",
                        Integer.class,
                        CLIENT,
                        ts(period.to()),
                        ts(period.to())));
        // hours: contracted hours per month of the period
        long bought = 0;
        for (LocalDate month = period.start(); month.isBefore(period.end()); month = month.plusMonths(1)) {
            bought += jdbc.queryForObject(
                    "SELECT COALESCE(SUM(k.contracted_hours_per_month), 0) FROM contract k JOIN client c ON c.id = k.client_id"
                            + " WHERE c.reference = ? AND k.term_start <= ? AND k.term_end >= ?",
                    Long.class,
                    CLIENT,
                    Date.valueOf(month.plusMonths(1).minusDays(1)),
                    Date.valueOf(month));
        }
        assertThat(f.path("hours").path("bought").asLong()).isEqualTo(bought);
        // hours used: the ledger's time entries of the period's days
        long minutesUsed = jdbc.queryForObject(
                "SELECT COALESCE(SUM(minutes), 0) FROM time_entry WHERE client_reference = ? AND work_date >= ?"
                        + " AND work_date < ?",
                Long.class,
                CLIENT,
                Date.valueOf(period.start()),
                Date.valueOf(period.end()));
        assertThat(minutesUsed).as("seeded time entries").isPositive();
        assertThat(f.path("hours").path("used").asDouble()).isEqualTo(Math.round(minutesUsed / 60.0 * 100) / 100.0);
        // satisfaction: the answers of the period, their count and mean (one decimal)
        long answers = count("satisfaction_survey", "answered_at", period, " AND status = 'ANSWERED'");
        if (answers == 0) {
            assertThat(f.path("satisfaction").path("note").asText()).isEqualTo(ServiceReports.NO_SURVEY_DATA);
        } else {
            double mean = jdbc.queryForObject(
                    "SELECT AVG(score) FROM satisfaction_survey WHERE client_reference = ? AND answered_at >= ?"
                            + " AND answered_at < ?",
                    Double.class,
                    CLIENT,
                    ts(period.from()),
                    ts(period.to()));
            assertThat(f.path("satisfaction").path("responses").asLong()).isEqualTo(answers);
            assertThat(f.path("satisfaction").path("meanScore").asDouble()).isEqualTo(Math.round(mean * 10) / 10.0);
        }
    }

    /** The period's mean survey score to one decimal, null without answers. */
    private Double meanScore(ReportPeriod period) {
        Double mean = jdbc.queryForObject(
                "SELECT AVG(score) FROM satisfaction_survey WHERE client_reference = ? AND status = 'ANSWERED'"
                        + " AND answered_at >= ? AND answered_at < ?",
                Double.class,
                CLIENT,
                ts(period.from()),
                ts(period.to()));
        return mean == null ? null : Math.round(mean * 10) / 10.0;
    }

    private long[] sla(ReportPeriod period) {
        return new long[] {clocks(period, " AND state = 'MET'"), clocks(period, " AND state = 'BREACHED'")};
    }

    private Double slaPercent(ReportPeriod period) {
        long[] sla = sla(period);
        return pct(sla[0], sla[0] + sla[1]);
    }

    private long clocks(ReportPeriod period, String condition) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM sla_clock WHERE client_reference = ? AND stopped_at >= ? AND stopped_at < ?"
                        + condition,
                Long.class,
                CLIENT,
                ts(period.from()),
                ts(period.to()));
    }

    private long count(String table, String column, ReportPeriod period, String condition) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + table + " WHERE client_reference = ? AND " + column + " >= ? AND " + column
                        + " < ?" + condition,
                Long.class,
                CLIENT,
                ts(period.from()),
                ts(period.to()));
    }

    private Double meanAck(ReportPeriod period) {
        Double seconds = jdbc.queryForObject(
                "SELECT AVG(EXTRACT(EPOCH FROM (acknowledged_at - raised_at))) FROM escalation WHERE client_reference = ?"
                        + " AND raised_at >= ? AND raised_at < ? AND acknowledged_at IS NOT NULL",
                Double.class,
                CLIENT,
                ts(period.from()),
                ts(period.to()));
        return seconds == null ? null : Math.round(seconds / 60.0 * 10.0) / 10.0;
    }

    private static Double pct(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
    }

    private static String text(Double percent) {
        return percent == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f %%", percent);
    }

    private static Double nullable(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asDouble();
    }

    private static Instant at(LocalDate first, int day, int hour) {
        return first.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600L * hour);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
