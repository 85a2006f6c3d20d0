package com.csmflow.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.springframework.web.util.HtmlUtils;

/**
 * The service report as one sequence of blocks (headings, lines, tables, charts) rendered twice: as HTML for
 * the browser (charts as embedded PNG) and as PDF for the client (PDFBox, the same PNGs). The agenda follows
 * seed 000: executive summary, SLA results, trends, escalations, changes, problems, improvement programme,
 * risk register, hours, satisfaction; Enhanced clients get an analysis and trending section (002).
 */
final class ReportDocument {

    sealed interface Block permits Heading, Text, Table, Chart {}

    record Heading(String text) implements Block {}

    record Text(String text) implements Block {}

    record Table(List<String> header, List<List<String>> rows) implements Block {}

    record Chart(String title, BufferedImage image) implements Block {}

    private final String title;
    private final List<Block> blocks;

    private ReportDocument(String title, List<Block> blocks) {
        this.title = title;
        this.blocks = blocks;
    }

    static ReportDocument of(ReportFigures f) {
        List<Block> b = new ArrayList<>();
        b.add(new Text("Client " + f.clientName() + " (" + f.clientReference() + "), " + tierName(f.tier())
                + " service; period " + f.period() + " (" + f.periodStart() + " to " + f.periodEnd()
                + ", exclusive, UTC)."));
        b.add(new Heading("1. Executive summary"));
        b.add(new Text(summary(f)));
        b.add(new Heading("2. SLA results"));
        if (f.sla().isEmpty()) {
            b.add(new Text("No SLA clock stopped in the period."));
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (ReportFigures.SlaLine line : f.sla()) {
                rows.add(List.of(
                        line.metric(),
                        line.priority(),
                        Long.toString(line.met()),
                        Long.toString(line.breached()),
                        pct(line.percentMet())));
            }
            rows.add(List.of(
                    "All targets",
                    "",
                    Long.toString(f.slaMet()),
                    Long.toString(f.slaBreached()),
                    pct(f.slaPercentMet())));
            b.add(new Table(List.of("Target", "Priority", "Met", "Breached", "% met"), rows));
            b.add(
                    new Text(
                            "Met and breached count the clocks stopped in the period; time a clock was paused (waiting for the client) does not count."));
        }
        b.add(new Heading("3. Trends over the last 12 periods"));
        b.add(new Chart("SLA targets met (%)", ReportCharts.slaTrend(f)));
        b.add(new Chart("Escalations and changes", ReportCharts.activityTrend(f)));
        if (f.trend().stream().anyMatch(point -> point.satisfactionMeanScore() != null)) {
            b.add(new Chart("Satisfaction", ReportCharts.satisfactionTrend(f)));
        }
        b.add(new Heading("4. Escalations"));
        ReportFigures.Escalations e = f.escalations();
        b.add(new Text("Escalations raised: " + e.raised() + ". By severity: " + counts(e.bySeverity())
                + ". Mean time to acknowledge: "
                + (e.meanMinutesToAcknowledge() == null
                        ? "none acknowledged"
                        : num(e.meanMinutesToAcknowledge()) + " minutes over " + e.acknowledged() + " acknowledged")
                + "."));
        b.add(new Heading("5. Changes"));
        ReportFigures.Changes c = f.changes();
        b.add(new Text("Changes raised: " + c.raised() + ". By class: " + counts(c.byClass()) + ". Implemented: "
                + c.implemented() + " (" + c.succeeded() + " succeeded, " + c.failed() + " failed); success rate: "
                + pct(c.successRatePercent()) + ". Emergency share: " + pct(c.emergencySharePercent()) + "."));
        b.add(new Heading("6. Incidents, problems and root cause analyses"));
        ReportFigures.Problems p = f.problems();
        b.add(new Text("Incidents reported: " + p.incidentsReported() + ", of which " + p.incidentsWithProblem()
                + " led to a problem. Problems opened: " + p.opened() + ". RCAs delivered on time: " + p.rcasOnTime()
                + ", late: "
                + p.rcasLate() + " (" + pct(p.rcaOnTimePercent()) + " on time)."));
        b.add(new Heading("7. Service improvement programme"));
        ReportFigures.SipActions s = f.sipActions();
        b.add(new Text("SIP actions open at the end of the period: " + s.open() + ", of which overdue: " + s.overdue()
                + ". Done in the period: " + s.doneInPeriod() + "."));
        b.add(new Heading("8. Issues and risk register"));
        if (f.risks().isEmpty()) {
            b.add(new Text("No open issue or risk at the end of the period."));
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (ReportFigures.RiskLine r : f.risks()) {
                rows.add(List.of(r.reference(), r.entryType(), r.description(), r.owner(), r.reviewDate(), r.status()));
            }
            b.add(new Table(List.of("Reference", "Type", "Description", "Owner", "Review", "Status"), rows));
        }
        b.add(new Heading("9. Hours"));
        ReportFigures.Hours h = f.hours();
        b.add(new Text(
                "Hours bought: " + h.bought() + ". Hours used: " + (h.used() == null ? "not recorded" : num(h.used()))
                        + (h.note() == null ? "" : " (" + h.note() + ")") + "."));
        b.add(new Heading("10. Satisfaction"));
        ReportFigures.Satisfaction sat = f.satisfaction();
        b.add(new Text(
                sat.responses() == null
                        ? "Satisfaction: " + sat.note() + "."
                        : "Satisfaction: mean score " + num(sat.meanScore()) + " from " + sat.responses()
                                + " answers."));
        if (f.enhanced()) {
            b.add(new Heading("11. Analysis and trending"));
            analysis(f).forEach(text -> b.add(new Text(text)));
        }
        return new ReportDocument("Service report " + f.clientName() + " " + f.period(), b);
    }

    private static String summary(ReportFigures f) {
        return "In " + f.period() + ", " + pct(f.slaPercentMet()) + " of SLA targets were met (" + f.slaMet() + " met, "
                + f.slaBreached() + " breached); " + f.escalations().raised() + " escalations and "
                + f.changes().raised()
                + " changes were raised; " + f.sipActions().open() + " improvement actions are open ("
                + f.sipActions().overdue() + " overdue) and " + f.risks().size()
                + " issues or risks are in the register.";
    }

    /** Enhanced: this period against the previous one and the average of the trend. */
    static List<String> analysis(ReportFigures f) {
        List<String> lines = new ArrayList<>();
        List<ReportFigures.TrendPoint> trend = f.trend();
        ReportFigures.TrendPoint now = trend.get(trend.size() - 1);
        ReportFigures.TrendPoint before = trend.size() > 1 ? trend.get(trend.size() - 2) : null;
        OptionalDouble average = trend.stream()
                .filter(t -> t.slaPercentMet() != null)
                .mapToDouble(ReportFigures.TrendPoint::slaPercentMet)
                .average();
        if (now.slaPercentMet() != null && average.isPresent()) {
            double delta = now.slaPercentMet() - average.getAsDouble();
            lines.add("SLA: " + pct(now.slaPercentMet()) + " met in the last trend period against an average of "
                    + num(ReportQueries.round1(average.getAsDouble())) + " % over the trend; "
                    + (Math.abs(delta) < 1
                            ? "steady."
                            : delta > 0 ? "better than usual." : "worse than usual: see the breaches above."));
        } else {
            lines.add("SLA: too few stopped clocks for a trend.");
        }
        if (before != null) {
            lines.add("Escalations: " + now.escalations() + " against " + before.escalations()
                    + " the period before; changes: "
                    + now.changes() + " against " + before.changes() + ", failed: " + now.changesFailed() + " against "
                    + before.changesFailed() + "; incidents: " + now.incidents() + " against " + before.incidents()
                    + ", problems opened: " + now.problems() + " against " + before.problems() + ".");
        }
        // the average from the first period with any activity on, so the months before the service began do not count
        int first = 0;
        while (first < trend.size() - 1
                && trend.get(first).escalations() == 0
                && trend.get(first).changes() == 0
                && trend.get(first).incidents() == 0
                && trend.get(first).slaPercentMet() == null) {
            first++;
        }
        double meanEscalations = trend.subList(first, trend.size()).stream()
                .mapToLong(ReportFigures.TrendPoint::escalations)
                .average()
                .orElse(0);
        if (now.escalations() > 2 * meanEscalations && now.escalations() > 1) {
            lines.add("Escalations are more than twice their average: the CSM proposes a SIP action at the review.");
        }
        double meanIncidents = trend.subList(first, trend.size()).stream()
                .mapToLong(ReportFigures.TrendPoint::incidents)
                .average()
                .orElse(0);
        if (now.incidents() > 2 * meanIncidents && now.incidents() > 1) {
            lines.add("Incidents are more than twice their average: the review asks whether a problem is open for"
                    + " their cause.");
        }
        return lines;
    }

    String html() {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title))
                .append("</title><style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}"
                        + "th{background:#f0f0f0}h2{border-bottom:2px solid #1565c0;padding-bottom:.2em}img{max-width:100%}</style>"
                        + "</head><body>\n<h1>")
                .append(esc(title))
                .append("</h1>\n");
        for (Block block : blocks) {
            if (block instanceof Heading heading) {
                out.append("<h2>").append(esc(heading.text())).append("</h2>\n");
            } else if (block instanceof Text text) {
                out.append("<p>").append(esc(text.text())).append("</p>\n");
            } else if (block instanceof Table table) {
                out.append("<table><tr>");
                table.header()
                        .forEach(cell -> out.append("<th>").append(esc(cell)).append("</th>"));
                out.append("</tr>\n");
                for (List<String> row : table.rows()) {
                    out.append("<tr>");
                    row.forEach(cell -> out.append("<td>").append(esc(cell)).append("</td>"));
                    out.append("</tr>\n");
                }
                out.append("</table>\n");
            } else if (block instanceof Chart chart) {
                out.append("<figure><img alt=\"")
                        .append(esc(chart.title()))
                        .append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(ReportCharts.png(chart.image())))
                        .append("\"></figure>\n");
            }
        }
        return out.append("</body></html>\n").toString();
    }

    byte[] pdf() {
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            new PdfWriter(document).write(title, blocks);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lays the blocks out top to bottom on A4 pages, a new page when one is full. */
    private static final class PdfWriter {
        private static final float MARGIN = 50;
        private static final PDRectangle SIZE = PDRectangle.A4;
        private final PDDocument document;
        private final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private PDPageContentStream stream;
        private float y;

        PdfWriter(PDDocument document) {
            this.document = document;
        }

        void write(String title, List<Block> blocks) throws IOException {
            newPage();
            line(title, bold, 16, 0);
            y -= 6;
            for (Block block : blocks) {
                if (block instanceof Heading heading) {
                    y -= 8;
                    paragraph(heading.text(), bold, 13, 0);
                } else if (block instanceof Text text) {
                    paragraph(text.text(), regular, 10, 0);
                } else if (block instanceof Table table) {
                    paragraph(String.join(" | ", table.header()), bold, 9, 0);
                    for (List<String> row : table.rows()) {
                        paragraph(String.join(" | ", row), regular, 9, 8);
                    }
                } else if (block instanceof Chart chart) {
                    image(chart.image());
                }
            }
            stream.close();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(SIZE);
            document.addPage(page);
            stream = new PDPageContentStream(document, page);
            y = SIZE.getHeight() - MARGIN;
        }

        private void paragraph(String text, PDFont font, float size, float indent) throws IOException {
            float width = SIZE.getWidth() - 2 * MARGIN - indent;
            StringBuilder current = new StringBuilder();
            for (String word : safe(text, font).split(" ")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (font.getStringWidth(candidate) / 1000 * size > width && !current.isEmpty()) {
                    line(current.toString(), font, size, indent);
                    current = new StringBuilder(word);
                } else {
                    current = new StringBuilder(candidate);
                }
            }
            if (!current.isEmpty()) {
                line(current.toString(), font, size, indent);
            }
        }

        private void line(String text, PDFont font, float size, float indent) throws IOException {
            if (y - size * 1.4f < MARGIN) {
                newPage();
            }
            y -= size * 1.4f;
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(MARGIN + indent, y);
            stream.showText(safe(text, font));
            stream.endText();
        }

        private void image(BufferedImage image) throws IOException {
            float width = SIZE.getWidth() - 2 * MARGIN;
            float height = width * image.getHeight() / image.getWidth();
            if (y - height < MARGIN) {
                newPage();
            }
            y -= height + 4;
            PDImageXObject xobject = LosslessFactory.createFromImage(document, image);
            stream.drawImage(xobject, MARGIN, y, width, height);
        }

        /** Characters Helvetica cannot show become '?', so a client's name never breaks the PDF. */
        private static String safe(String text, PDFont font) {
            StringBuilder out = new StringBuilder();
            text.replaceAll("[\\r\\n\\t]+", " ").codePoints().forEach(cp -> {
                String ch = new String(Character.toChars(cp));
                try {
                    font.encode(ch);
                    out.append(ch);
                } catch (IOException | IllegalArgumentException unsupported) {
                    out.append('?');
                }
            });
            return out.toString();
        }
    }

    static String pct(Double value) {
        return value == null ? "n/a" : num(value) + " %";
    }

    static String num(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String counts(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((key, n) -> parts.add(key + " " + n));
        return String.join(", ", parts);
    }

    private static String tierName(String tier) {
        return "ENHANCED".equals(tier) ? "CSM Enhanced" : "CSM Standard";
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }
}
