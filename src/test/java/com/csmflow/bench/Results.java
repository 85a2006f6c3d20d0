package com.csmflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one benchmark run: printed as a table and written to results.json. */
final class Results {

    /** One figure; target is text for the reader, pass is null when the figure has no target. */
    record Figure(String workload, String metric, double value, String unit, String target, Boolean pass) {}

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final Map<String, Object> run = new LinkedHashMap<>();
    private final Curves curves = new Curves();

    synchronized void add(String workload, String metric, double value, String unit) {
        figures.add(new Figure(workload, metric, Stats.round(value), unit, "", null));
    }

    /** A figure that must be at most the target. */
    synchronized void atMost(String workload, String metric, double value, String unit, double target) {
        figures.add(new Figure(
                workload,
                metric,
                Stats.round(value),
                unit,
                "<= " + fmt(target),
                !Double.isNaN(value) && value <= target));
    }

    /** A figure that must be at least the target. */
    synchronized void atLeast(String workload, String metric, double value, String unit, double target) {
        figures.add(new Figure(
                workload,
                metric,
                Stats.round(value),
                unit,
                ">= " + fmt(target),
                !Double.isNaN(value) && value >= target));
    }

    /** A figure that must lie between two bounds (issue 22: a cost that stays flat within ±20 %). */
    synchronized void within(String workload, String metric, double value, String unit, double low, double high) {
        figures.add(new Figure(
                workload,
                metric,
                Stats.round(value),
                unit,
                fmt(low) + " - " + fmt(high),
                !Double.isNaN(value) && value >= low && value <= high));
    }

    synchronized void check(String workload, String metric, boolean passed, String target) {
        figures.add(new Figure(workload, metric, passed ? 1 : 0, "yes/no", target, passed));
    }

    /** A point of a cost-growth curve (issue 22), drawn in curves.svg. */
    void point(String chart, String unit, String series, double size, double value) {
        curves.point(chart, unit, series, size, value);
    }

    synchronized void detail(String key, Object value) {
        details.put(key, value);
    }

    synchronized void run(String key, Object value) {
        run.put(key, value);
    }

    synchronized String table() {
        StringBuilder out = new StringBuilder();
        String format = "%-34s %-44s %14s %-8s %-12s %s%n";
        out.append(String.format(Locale.ROOT, format, "workload", "metric", "value", "unit", "target", "ok"));
        out.append("-".repeat(122)).append('\n');
        for (Figure f : figures) {
            out.append(String.format(
                    Locale.ROOT,
                    format,
                    f.workload(),
                    f.metric(),
                    fmt(f.value()),
                    f.unit(),
                    f.target(),
                    f.pass() == null ? "" : f.pass() ? "PASS" : "MISS"));
        }
        return out.toString();
    }

    synchronized void write(Path directory) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("finishedAt", Instant.now().toString());
        json.put("run", run);
        json.put("figures", figures);
        json.put("details", details);
        try {
            Files.createDirectories(directory);
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(directory.resolve("results.json").toFile(), json);
            Files.writeString(directory.resolve("results.txt"), table());
            if (!curves.isEmpty()) {
                Files.writeString(directory.resolve("curves.svg"), curves.svg());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e12
                ? String.format(Locale.ROOT, "%d", (long) value)
                : String.format(Locale.ROOT, "%.1f", value);
    }
}
