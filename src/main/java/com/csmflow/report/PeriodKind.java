package com.csmflow.report;

import java.time.LocalDate;

/** The length of a report's period: a calendar month, quarter or year (UTC dates, like the SLA board). */
public enum PeriodKind {
    MONTH(1),
    QUARTER(3),
    YEAR(12);

    private final int months;

    PeriodKind(int months) {
        this.months = months;
    }

    public int months() {
        return months;
    }

    /** The first day of the period that holds {@code day}. */
    public LocalDate startOf(LocalDate day) {
        int monthIndex = (day.getMonthValue() - 1) / months * months;
        return LocalDate.of(day.getYear(), monthIndex + 1, 1);
    }

    /** The period before the one that holds {@code day}: the last completed one. */
    public ReportPeriod lastCompletedBefore(LocalDate day) {
        return ReportPeriod.of(this, startOf(day).minusMonths(months));
    }
}
