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

/** A row of the issues and risk register: a risk knowingly accepted, with an owner and a review date. */
@Entity
@Table(name = "risk")
public class Risk extends RegisterRecord {

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

    protected Risk() {}

    Risk(
            String reference,
            String clientReference,
            String sourceType,
            String sourceReference,
            String description,
            String owner,
            LocalDate reviewDate,
            String acceptedBy,
            Instant createdAt,
            ProcessOrigin origin) {
        super(reference, clientReference, origin, createdAt);
        this.sourceType = sourceType;
        this.sourceReference = sourceReference;
        this.description = description;
        this.owner = owner;
        this.reviewDate = reviewDate;
        this.acceptedBy = acceptedBy;
        this.status = RiskStatus.ACCEPTED;
    }

    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", status.name());
        view.put("clientReference", getClientReference());
        view.put("sourceType", sourceType);
        view.put("description", description);
        view.put("owner", owner);
        view.put("reviewDate", reviewDate.toString());
        view.put("sourceReference", sourceReference);
        view.put("acceptedBy", acceptedBy);
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

    public String getOwner() {
        return owner;
    }

    public LocalDate getReviewDate() {
        return reviewDate;
    }

    public String getStatus() {
        return status.name();
    }

    public String getAcceptedBy() {
        return acceptedBy;
    }
}
