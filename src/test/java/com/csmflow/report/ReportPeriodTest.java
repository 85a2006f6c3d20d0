package com.csmflow.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.csmflow.api.InvalidFieldException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Report periods as people write them, the cycle's last completed period, the trend's buckets and the analysis. */
class ReportPeriodTest {

    @Test
    void periodsAreWrittenAsMonthQuarterOrYearAndAnythingElseIsRefusedNamingTheField() {
        assertThat(ReportPeriod.parse("2026-12", "period"))
                .isEqualTo(ReportPeriod.of(PeriodKind.MONTH, LocalDate.of(2026, 12, 1)));
        assertThat(ReportPeriod.parse("2026-q4", "period").start()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(ReportPeriod.parse("2026-Q4", "period").end()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(ReportPeriod.parse("2026", "period").end()).isEqualTo(LocalDate.of(2027, 1, 1));
        for (String bad : List.of("2026-13", "2026-Q5", "26", "2026-12-01", "", "December")) {
            assertThatThrownBy(() -> ReportPeriod.parse(bad, "period"))
                    .isInstanceOf(InvalidFieldException.class)
                    .extracting(e -> ((InvalidFieldException) e).field())
                    .isEqualTo("period");
        }
    }

    @Test
    void theLastCompletedPeriodOfEachCycle() {
        LocalDate day = LocalDate.of(2027, 2, 14);
        assertThat(PeriodKind.MONTH.lastCompletedBefore(day).label()).isEqualTo("2027-01");
        assertThat(PeriodKind.QUARTER.lastCompletedBefore(day).label()).isEqualTo("2026-Q4");
        assertThat(PeriodKind.YEAR.lastCompletedBefore(day).label()).isEqualTo("2026");
    }

    @Test
    void theTrendIsTwelvePeriodsOfTheSameKindAndAYearsTrendItsMonths() {
        assertThat(ReportPeriod.parse("2026-03", "period").trend())
                .extracting(ReportPeriod::label)
                .startsWith("2025-04")
                .endsWith("2026-03")
                .hasSize(12);
        assertThat(ReportPeriod.parse("2026-Q1", "period").trend())
                .extracting(ReportPeriod::label)
                .startsWith("2023-Q2");
        assertThat(ReportPeriod.parse("2026", "period").trend())
                .extracting(ReportPeriod::label)
                .startsWith("2026-01")
                .endsWith("2026-12");
    }

    @Test
    void theAnalysisComparesWithTheTrendFromTheFirstActivePeriodOn() {
        List<ReportFigures.TrendPoint> trend = new java.util.ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            trend.add(new ReportFigures.TrendPoint("2025-" + String.format("%02d", i), null, 0, 0, 0, 0, 0, null));
        }
        trend.add(new ReportFigures.TrendPoint("2025-09", 90.0, 2, 3, 0, 1, 0, null));
        trend.add(new ReportFigures.TrendPoint("2025-10", 90.0, 2, 3, 0, 1, 0, null));
        trend.add(new ReportFigures.TrendPoint("2025-11", 90.0, 2, 3, 1, 1, 1, null));
        trend.add(new ReportFigures.TrendPoint("2025-12", 60.0, 3, 4, 1, 6, 1, null));
        List<String> lines = ReportDocument.analysis(figures(trend));
        assertThat(lines.get(0)).contains("60.0 %", "82.5 %", "worse than usual");
        assertThat(lines.get(1)).contains("Escalations: 3 against 2", "incidents: 6 against 1");
        // 3 is not twice the average of the active months (2.25), though it is of all twelve (0.75);
        // 6 incidents are more than twice their average (2.25)
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).startsWith("Incidents are more than twice their average");
    }

    private static ReportFigures figures(List<ReportFigures.TrendPoint> trend) {
        return new ReportFigures(
                "C",
                "C Ltd",
                "ENHANCED",
                "2025-12",
                "MONTH",
                "2025-12-01",
                "2026-01-01",
                List.of(),
                0L,
                0L,
                null,
                trend,
                new ReportFigures.Escalations(0, Map.of(), 0, null),
                new ReportFigures.Changes(0, Map.of(), 0, 0, 0, null, null),
                new ReportFigures.Problems(0, 0, 0, 0, 0, null),
                new ReportFigures.SipActions(0, 0, 0),
                List.of(),
                new ReportFigures.Hours(0, null, null),
                new ReportFigures.Satisfaction(null, null, "no survey data"),
                new ReportFigures.Reviews(0, 0));
    }
}
