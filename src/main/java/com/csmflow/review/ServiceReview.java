package com.csmflow.review;

import com.csmflow.register.ProcessOrigin;
import com.csmflow.register.RegisterRecord;
import com.csmflow.report.PeriodKind;
import com.csmflow.report.ReportPeriod;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** A service review of one client's period: its report, agenda, when it was held, who came, the minutes. */
@Entity
@Table(name = "service_review")
public class ServiceReview extends RegisterRecord {

    @Enumerated(EnumType.STRING)
    @Column(name = "period_kind")
    private PeriodKind periodKind;

    @Column(name = "period_start")
    private LocalDate periodStart;

    @Column(name = "period_end")
    private LocalDate periodEnd;

    @Column(name = "origin_kind")
    private String originKind;

    private String reason;

    @Column(name = "schedule_key")
    private String scheduleKey;

    @Enumerated(EnumType.STRING)
    private ReviewStatus status;

    @Column(name = "report_id")
    private Long reportId;

    private String agenda;

    @Column(name = "held_at")
    private Instant heldAt;

    private String attendees;
    private String minutes;

    @Column(name = "action_count")
    private int actionCount;

    protected ServiceReview() {}

    ServiceReview(
            String reference,
            String clientReference,
            ReportPeriod period,
            String originKind,
            String reason,
            String scheduleKey,
            Instant now,
            ProcessOrigin origin) {
        super(reference, clientReference, origin, now);
        this.periodKind = period.kind();
        this.periodStart = period.start();
        this.periodEnd = period.end();
        this.originKind = originKind;
        this.reason = reason;
        this.scheduleKey = scheduleKey;
        this.status = ReviewStatus.REPORTED;
    }

    ReportPeriod period() {
        return ReportPeriod.of(periodKind, periodStart);
    }

    void reported(long reportId) {
        this.reportId = reportId;
        this.status = ReviewStatus.REPORTED;
    }

    void prepared(String agenda) {
        this.agenda = agenda;
        this.status = ReviewStatus.PREPARED;
    }

    void held(Instant heldAt, String attendees, String minutes, int actionCount) {
        this.heldAt = heldAt;
        this.attendees = attendees;
        this.minutes = minutes;
        this.actionCount = actionCount;
        this.status = ReviewStatus.HELD;
    }

    void linkProcess(ProcessOrigin origin) {
        if (getOrigin() == null || getOrigin().getProcessInstanceId() == null) {
            setOrigin(origin);
        }
    }

    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("clientReference", getClientReference());
        view.put("periodKind", periodKind.name());
        view.put("periodStart", periodStart.toString());
        view.put("periodEnd", periodEnd.toString());
        view.put("originKind", originKind);
        view.put("reason", reason);
        view.put("scheduleKey", scheduleKey);
        view.put("status", status.name());
        view.put("reportId", reportId);
        view.put("agenda", agenda);
        view.put("heldAt", heldAt == null ? null : heldAt.toString());
        view.put("attendees", attendees);
        view.put("minutes", minutes);
        view.put("actionCount", actionCount);
        return view;
    }

    public PeriodKind getPeriodKind() {
        return periodKind;
    }

    public LocalDate getPeriodStart() {
        return periodStart;
    }

    public LocalDate getPeriodEnd() {
        return periodEnd;
    }

    public String getOriginKind() {
        return originKind;
    }

    public String getReason() {
        return reason;
    }

    public ReviewStatus getStatus() {
        return status;
    }

    public Long getReportId() {
        return reportId;
    }

    public String getAgenda() {
        return agenda;
    }

    public Instant getHeldAt() {
        return heldAt;
    }

    public String getAttendees() {
        return attendees;
    }

    public String getMinutes() {
        return minutes;
    }

    public int getActionCount() {
        return actionCount;
    }
}
