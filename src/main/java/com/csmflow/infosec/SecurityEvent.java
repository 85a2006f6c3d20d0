package com.csmflow.infosec;

import com.csmflow.register.ProcessOrigin;
import com.csmflow.register.RegisterRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A row of the security events register (seed 004 PR6.4): what happened to which asset of which client
 * (and service), how it was classified and prioritised, how it was handled, whether a problem was opened
 * for its cause and how its lessons reached the service's InfoSec plan.
 */
@Entity
@Table(name = "security_event")
public class SecurityEvent extends RegisterRecord {

    @Column(name = "service_reference")
    private String serviceReference;

    @Column(name = "event_type")
    private String eventType;

    private String asset;

    /** The asset of the inventory the event concerns, when the reporter named one (F15). */
    @Column(name = "asset_reference")
    private String assetReference;

    @Enumerated(EnumType.STRING)
    @Column(name = "asset_criticality")
    private AssetCriticality assetCriticality;

    @Column(name = "personal_data")
    private boolean personalData;

    private String description;
    private String source;

    @Column(name = "reported_by")
    private String reportedBy;

    @Enumerated(EnumType.STRING)
    private SecurityEventStatus status;

    @Enumerated(EnumType.STRING)
    private SecuritySeverity severity;

    private String priority;
    private boolean incident;
    private boolean escalated;

    @Column(name = "inform_client")
    private boolean informClient;

    @Column(name = "actions_taken")
    private String actionsTaken;

    @Column(name = "cause_known")
    private Boolean causeKnown;

    private String cause;
    private String lessons;
    private String resolution;

    @Column(name = "handled_by")
    private String handledBy;

    @Column(name = "handled_at")
    private Instant handledAt;

    @Column(name = "problem_requested")
    private boolean problemRequested;

    @Enumerated(EnumType.STRING)
    @Column(name = "plan_feedback")
    private PlanFeedback planFeedback;

    @Column(name = "plan_version")
    private Integer planVersion;

    protected SecurityEvent() {}

    @SuppressWarnings("java:S107")
    SecurityEvent(
            String reference,
            String clientReference,
            String serviceReference,
            String eventType,
            String asset,
            AssetCriticality assetCriticality,
            boolean personalData,
            String description,
            String source,
            String reportedBy,
            Instant now,
            ProcessOrigin origin) {
        super(reference, clientReference, origin, now);
        this.serviceReference = serviceReference;
        this.eventType = eventType;
        this.asset = asset;
        this.assetCriticality = assetCriticality;
        this.personalData = personalData;
        this.description = description;
        this.source = source;
        this.reportedBy = reportedBy;
        this.status = SecurityEventStatus.RECORDED;
        this.planFeedback = PlanFeedback.NONE;
    }

    void linkProcess(ProcessOrigin origin) {
        setOrigin(origin);
    }

    void classify(SecuritySeverity severity, String priority, boolean incident, boolean escalate, boolean inform) {
        this.severity = severity;
        this.priority = priority;
        this.incident = incident;
        this.escalated = escalate;
        this.informClient = inform;
        this.status = SecurityEventStatus.CLASSIFIED;
    }

    @SuppressWarnings("java:S107")
    void handled(
            String actionsTaken,
            boolean causeKnown,
            String cause,
            String lessons,
            String resolution,
            String by,
            Instant at) {
        this.actionsTaken = actionsTaken;
        this.causeKnown = causeKnown;
        this.cause = cause;
        this.lessons = lessons;
        this.resolution = resolution;
        this.handledBy = by;
        this.handledAt = at;
        this.status = SecurityEventStatus.HANDLED;
    }

    void problemRequested() {
        this.problemRequested = true;
    }

    void feedback(PlanFeedback feedback, Integer planVersion) {
        this.planFeedback = feedback;
        if (planVersion != null) {
            this.planVersion = planVersion;
        }
    }

    void close() {
        this.status = SecurityEventStatus.CLOSED;
    }

    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("clientReference", getClientReference());
        view.put("serviceReference", serviceReference);
        view.put("eventType", eventType);
        view.put("asset", asset);
        view.put("assetReference", assetReference);
        view.put("assetCriticality", assetCriticality.name());
        view.put("personalData", personalData);
        view.put("description", description);
        view.put("source", source);
        view.put("reportedBy", reportedBy);
        view.put("status", status.name());
        view.put("severity", severity == null ? null : severity.name());
        view.put("priority", priority);
        view.put("incident", incident);
        view.put("escalated", escalated);
        view.put("informClient", informClient);
        view.put("actionsTaken", actionsTaken);
        view.put("causeKnown", causeKnown);
        view.put("cause", cause);
        view.put("lessons", lessons);
        view.put("resolution", resolution);
        view.put("handledBy", handledBy);
        view.put("handledAt", handledAt == null ? null : handledAt.toString());
        view.put("problemRequested", problemRequested);
        view.put("planFeedback", planFeedback.name());
        view.put("planVersion", planVersion);
        return view;
    }

    public String getServiceReference() {
        return serviceReference;
    }

    public String getEventType() {
        return eventType;
    }

    void concerns(String assetReference) {
        this.assetReference = assetReference;
    }

    public String getAssetReference() {
        return assetReference;
    }

    public String getAsset() {
        return asset;
    }

    public AssetCriticality getAssetCriticality() {
        return assetCriticality;
    }

    public boolean isPersonalData() {
        return personalData;
    }

    public String getDescription() {
        return description;
    }

    public String getSource() {
        return source;
    }

    public String getReportedBy() {
        return reportedBy;
    }

    public SecurityEventStatus getStatus() {
        return status;
    }

    public SecuritySeverity getSeverity() {
        return severity;
    }

    public String getPriority() {
        return priority;
    }

    public boolean isIncident() {
        return incident;
    }

    public boolean isEscalated() {
        return escalated;
    }

    public boolean isInformClient() {
        return informClient;
    }

    public String getActionsTaken() {
        return actionsTaken;
    }

    public Boolean getCauseKnown() {
        return causeKnown;
    }

    public String getCause() {
        return cause;
    }

    public String getLessons() {
        return lessons;
    }

    public String getResolution() {
        return resolution;
    }

    public String getHandledBy() {
        return handledBy;
    }

    public Instant getHandledAt() {
        return handledAt;
    }

    public boolean isProblemRequested() {
        return problemRequested;
    }

    public PlanFeedback getPlanFeedback() {
        return planFeedback;
    }

    public Integer getPlanVersion() {
        return planVersion;
    }
}
