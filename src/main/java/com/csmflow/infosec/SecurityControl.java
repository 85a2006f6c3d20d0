package com.csmflow.infosec;

import com.csmflow.register.ProcessOrigin;
import com.csmflow.register.RegisterRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A security policy or control of a client, or of one of its services (traceability F11: policies and
 * controls reviewed at planned intervals). The InfoSec loop's monitoring reviews it once it is due
 * ({@code nextReviewOn}) and moves the date on by its review cycle.
 */
@Entity
@Table(name = "security_control")
public class SecurityControl extends RegisterRecord {

    @Column(name = "service_reference")
    private String serviceReference;

    private String name;

    private String description;

    @Enumerated(EnumType.STRING)
    private ControlCategory category;

    private String owner;

    @Column(name = "review_cycle")
    private String reviewCycle;

    @Column(name = "next_review_on")
    private LocalDate nextReviewOn;

    @Enumerated(EnumType.STRING)
    private ControlStatus status;

    @Column(name = "last_reviewed_at")
    private Instant lastReviewedAt;

    @Column(name = "last_reviewed_by")
    private String lastReviewedBy;

    @Column(name = "review_notes")
    private String reviewNotes;

    protected SecurityControl() {}

    @SuppressWarnings("java:S107")
    SecurityControl(
            String reference,
            String clientReference,
            String serviceReference,
            String name,
            String description,
            ControlCategory category,
            String owner,
            String reviewCycle,
            LocalDate nextReviewOn,
            Instant now,
            ProcessOrigin origin) {
        super(reference, clientReference, origin, now);
        this.serviceReference = serviceReference;
        this.name = name;
        this.description = description;
        this.category = category;
        this.owner = owner;
        this.reviewCycle = reviewCycle;
        this.nextReviewOn = nextReviewOn;
        this.status = ControlStatus.EFFECTIVE;
    }

    /** One review: effective or not, and the next one a cycle after the day it was reviewed. */
    void reviewed(boolean effective, String notes, String by, Instant at, LocalDate on) {
        this.status = effective ? ControlStatus.EFFECTIVE : ControlStatus.NEEDS_IMPROVEMENT;
        this.reviewNotes = notes;
        this.lastReviewedBy = by;
        this.lastReviewedAt = at;
        this.nextReviewOn = on.plus(Period.parse(reviewCycle));
    }

    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("clientReference", getClientReference());
        view.put("serviceReference", serviceReference);
        view.put("name", name);
        view.put("description", description);
        view.put("category", category.name());
        view.put("owner", owner);
        view.put("reviewCycle", reviewCycle);
        view.put("nextReviewOn", nextReviewOn.toString());
        view.put("status", status.name());
        view.put("lastReviewedAt", lastReviewedAt == null ? null : lastReviewedAt.toString());
        view.put("lastReviewedBy", lastReviewedBy);
        view.put("reviewNotes", reviewNotes);
        return view;
    }

    public String getServiceReference() {
        return serviceReference;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public ControlCategory getCategory() {
        return category;
    }

    public String getOwner() {
        return owner;
    }

    public String getReviewCycle() {
        return reviewCycle;
    }

    public LocalDate getNextReviewOn() {
        return nextReviewOn;
    }

    public ControlStatus getStatus() {
        return status;
    }

    public Instant getLastReviewedAt() {
        return lastReviewedAt;
    }

    public String getLastReviewedBy() {
        return lastReviewedBy;
    }

    public String getReviewNotes() {
        return reviewNotes;
    }
}
