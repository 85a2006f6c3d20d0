package com.csmflow.report;

import com.csmflow.api.InvalidFieldException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report period: its kind and first day; the end is exclusive. Written as {@code 2026-12} (month),
 * {@code 2026-Q4} (quarter) or {@code 2026} (year); periods are whole UTC days, like the SLA board's months.
 */
public record ReportPeriod(PeriodKind kind, LocalDate start) {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    public ReportPeriod {
        if (!kind.startOf(start).equals(start)) {
            throw new IllegalArgumentException(start + " does not start a " + kind);
        }
    }

    public static ReportPeriod of(PeriodKind kind, LocalDate start) {
        return new ReportPeriod(kind, kind.startOf(start));
    }

    /** {@code 2026-12}, {@code 2026-Q4} or {@code 2026}; a 400 naming {@code field} otherwise. */
    public static ReportPeriod parse(String text, String field) {
        String value = text == null ? "" : text.trim();
        try {
            Matcher month = MONTH.matcher(value);
            if (month.matches()) {
                return of(
                        PeriodKind.MONTH,
                        LocalDate.of(Integer.parseInt(month.group(1)), Integer.parseInt(month.group(2)), 1));
            }
            Matcher quarter = QUARTER.matcher(value);
            if (quarter.matches()) {
                int q = Integer.parseInt(quarter.group(2));
                return of(PeriodKind.QUARTER, LocalDate.of(Integer.parseInt(quarter.group(1)), (q - 1) * 3 + 1, 1));
            }
            if (YEAR.matcher(value).matches()) {
                return of(PeriodKind.YEAR, LocalDate.of(Integer.parseInt(value), 1, 1));
            }
        } catch (java.time.DateTimeException | NumberFormatException invalid) {
            // falls through to the refusal
        }
        throw new InvalidFieldException(field, "must be a month (2026-12), a quarter (2026-Q4) or a year (2026)");
    }

    /** The first day after the period. */
    public LocalDate end() {
        return start.plusMonths(kind.months());
    }

    public Instant from() {
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Instant to() {
        return end().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public ReportPeriod previous() {
        return new ReportPeriod(kind, start.minusMonths(kind.months()));
    }

    /**
     * The buckets of the trend chart, oldest first, ending with this period: the last 12 periods of the same
     * kind, except a year, whose trend is its 12 months.
     */
    public List<ReportPeriod> trend() {
        List<ReportPeriod> buckets = new ArrayList<>();
        if (kind == PeriodKind.YEAR) {
            for (int m = 0; m < 12; m++) {
                buckets.add(new ReportPeriod(PeriodKind.MONTH, start.plusMonths(m)));
            }
            return buckets;
        }
        ReportPeriod period = this;
        for (int i = 0; i < 12; i++) {
            buckets.add(0, period);
            period = period.previous();
        }
        return buckets;
    }

    /** The label people read: 2026-12, 2026-Q4, 2026. */
    public String label() {
        return switch (kind) {
            case MONTH -> String.format(Locale.ROOT, "%d-%02d", start.getYear(), start.getMonthValue());
            case QUARTER -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
            case YEAR -> Integer.toString(start.getYear());
        };
    }

    @Override
    public String toString() {
        return label();
    }

    static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "is not a date (yyyy-mm-dd)");
        }
    }
}
