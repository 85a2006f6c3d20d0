package com.csmflow.complaint;

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

/** A row of the complaint register: one complaint, from receipt to its closure with the client's agreement. */
@Entity
@Table(name = "complaint")
public class Complaint extends RegisterRecord {

    private String contact;

    @Enumerated(EnumType.STRING)
    private ComplaintCategory category;

    private String priority;
    private String description;

    @Enumerated(EnumType.STRING)
    private ComplaintStatus status;

    @Column(name = "handler_group")
    private String handlerGroup;

    @Column(name = "acknowledged_by")
    private String acknowledgedBy;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    private String resolution;

    @Enumerated(EnumType.STRING)
    @Column(name = "follow_up")
    private ComplaintFollowUp followUp;

    @Column(name = "follow_up_reference")
    private String followUpReference;

    @Column(name = "handled_by")
    private String handledBy;

    @Column(name = "client_agreement")
    private String clientAgreement;

    @Column(name = "closed_at")
    private Instant closedAt;

    protected Complaint() {}

    Complaint(
            String reference,
            String clientReference,
            String contact,
            ComplaintCategory category,
            String priority,
            String description,
            Instant createdAt,
            ProcessOrigin origin) {
        super(reference, clientReference, origin, createdAt);
        this.contact = contact;
        this.category = category;
        this.priority = priority;
        this.description = description;
        this.status = ComplaintStatus.OPEN;
        this.handlerGroup = category.handler().id();
    }

    void linkProcess(ProcessOrigin origin) {
        setOrigin(origin);
    }

    void acknowledged(String by, Instant now) {
        this.status = ComplaintStatus.ACKNOWLEDGED;
        this.acknowledgedBy = by;
        this.acknowledgedAt = now;
    }

    void resolved(String resolution, ComplaintFollowUp followUp, String by) {
        this.status = ComplaintStatus.RESOLVED;
        this.resolution = resolution;
        this.followUp = followUp;
        this.handledBy = by;
    }

    void followedUp(String reference) {
        this.followUpReference = reference;
    }

    void clientAnswered(String note) {
        this.clientAgreement = note;
    }

    void closed(Instant now) {
        this.status = ComplaintStatus.CLOSED;
        this.closedAt = now;
    }

    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", status.name());
        view.put("clientReference", getClientReference());
        view.put("contact", contact);
        view.put("category", category.name());
        view.put("priority", priority);
        view.put("description", description);
        view.put("handlerGroup", handlerGroup);
        view.put("acknowledgedBy", acknowledgedBy);
        view.put("acknowledgedAt", acknowledgedAt == null ? null : acknowledgedAt.toString());
        view.put("resolution", resolution);
        view.put("followUp", followUp == null ? null : followUp.name());
        view.put("followUpReference", followUpReference);
        view.put("handledBy", handledBy);
        view.put("clientAgreement", clientAgreement);
        view.put("closedAt", closedAt == null ? null : closedAt.toString());
        return view;
    }

    public String getContact() {
        return contact;
    }

    public ComplaintCategory getCategory() {
        return category;
    }

    public String getPriority() {
        return priority;
    }

    public String getDescription() {
        return description;
    }

    public ComplaintStatus getStatus() {
        return status;
    }

    public String getHandlerGroup() {
        return handlerGroup;
    }

    public String getAcknowledgedBy() {
        return acknowledgedBy;
    }

    public Instant getAcknowledgedAt() {
        return acknowledgedAt;
    }

    public String getResolution() {
        return resolution;
    }

    public ComplaintFollowUp getFollowUp() {
        return followUp;
    }

    public String getFollowUpReference() {
        return followUpReference;
    }

    public String getHandledBy() {
        return handledBy;
    }

    public String getClientAgreement() {
        return clientAgreement;
    }

    public Instant getClosedAt() {
        return closedAt;
    }
}
