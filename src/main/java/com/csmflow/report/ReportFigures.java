package com.csmflow.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Every figure of one service report, computed from the registers for one client and period. The HTML, the
 * PDF and the stored JSON are all made from this one value, so what the client reads is what was counted.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReportFigures(
        String clientReference,
        String clientName,
        String tier,
        String period,
        String periodKind,
        String periodStart,
        String periodEnd,
        List<SlaLine> sla,
        Long slaMet,
        Long slaBreached,
        Double slaPercentMet,
        List<TrendPoint> trend,
        Escalations escalations,
        Changes changes,
        Problems problems,
        SipActions sipActions,
        List<RiskLine> risks,
        Hours hours,
        Satisfaction satisfaction,
        Reviews reviews) {

    /** One SLA target (metric and priority of the client's tier): clocks stopped in the period. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SlaLine(String metric, String priority, long met, long breached, Double percentMet) {}

    /**
     * One bucket of the trend: percent of clocks met, escalations raised, changes raised and failed, incidents
     * reported, problems opened, and the mean survey score (null without answers or without surveys).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TrendPoint(
            String period,
            Double slaPercentMet,
            long escalations,
            long changes,
            long changesFailed,
            long incidents,
            long problems,
            Double satisfactionMeanScore) {}

    /** Escalations raised in the period; mean minutes from raised to acknowledged (null without any). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Escalations(
            long raised, Map<String, Long> bySeverity, long acknowledged, Double meanMinutesToAcknowledge) {}

    /**
     * Changes raised in the period by class; of those implemented (success or failed), the success rate; the
     * share of emergency changes among the classified ones.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Changes(
            long raised,
            Map<String, Long> byClass,
            long implemented,
            long succeeded,
            long failed,
            Double successRatePercent,
            Double emergencySharePercent) {}

    /**
     * Incidents the client's systems reported in the period (client incident register), of those the ones a
     * problem was opened for; problems opened in the period; RCA clocks stopped in it, met (on time) and breached.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Problems(
            long incidentsReported,
            long incidentsWithProblem,
            long opened,
            long rcasOnTime,
            long rcasLate,
            Double rcaOnTimePercent) {}

    /** The SIP at the period's end: actions open, of those overdue (target date passed), and done in the period. */
    public record SipActions(long open, long overdue, long doneInPeriod) {}

    /** An entry of the issues and risk register open at the period's end. */
    public record RiskLine(
            String reference, String entryType, String description, String owner, String reviewDate, String status) {}

    /** Hours bought (contracts of the period) and used (from the hours ledger, null when none is recorded). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Hours(long bought, Double used, String note) {}

    /** Satisfaction from the survey source, or a note that there is none. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Satisfaction(Long responses, Double meanScore, String note) {}

    /** Review clocks (service-review.held) stopped in the period: held on time and late. */
    public record Reviews(long heldOnTime, long heldLate) {}

    public boolean enhanced() {
        return "ENHANCED".equals(tier);
    }
}
