package com.csmflow.servicerequest;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** One training a person completed, with how long it counts (personal data, {@link PersonalDataAccess}). */
@Entity
@Table(name = "training_record")
public class TrainingRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String reference;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(nullable = false)
    private String course;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private TrainingKind kind;

    @Column(name = "completed_on", nullable = false)
    private LocalDate completedOn;

    @Column(name = "valid_until")
    private LocalDate validUntil;

    @Column
    private String evidence;

    @Column(name = "service_reference")
    private String serviceReference;

    @Column(name = "recorded_by")
    private String recordedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected TrainingRecord() {}

    @SuppressWarnings("java:S107")
    TrainingRecord(
            String reference,
            String userId,
            String course,
            TrainingKind kind,
            LocalDate completedOn,
            LocalDate validUntil,
            String evidence,
            String serviceReference,
            String recordedBy,
            Instant createdAt) {
        this.reference = reference;
        this.userId = userId;
        this.course = course;
        this.kind = kind;
        this.completedOn = completedOn;
        this.validUntil = validUntil;
        this.evidence = evidence;
        this.serviceReference = serviceReference;
        this.recordedBy = recordedBy;
        this.createdAt = createdAt;
    }

    /** Whether the training still counts on the given day (no end date: it always does). */
    boolean validOn(LocalDate day) {
        return validUntil == null || !validUntil.isBefore(day);
    }

    /** What the audit log keeps: the facts, not the evidence (a document reference may name more). */
    Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("userId", userId);
        view.put("course", course);
        view.put("kind", kind.name());
        view.put("completedOn", completedOn.toString());
        view.put("validUntil", validUntil == null ? null : validUntil.toString());
        view.put("serviceReference", serviceReference);
        return view;
    }

    public Long getId() {
        return id;
    }

    public String getReference() {
        return reference;
    }

    public String getUserId() {
        return userId;
    }

    public String getCourse() {
        return course;
    }

    public TrainingKind getKind() {
        return kind;
    }

    public LocalDate getCompletedOn() {
        return completedOn;
    }

    public LocalDate getValidUntil() {
        return validUntil;
    }

    public String getEvidence() {
        return evidence;
    }

    public String getServiceReference() {
        return serviceReference;
    }

    public String getRecordedBy() {
        return recordedBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
