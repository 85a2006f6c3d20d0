package com.csmflow.escalation;

import com.csmflow.register.ProcessOrigin;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A row of the escalation register (table {@code escalation}); written only by the escalation workflow. */
@Entity
@Table(name = "escalation")
public class Escalation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "reference", nullable = false)
    private String reference;
    @Column(name = "client_reference", nullable = false)
    private String clientReference;
    @Column(name = "source", nullable = false)
    private String source;
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
    @Column(name = "raised_at", nullable = false)
    private Instant raisedAt;
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
    @Embedded
    private ProcessOrigin origin;

    protected Escalation() {
    }

    Escalation(String reference, String clientReference, String source, String subject, String description,
               String reportedImpact, String contactName, String contactEmail, String breachedBusinessKey,
               String breachedMetric, Instant raisedAt, ProcessOrigin origin) {
        this.reference = reference;
        this.clientReference = clientReference;
        this.source = source;
        this.subject = subject;
        this.description = description;
        this.reportedImpact = reportedImpact;
        this.contactName = contactName;
        this.contactEmail = contactEmail;
        this.breachedBusinessKey = breachedBusinessKey;
        this.breachedMetric = breachedMetric;
        this.raisedAt = raisedAt;
        this.origin = origin;
    }

    /** The fields the audit log compares before and after a step. */
    Map<String, Object> snapshot() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("clientReference", clientReference);
        fields.put("source", source);
        fields.put("subject", subject);
        fields.put("reportedImpact", reportedImpact);
        fields.put("breachedBusinessKey", breachedBusinessKey);
        fields.put("severity", severity);
        fields.put("priority", priority);
        fields.put("levelReached", levelReached.name());
        fields.put("status", status.name());
        fields.put("raisedAt", String.valueOf(raisedAt));
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

    void close(Instant at, boolean rootCauseKnown, String rootCause) {
        this.closedAt = at;
        this.rootCauseKnown = rootCauseKnown;
        this.rootCause = rootCause;
        this.status = EscalationStatus.CLOSED;
    }

    public Long getId() { return id; }
    public String getReference() { return reference; }
    public String getClientReference() { return clientReference; }
    public String getSource() { return source; }
    public String getSubject() { return subject; }
    public String getDescription() { return description; }
    public String getReportedImpact() { return reportedImpact; }
    public String getContactName() { return contactName; }
    public String getContactEmail() { return contactEmail; }
    public String getBreachedBusinessKey() { return breachedBusinessKey; }
    public String getBreachedMetric() { return breachedMetric; }
    public String getSeverity() { return severity; }
    public String getPriority() { return priority; }
    public EscalationLevel getLevelReached() { return levelReached; }
    public EscalationStatus getStatus() { return status; }
    public Instant getRaisedAt() { return raisedAt; }
    public Instant getAcknowledgedAt() { return acknowledgedAt; }
    public String getAcknowledgedBy() { return acknowledgedBy; }
    public Instant getResolvedAt() { return resolvedAt; }
    public String getResolution() { return resolution; }
    public Instant getClosedAt() { return closedAt; }
    public Boolean getRootCauseKnown() { return rootCauseKnown; }
    public String getRootCause() { return rootCause; }
    public int getReopenCount() { return reopenCount; }
    public ProcessOrigin getOrigin() { return origin; }
}
