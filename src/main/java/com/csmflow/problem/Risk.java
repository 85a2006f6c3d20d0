package com.csmflow.problem;

import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import com.csmflow.register.ProcessOrigin;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** A row of the issues and risk register: a risk knowingly accepted, with an owner and a review date. */
@Entity
@Table(name = "risk")
public class Risk {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String reference;
    @Column(name = "client_reference")
    private String clientReference;
    @Column(name = "source_type")
    private String sourceType;
    @Column(name = "source_reference")
    private String sourceReference;
    private String description;
    private String owner;
    @Column(name = "review_date")
    private LocalDate reviewDate;
    @Enumerated(EnumType.STRING)
    private RiskStatus status;
    @Column(name = "accepted_by")
    private String acceptedBy;
    @Column(name = "created_at")
    private Instant createdAt;
    @Embedded
    private ProcessOrigin origin;

    protected Risk() {
    }

    Risk(String reference, String clientReference, String sourceType, String sourceReference, String description,
         String owner, LocalDate reviewDate, String acceptedBy, Instant createdAt, ProcessOrigin origin) {
        this.reference = reference;
        this.clientReference = clientReference;
        this.sourceType = sourceType;
        this.sourceReference = sourceReference;
        this.description = description;
        this.owner = owner;
        this.reviewDate = reviewDate;
        this.acceptedBy = acceptedBy;
        this.createdAt = createdAt;
        this.origin = origin;
        this.status = RiskStatus.ACCEPTED;
    }

    Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", status.name());
        view.put("description", description);
        view.put("owner", owner);
        view.put("reviewDate", reviewDate.toString());
        view.put("sourceReference", sourceReference);
        return view;
    }

    public String getReference() { return reference; }
    public String getClientReference() { return clientReference; }
    public String getSourceType() { return sourceType; }
    public String getSourceReference() { return sourceReference; }
    public String getDescription() { return description; }
    public String getOwner() { return owner; }
    public LocalDate getReviewDate() { return reviewDate; }
    public String getStatus() { return status.name(); }
    public String getAcceptedBy() { return acceptedBy; }
    public Instant getCreatedAt() { return createdAt; }
    public ProcessOrigin getOrigin() { return origin; }
}
