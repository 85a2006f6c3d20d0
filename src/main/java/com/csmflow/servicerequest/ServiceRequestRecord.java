package com.csmflow.servicerequest;

import com.csmflow.register.ProcessOrigin;
import com.csmflow.register.RegisterRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** A client's written request for a new service and the DC Head's go/no-go (seed 003 §2.2.1 steps 1-2). */
@Entity
@Table(name = "service_request")
public class ServiceRequestRecord extends RegisterRecord {

    @Column(name = "service_name", nullable = false)
    private String serviceName;

    private String criteria;

    @Column(name = "required_skills")
    private String requiredSkills;

    @Column(name = "expected_start", nullable = false)
    private LocalDate expectedStart;

    @Column(name = "term_end", nullable = false)
    private LocalDate termEnd;

    @Column(name = "price_model", nullable = false)
    private String priceModel;

    @Column(nullable = false)
    private String risk;

    private String documents;

    @Column(name = "requester_email")
    private String requesterEmail;

    @Column(name = "received_by")
    private String receivedBy;

    @Column(name = "skill_coverage")
    private Integer skillCoverage;

    @Column(name = "free_resources")
    private Integer freeResources;

    @Column(name = "managers_available")
    private Boolean managersAvailable;

    @Column(name = "status_summary")
    private String statusSummary;

    private String recommendation;

    @Column(name = "recommendation_reason")
    private String recommendationReason;

    private String decision;

    @Column(name = "decision_reason")
    private String decisionReason;

    @Column(nullable = false)
    private boolean overruled;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "service_reference")
    private String serviceReference;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private ServiceRequestStatus status;

    @Version
    private long version;

    protected ServiceRequestRecord() {}

    ServiceRequestRecord(
            String reference,
            String clientReference,
            String serviceName,
            LocalDate expectedStart,
            LocalDate termEnd,
            String priceModel,
            String receivedBy,
            Instant now,
            ProcessOrigin origin) {
        super(reference, clientReference, origin, now);
        this.serviceName = serviceName;
        this.expectedStart = expectedStart;
        this.termEnd = termEnd;
        this.priceModel = priceModel;
        this.receivedBy = receivedBy;
        this.risk = "medium";
        this.status = ServiceRequestStatus.RECEIVED;
    }

    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("clientReference", getClientReference());
        fields.put("serviceName", serviceName);
        fields.put("criteria", criteria);
        fields.put("requiredSkills", requiredSkills);
        fields.put("expectedStart", expectedStart.toString());
        fields.put("termEnd", termEnd.toString());
        fields.put("priceModel", priceModel);
        fields.put("risk", risk);
        fields.put("documents", documents);
        fields.put("requesterEmail", requesterEmail);
        fields.put("receivedBy", receivedBy);
        fields.put("skillCoverage", skillCoverage);
        fields.put("freeResources", freeResources);
        fields.put("managersAvailable", managersAvailable);
        fields.put("statusSummary", statusSummary);
        fields.put("recommendation", recommendation);
        fields.put("recommendationReason", recommendationReason);
        fields.put("decision", decision);
        fields.put("decisionReason", decisionReason);
        fields.put("overruled", overruled);
        fields.put("decidedBy", decidedBy);
        fields.put("decidedAt", decidedAt == null ? null : decidedAt.toString());
        fields.put("serviceReference", serviceReference);
        fields.put("status", status.name());
        return fields;
    }

    void describe(
            String serviceName,
            String criteria,
            String requiredSkills,
            LocalDate expectedStart,
            LocalDate termEnd,
            String priceModel,
            String risk,
            String documents,
            String requesterEmail) {
        this.serviceName = serviceName;
        this.criteria = criteria;
        this.requiredSkills = requiredSkills;
        this.expectedStart = expectedStart;
        this.termEnd = termEnd;
        this.priceModel = priceModel;
        this.risk = risk;
        this.documents = documents;
        this.requesterEmail = requesterEmail;
    }

    void assess(StatusSummary summary) {
        this.skillCoverage = summary.skillCoverage();
        this.freeResources = summary.freeResources();
        this.managersAvailable = summary.managersAvailable();
        this.statusSummary = summary.text();
    }

    void recommend(String recommendation, String reason) {
        this.recommendation = recommendation;
        this.recommendationReason = reason;
        this.status = ServiceRequestStatus.AWAITING_DECISION;
    }

    void decide(String decision, String reason, boolean overruled, String by, Instant at) {
        this.decision = decision;
        this.decisionReason = reason;
        this.overruled = overruled;
        this.decidedBy = by;
        this.decidedAt = at;
        this.status = switch (decision) {
            case "no-go" -> ServiceRequestStatus.REJECTED;
            case "more-information" -> ServiceRequestStatus.MORE_INFORMATION_REQUESTED;
            default -> this.status;
        };
    }

    void accepted(String serviceReference) {
        this.serviceReference = serviceReference;
        this.status = ServiceRequestStatus.ACCEPTED;
    }

    public String getServiceName() {
        return serviceName;
    }

    public String getCriteria() {
        return criteria;
    }

    public String getRequiredSkills() {
        return requiredSkills;
    }

    public LocalDate getExpectedStart() {
        return expectedStart;
    }

    public LocalDate getTermEnd() {
        return termEnd;
    }

    public String getPriceModel() {
        return priceModel;
    }

    public String getRisk() {
        return risk;
    }

    public String getDocuments() {
        return documents;
    }

    public String getRequesterEmail() {
        return requesterEmail;
    }

    public String getReceivedBy() {
        return receivedBy;
    }

    public Integer getSkillCoverage() {
        return skillCoverage;
    }

    public Integer getFreeResources() {
        return freeResources;
    }

    public Boolean getManagersAvailable() {
        return managersAvailable;
    }

    public String getStatusSummary() {
        return statusSummary;
    }

    public String getRecommendation() {
        return recommendation;
    }

    public String getRecommendationReason() {
        return recommendationReason;
    }

    public String getDecision() {
        return decision;
    }

    public String getDecisionReason() {
        return decisionReason;
    }

    public boolean isOverruled() {
        return overruled;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public String getServiceReference() {
        return serviceReference;
    }

    public ServiceRequestStatus getStatus() {
        return status;
    }

    public long getVersion() {
        return version;
    }
}
