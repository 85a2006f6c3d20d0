package com.csmflow.escalation;

import com.csmflow.register.ProcessOrigin;
import com.csmflow.register.RegisterRecord;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A row of the escalation register (table {@code escalation}); written only by the escalation workflow. */
@Entity
@Table(name = "escalation")
// created is the escalation's raised_at
@AttributeOverride(name = "createdAt", column = @Column(name = "raised_at", nullable = false, updatable = false))
public class Escalation extends RegisterRecord {

    @Column(name = "source", nullable = false)
    private String source;

    /** service or commercial (a commercial query goes to the account manager). */
    @Column(name = "category", nullable = false)
    private String category = "service";

    @Column(name = "subject", nullable = false)
    private String subject;

    @Column(name = "description")
    private String description;

    @Column(name = "reported_impact", nullable = false)
    private String reportedImpact;

    @Column(name = "contact_name")
    private String contactName;

    @Column(name = "contact_email")
    private String contactEmail;

    @Column(name = "breached_business_key")
    private String breachedBusinessKey;

    @Column(name = "breached_metric")
    private String breachedMetric;

    @Column(name = "severity")
    private String severity;

    @Column(name = "priority")
    private String priority;

    @Enumerated(EnumType.STRING)
    @Column(name = "level_reached", nullable = false)
    private EscalationLevel levelReached = EscalationLevel.CSM;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private EscalationStatus status = EscalationStatus.OPEN;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    private String acknowledgedBy;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "resolution")
    private String resolution;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "root_cause_known")
    private Boolean rootCauseKnown;

    @Column(name = "root_cause")
    private String rootCause;

    @Column(name = "reopen_count", nullable = false)
    private int reopenCount;

    protected Escalation() {}

    Escalation(
            String reference,
            String clientReference,
            String source,
            String subject,
            String description,
            String reportedImpact,
            String contactName,
            String contactEmail,
            String breachedBusinessKey,
            String breachedMetric,
            Instant raisedAt,
            ProcessOrigin origin) {
        super(reference, clientReference, origin, raisedAt);
        this.source = source;
        this.subject = subject;
        this.description = description;
        this.reportedImpact = reportedImpact;
        this.contactName = contactName;
        this.contactEmail = contactEmail;
        this.breachedBusinessKey = breachedBusinessKey;
        this.breachedMetric = breachedMetric;
    }

    /** The audit view under the name the escalation steps call it by. */
    Map<String, Object> snapshot() {
        return auditView();
    }

    /** The fields the audit log compares before and after a step. */
    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("clientReference", getClientReference());
        fields.put("source", source);
        fields.put("category", category);
        fields.put("subject", subject);
        fields.put("description", description);
        fields.put("contactName", contactName);
        fields.put("contactEmail", contactEmail);
        fields.put("reportedImpact", reportedImpact);
        fields.put("breachedBusinessKey", breachedBusinessKey);
        fields.put("breachedMetric", breachedMetric);
        fields.put("severity", severity);
        fields.put("priority", priority);
        fields.put("levelReached", levelReached.name());
        fields.put("status", status.name());
        fields.put("raisedAt", String.valueOf(getCreatedAt()));
        fields.put("acknowledgedAt", String.valueOf(acknowledgedAt));
        fields.put("acknowledgedBy", acknowledgedBy);
        fields.put("resolvedAt", String.valueOf(resolvedAt));
        fields.put("resolution", resolution);
        fields.put("closedAt", String.valueOf(closedAt));
        fields.put("rootCauseKnown", rootCauseKnown);
        fields.put("rootCause", rootCause);
        fields.put("reopenCount", reopenCount);
        return fields;
    }

    void setSeverity(String severity, String priority) {
        this.severity = severity;
        this.priority = priority;
    }

    void acknowledge(Instant at, String by) {
        if (acknowledgedAt == null) {
            acknowledgedAt = at;
            acknowledgedBy = by;
        }
        status = EscalationStatus.ACKNOWLEDGED;
    }

    void climbTo(EscalationLevel level) {
        levelReached = levelReached.higherOf(level);
    }

    void setStatus(EscalationStatus status) {
        this.status = status;
    }

    void resolve(Instant at, String resolution) {
        this.resolvedAt = at;
        this.resolution = resolution;
        this.status = EscalationStatus.RESOLVED;
    }

    void reopen() {
        reopenCount++;
        resolvedAt = null;
        status = EscalationStatus.ACKNOWLEDGED;
    }

    void setCategory(String category) {
        this.category = category;
    }

    /** A commercial query ends with the account manager's answer: resolved and closed at once. */
    void answer(Instant at, String answer) {
        resolve(at, answer);
        this.closedAt = at;
        this.status = EscalationStatus.CLOSED;
    }

    void close(Instant at, boolean rootCauseKnown, String rootCause) {
        this.closedAt = at;
        this.rootCauseKnown = rootCauseKnown;
        this.rootCause = rootCause;
        this.status = EscalationStatus.CLOSED;
    }

    public String getSource() {
        return source;
    }

    public String getCategory() {
        return category;
    }

    public String getSubject() {
        return subject;
    }

    public String getDescription() {
        return description;
    }

    public String getReportedImpact() {
        return reportedImpact;
    }

    public String getContactName() {
        return contactName;
    }

    public String getContactEmail() {
        return contactEmail;
    }

    public String getBreachedBusinessKey() {
        return breachedBusinessKey;
    }

    public String getBreachedMetric() {
        return breachedMetric;
    }

    public String getSeverity() {
        return severity;
    }

    public String getPriority() {
        return priority;
    }

    public EscalationLevel getLevelReached() {
        return levelReached;
    }

    public EscalationStatus getStatus() {
        return status;
    }

    public Instant getRaisedAt() {
        return getCreatedAt();
    }

    public Instant getAcknowledgedAt() {
        return acknowledgedAt;
    }

    public String getAcknowledgedBy() {
        return acknowledgedBy;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public String getResolution() {
        return resolution;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public Boolean getRootCauseKnown() {
        return rootCauseKnown;
    }

    public String getRootCause() {
        return rootCause;
    }

    public int getReopenCount() {
        return reopenCount;
    }
}
