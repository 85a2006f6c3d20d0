package com.csmflow.change;

import com.csmflow.register.ProcessOrigin;
import com.csmflow.register.RegisterRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A row of the change register. The reference is the business key of the change-request instance. */
@Entity
@Table(name = "change_request")
public class ChangeRecord extends RegisterRecord {

    @Column(nullable = false)
    private String title;

    private String description;

    @Column(name = "requested_type", nullable = false)
    private String requestedType;

    @Column(name = "non_standard", nullable = false)
    private boolean nonStandard;

    @Column(name = "impacted_services")
    private String impactedServices;

    /** The CMDB items the change touches: CI references, comma-separated (each one of the client's). */
    @Column(name = "configuration_items")
    private String configurationItems;

    @Column(nullable = false)
    private String urgency;

    @Column(nullable = false)
    private String impact;

    @Column(nullable = false)
    private boolean billable;

    @Column(name = "requester_email")
    private String requesterEmail;

    @Column(name = "raised_by")
    private String raisedBy;

    @Column(name = "change_class")
    private String changeClass;

    @Column(name = "risk_level")
    private String riskLevel;

    private String priority;

    @Column(name = "major_change", nullable = false)
    private boolean majorChange;

    @Column(name = "cab_required", nullable = false)
    private boolean cabRequired;

    @Column(name = "approval_rule")
    private String approvalRule;

    @Column(name = "approval_percentage")
    private Integer approvalPercentage;

    @Column(name = "veto_group")
    private String vetoGroup;

    @Column(name = "cab_meeting_at")
    private Instant cabMeetingAt;

    @Column(name = "cab_agenda")
    private String cabAgenda;

    @Column(name = "cab_decision")
    private String cabDecision;

    @Column(name = "decision_reason")
    private String decisionReason;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private ChangeStatus status;

    @Column(name = "window_start", nullable = false)
    private Instant windowStart;

    @Column(name = "window_end", nullable = false)
    private Instant windowEnd;

    @Column(name = "notice_at")
    private Instant noticeAt;

    @Column(name = "notice_sent_at")
    private Instant noticeSentAt;

    /** Why the client was told inside the notice lead time (null: told in time). */
    @Column(name = "short_notice_reason")
    private String shortNoticeReason;

    @Column(name = "short_notice_confirmed_by")
    private String shortNoticeConfirmedBy;

    @Column(name = "implementation_result")
    private String implementationResult;

    @Column(name = "implementation_notes")
    private String implementationNotes;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Version
    private long version;

    protected ChangeRecord() {}

    ChangeRecord(
            String reference,
            String clientReference,
            String title,
            String description,
            String requestedType,
            boolean nonStandard,
            String impactedServices,
            String urgency,
            String impact,
            boolean billable,
            String requesterEmail,
            String raisedBy,
            Instant windowStart,
            Instant windowEnd,
            Instant now,
            ProcessOrigin origin) {
        super(reference, clientReference, origin, now);
        this.title = title;
        this.description = description;
        this.requestedType = requestedType;
        this.nonStandard = nonStandard;
        this.impactedServices = impactedServices;
        this.urgency = urgency;
        this.impact = impact;
        this.billable = billable;
        this.requesterEmail = requesterEmail;
        this.raisedBy = raisedBy;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.status = ChangeStatus.REQUESTED;
    }

    /** The configuration items the change touches, as checked against the CMDB when it was raised. */
    void touches(List<String> references) {
        this.configurationItems = references.isEmpty() ? null : String.join(", ", references);
    }

    /** The audit view under the name the change steps call it by. */
    Map<String, Object> snapshot() {
        return auditView();
    }

    /** The fields the audit log compares, in a stable order. */
    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("clientReference", getClientReference());
        fields.put("title", title);
        fields.put("description", description);
        fields.put("impactedServices", impactedServices);
        fields.put("configurationItems", configurationItems);
        fields.put("requesterEmail", requesterEmail);
        fields.put("raisedBy", raisedBy);
        fields.put("requestedType", requestedType);
        fields.put("nonStandard", nonStandard);
        fields.put("urgency", urgency);
        fields.put("impact", impact);
        fields.put("billable", billable);
        fields.put("changeClass", changeClass);
        fields.put("riskLevel", riskLevel);
        fields.put("priority", priority);
        fields.put("majorChange", majorChange);
        fields.put("cabRequired", cabRequired);
        fields.put("approvalRule", approvalRule);
        fields.put("approvalPercentage", approvalPercentage);
        fields.put("vetoGroup", vetoGroup);
        fields.put("cabMeetingAt", cabMeetingAt == null ? null : cabMeetingAt.toString());
        fields.put("cabAgenda", cabAgenda);
        fields.put("cabDecision", cabDecision);
        fields.put("decisionReason", decisionReason);
        fields.put("status", status.name());
        fields.put("windowStart", windowStart.toString());
        fields.put("windowEnd", windowEnd.toString());
        fields.put("noticeAt", noticeAt == null ? null : noticeAt.toString());
        fields.put("noticeSentAt", noticeSentAt == null ? null : noticeSentAt.toString());
        fields.put("shortNoticeReason", shortNoticeReason);
        fields.put("shortNoticeConfirmedBy", shortNoticeConfirmedBy);
        fields.put("implementationResult", implementationResult);
        fields.put("implementationNotes", implementationNotes);
        fields.put("closedAt", closedAt == null ? null : closedAt.toString());
        return fields;
    }

    void classify(
            String changeClass,
            String riskLevel,
            String priority,
            boolean majorChange,
            boolean cabRequired,
            String approvalRule,
            Integer approvalPercentage,
            String vetoGroup) {
        this.changeClass = changeClass;
        this.riskLevel = riskLevel;
        this.priority = priority;
        this.majorChange = majorChange;
        this.cabRequired = cabRequired;
        this.approvalRule = approvalRule;
        this.approvalPercentage = approvalPercentage;
        this.vetoGroup = vetoGroup;
    }

    void planCab(Instant meetingAt, String agenda) {
        this.cabMeetingAt = meetingAt;
        this.cabAgenda = agenda;
    }

    void decide(String cabDecision, String reason) {
        this.cabDecision = cabDecision;
        this.decisionReason = reason;
    }

    void schedule(Instant windowStart, Instant windowEnd, Instant noticeAt) {
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.noticeAt = noticeAt;
    }

    /** The CSM confirmed telling the client inside the lead time: the notice is due at once. */
    void confirmShortNotice(String reason, String confirmedBy, Instant noticeAt) {
        this.shortNoticeReason = reason;
        this.shortNoticeConfirmedBy = confirmedBy;
        this.noticeAt = noticeAt;
    }

    void noticeSent(Instant at) {
        this.noticeSentAt = at;
    }

    void implemented(String result, String notes) {
        this.implementationResult = result;
        this.implementationNotes = notes;
    }

    /** updated_at follows on flush (RegisterRecord). */
    void status(ChangeStatus status, Instant now) {
        this.status = status;
        if (status.isFinal()) {
            this.closedAt = now;
        }
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public String getRequestedType() {
        return requestedType;
    }

    public boolean isNonStandard() {
        return nonStandard;
    }

    public List<String> getConfigurationItems() {
        return configurationItems == null ? List.of() : List.of(configurationItems.split(",\\s*"));
    }

    public String getImpactedServices() {
        return impactedServices;
    }

    public String getUrgency() {
        return urgency;
    }

    public String getImpact() {
        return impact;
    }

    public boolean isBillable() {
        return billable;
    }

    public String getRequesterEmail() {
        return requesterEmail;
    }

    public String getRaisedBy() {
        return raisedBy;
    }

    public String getChangeClass() {
        return changeClass;
    }

    public String getRiskLevel() {
        return riskLevel;
    }

    public String getPriority() {
        return priority;
    }

    public boolean isMajorChange() {
        return majorChange;
    }

    public boolean isCabRequired() {
        return cabRequired;
    }

    public String getApprovalRule() {
        return approvalRule;
    }

    public Integer getApprovalPercentage() {
        return approvalPercentage;
    }

    public String getVetoGroup() {
        return vetoGroup;
    }

    public Instant getCabMeetingAt() {
        return cabMeetingAt;
    }

    public String getCabAgenda() {
        return cabAgenda;
    }

    public String getCabDecision() {
        return cabDecision;
    }

    public String getDecisionReason() {
        return decisionReason;
    }

    public String getStatus() {
        return status.name();
    }

    public Instant getWindowStart() {
        return windowStart;
    }

    public Instant getWindowEnd() {
        return windowEnd;
    }

    public Instant getNoticeAt() {
        return noticeAt;
    }

    public Instant getNoticeSentAt() {
        return noticeSentAt;
    }

    public String getShortNoticeReason() {
        return shortNoticeReason;
    }

    public String getShortNoticeConfirmedBy() {
        return shortNoticeConfirmedBy;
    }

    public String getImplementationResult() {
        return implementationResult;
    }

    public String getImplementationNotes() {
        return implementationNotes;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public long getVersion() {
        return version;
    }
}
