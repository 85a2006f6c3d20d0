package com.csmflow.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Latency samples in milliseconds; percentiles by nearest rank. Thread-safe for recording. */
final class Stats {

    private final ConcurrentLinkedQueue<Double> samples = new ConcurrentLinkedQueue<>();

    void record(double millis) {
        samples.add(millis);
    }

    void recordNanos(long nanos) {
        record(nanos / 1_000_000.0);
    }

    int count() {
        return samples.size();
    }

    double percentile(double p) {
        double[] sorted =
                samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double max() {
        return samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    double mean() {
        return samples.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** count, p50, p95, p99, max (ms), rounded to 0.1 ms. */
    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", count());
        summary.put("p50Ms", round(percentile(50)));
        summary.put("p95Ms", round(percentile(95)));
        summary.put("p99Ms", round(percentile(99)));
        summary.put("maxMs", round(max()));
        return summary;
    }

    static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 10) / 10.0;
    }

    static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
