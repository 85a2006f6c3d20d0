package com.csmflow.onboarding;

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

/** A row of the client document register: one version of one of a client's documents (002). */
@Entity
@Table(name = "client_document")
public class ClientDocument extends RegisterRecord {

    @Enumerated(EnumType.STRING)
    private DocumentKind kind;

    private String title;
    private String version;
    private String owner;
    private String location;

    @Column(name = "next_review_date")
    private LocalDate nextReviewDate;

    @Column(name = "recorded_by")
    private String recordedBy;

    protected ClientDocument() {}

    ClientDocument(
            String reference,
            String clientReference,
            DocumentKind kind,
            String title,
            String version,
            String owner,
            String location,
            LocalDate nextReviewDate,
            String recordedBy,
            Instant createdAt,
            ProcessOrigin origin) {
        super(reference, clientReference, origin, createdAt);
        this.kind = kind;
        this.title = title;
        this.version = version;
        this.owner = owner;
        this.location = location;
        this.nextReviewDate = nextReviewDate;
        this.recordedBy = recordedBy;
    }

    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("clientReference", getClientReference());
        view.put("kind", kind == null ? null : kind.name());
        view.put("title", title);
        view.put("version", version);
        view.put("owner", owner);
        view.put("location", location);
        view.put("nextReviewDate", nextReviewDate == null ? null : nextReviewDate.toString());
        view.put("recordedBy", recordedBy);
        return view;
    }

    public DocumentKind getKind() {
        return kind;
    }

    public String getTitle() {
        return title;
    }

    public String getVersion() {
        return version;
    }

    public String getOwner() {
        return owner;
    }

    public String getLocation() {
        return location;
    }

    public LocalDate getNextReviewDate() {
        return nextReviewDate;
    }

    public String getRecordedBy() {
        return recordedBy;
    }
}
