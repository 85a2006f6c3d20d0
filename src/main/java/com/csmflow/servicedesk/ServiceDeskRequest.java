package com.csmflow.servicedesk;

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

/** A row of the service desk register: one client request, from receipt to the answer the requester got. */
@Entity
@Table(name = "service_desk_request")
public class ServiceDeskRequest extends RegisterRecord {

    @Enumerated(EnumType.STRING)
    private ServiceDeskCategory category;

    private String priority;
    private String subject;
    private String description;

    @Column(name = "requester_email")
    private String requesterEmail;

    @Enumerated(EnumType.STRING)
    private ServiceDeskStatus status;

    private String resolution;

    @Column(name = "handled_by")
    private String handledBy;

    @Column(name = "handled_at")
    private Instant handledAt;

    protected ServiceDeskRequest() {}

    ServiceDeskRequest(
            String reference,
            String clientReference,
            ServiceDeskCategory category,
            String priority,
            String subject,
            String description,
            String requesterEmail,
            Instant createdAt,
            ProcessOrigin origin) {
        super(reference, clientReference, origin, createdAt);
        this.category = category;
        this.priority = priority;
        this.subject = subject;
        this.description = description;
        this.requesterEmail = requesterEmail;
        this.status = ServiceDeskStatus.OPEN;
    }

    void linkProcess(ProcessOrigin origin) {
        setOrigin(origin);
    }

    void handled(ServiceDeskStatus outcome, String resolution, String handledBy, Instant now) {
        this.status = outcome;
        this.resolution = resolution;
        this.handledBy = handledBy;
        this.handledAt = now;
    }

    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", status.name());
        view.put("clientReference", getClientReference());
        view.put("category", category.name());
        view.put("priority", priority);
        view.put("subject", subject);
        view.put("description", description);
        view.put("requesterEmail", requesterEmail);
        view.put("resolution", resolution);
        view.put("handledBy", handledBy);
        view.put("handledAt", handledAt == null ? null : handledAt.toString());
        return view;
    }

    public String getCategory() {
        return category.name();
    }

    public String getPriority() {
        return priority;
    }

    public String getSubject() {
        return subject;
    }

    public String getDescription() {
        return description;
    }

    public String getRequesterEmail() {
        return requesterEmail;
    }

    public String getStatus() {
        return status.name();
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
}
