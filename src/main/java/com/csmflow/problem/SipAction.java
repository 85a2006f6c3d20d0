package com.csmflow.problem;

import com.csmflow.register.ProcessOrigin;
import com.csmflow.register.RegisterRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A row of the service-improvement (SIP) register: one improvement action with an owner (user or
 * group), a target date, a status and, once done, its evidence. Any workflow may add one; the source
 * says which (problem, complaint, survey, csm, ...).
 */
@Entity
@Table(name = "sip_action")
public class SipAction extends RegisterRecord {

    @Column(name = "source_type")
    private String sourceType;

    @Column(name = "source_reference")
    private String sourceReference;

    private String description;

    @Column(name = "owner_user")
    private String ownerUser;

    @Column(name = "owner_group")
    private String ownerGroup;

    @Column(name = "target_date")
    private LocalDate targetDate;

    @Enumerated(EnumType.STRING)
    private SipActionStatus status;

    private String evidence;

    @Column(name = "risk_reference")
    private String riskReference;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected SipAction() {}

    SipAction(
            String reference,
            String clientReference,
            String sourceType,
            String sourceReference,
            String description,
            String ownerUser,
            String ownerGroup,
            LocalDate targetDate,
            Instant createdAt,
            ProcessOrigin origin) {
        super(reference, clientReference, origin, createdAt);
        this.sourceType = sourceType;
        this.sourceReference = sourceReference;
        this.description = description;
        this.ownerUser = ownerUser;
        this.ownerGroup = ownerGroup;
        this.targetDate = targetDate;
        this.status = SipActionStatus.OPEN;
    }

    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", status.name());
        view.put("clientReference", getClientReference());
        view.put("sourceType", sourceType);
        view.put("sourceReference", sourceReference);
        view.put("description", description);
        view.put("ownerUser", ownerUser);
        view.put("ownerGroup", ownerGroup);
        view.put("targetDate", targetDate == null ? null : targetDate.toString());
        view.put("evidence", evidence);
        view.put("riskReference", riskReference);
        view.put("completedAt", completedAt == null ? null : completedAt.toString());
        return view;
    }

    public String getSourceType() {
        return sourceType;
    }

    public String getSourceReference() {
        return sourceReference;
    }

    public String getDescription() {
        return description;
    }

    public String getOwnerUser() {
        return ownerUser;
    }

    public String getOwnerGroup() {
        return ownerGroup;
    }

    public LocalDate getTargetDate() {
        return targetDate;
    }

    public String getStatus() {
        return status.name();
    }

    public String getEvidence() {
        return evidence;
    }

    public String getRiskReference() {
        return riskReference;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    SipActionStatus status() {
        return status;
    }

    void markOverdue() {
        if (!status().settled()) {
            status = SipActionStatus.OVERDUE;
        }
    }

    void complete(String evidence, Instant at) {
        this.evidence = evidence;
        this.completedAt = at;
        this.status = SipActionStatus.DONE;
    }

    void acceptAsRisk(String riskReference, Instant at) {
        this.riskReference = riskReference;
        this.completedAt = at;
        this.status = SipActionStatus.RISK_ACCEPTED;
    }
}
