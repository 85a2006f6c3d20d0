package com.csmflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 22's cost-growth curves, drawn from the run's own figures as one SVG (results/curves.svg): a
 * panel per chart, the size on a logarithmic x axis (1,000 to 100,000 timers; 100,000 to 1,000,000
 * tasks), one line per series, each point labelled with its value. Plain SVG: it opens in a browser and
 * renders in the Markdown of docs/performance.md.
 */
final class Curves {

    private static final int PANEL_WIDTH = 700;
    private static final int PANEL_HEIGHT = 300;
    private static final int LEFT = 60;
    private static final int TOP = 40;
    private static final int PLOT_WIDTH = 380;
    private static final int PLOT_HEIGHT = 200;
    private static final String[] COLOURS = {"#1f6feb", "#d1242f", "#1a7f37", "#9a6700"};

    /** chart title -> series -> size -> value. */
    private final Map<String, Map<String, TreeMap<Double, Double>>> charts = new LinkedHashMap<>();

    private final Map<String, String> units = new LinkedHashMap<>();

    synchronized void point(String chart, String unit, String series, double size, double value) {
        if (Double.isNaN(value)) {
            return;
        }
        units.put(chart, unit);
        charts.computeIfAbsent(chart, c -> new LinkedHashMap<>())
                .computeIfAbsent(series, s -> new TreeMap<>())
                .put(size, value);
    }

    synchronized boolean isEmpty() {
        return charts.isEmpty();
    }

    synchronized String svg() {
        StringBuilder svg = new StringBuilder();
        int height = PANEL_HEIGHT * Math.max(1, charts.size());
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                PANEL_WIDTH,
                height));
        int panel = 0;
        for (Map.Entry<String, Map<String, TreeMap<Double, Double>>> chart : charts.entrySet()) {
            panel(svg, chart.getKey(), units.get(chart.getKey()), chart.getValue(), panel++ * PANEL_HEIGHT);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void panel(
            StringBuilder svg, String title, String unit, Map<String, TreeMap<Double, Double>> series, int offset) {
        double minX = Double.MAX_VALUE;
        double maxX = 0;
        double maxY = 0;
        for (TreeMap<Double, Double> points : series.values()) {
            minX = Math.min(minX, points.firstKey());
            maxX = Math.max(maxX, points.lastKey());
            maxY = Math.max(
                    maxY,
                    points.values().stream()
                            .mapToDouble(Double::doubleValue)
                            .max()
                            .orElse(0));
        }
        double logMin = Math.log10(minX);
        double logSpan = Math.max(1e-9, Math.log10(maxX) - logMin);
        double yTop = maxY <= 0 ? 1 : maxY * 1.15;
        int top = offset + TOP;
        svg.append(text(LEFT, offset + 20, title + " (" + unit + ")", "start", "bold"));
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT,
                top,
                PLOT_WIDTH,
                PLOT_HEIGHT));
        for (int i = 0; i <= 4; i++) {
            double value = yTop * i / 4;
            double y = top + PLOT_HEIGHT - PLOT_HEIGHT * i / 4.0;
            svg.append(text(LEFT - 6, y + 4, Results.fmt(Stats.round(value)), "end", "normal"));
        }
        List<Double> sizes = new ArrayList<>();
        series.values()
                .forEach(points -> points.keySet().stream()
                        .filter(size -> !sizes.contains(size))
                        .forEach(sizes::add));
        for (double size : sizes) {
            double x = LEFT + PLOT_WIDTH * (Math.log10(size) - logMin) / logSpan;
            svg.append(text(
                    x, top + PLOT_HEIGHT + 16, String.format(Locale.ROOT, "%,d", (long) size), "middle", "normal"));
        }
        int colour = 0;
        int legendY = top + 12;
        for (Map.Entry<String, TreeMap<Double, Double>> line : series.entrySet()) {
            String stroke = COLOURS[colour++ % COLOURS.length];
            StringBuilder path = new StringBuilder();
            for (Map.Entry<Double, Double> point : line.getValue().entrySet()) {
                double x = LEFT + PLOT_WIDTH * (Math.log10(point.getKey()) - logMin) / logSpan;
                double y = top + PLOT_HEIGHT - PLOT_HEIGHT * point.getValue() / yTop;
                path.append(path.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
                svg.append(String.format(
                        Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, stroke));
                svg.append(text(x + 5, y - 5, Results.fmt(Stats.round(point.getValue())), "start", "normal"));
            }
            svg.append(String.format(
                    Locale.ROOT,
                    "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    path,
                    stroke));
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"3\" fill=\"%s\"/>%n",
                    LEFT + PLOT_WIDTH + 8,
                    legendY - 4,
                    stroke));
            svg.append(text(LEFT + PLOT_WIDTH + 22, legendY, line.getKey(), "start", "normal"));
            legendY += 16;
        }
    }

    private static String text(double x, double y, String content, String anchor, String weight) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-weight=\"%s\">%s</text>%n",
                x,
                y,
                anchor,
                weight,
                content.replace("&", "&amp;").replace("<", "&lt;"));
    }
}
