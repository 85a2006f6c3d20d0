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
 * A row of the issues and risk register: an issue or a risk, raised directly or knowingly accepted instead
 * of a SIP action, with an owner and a review date; each review moves the date on or closes the entry.
 */
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

    @Enumerated(EnumType.STRING)
    @Column(name = "entry_type")
    private RiskEntryType entryType;

    @Column(name = "review_comment")
    private String reviewComment;

    @Column(name = "reviewed_by")
    private String reviewedBy;

    @Column(name = "closed_at")
    private Instant closedAt;

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
        this.entryType = RiskEntryType.RISK;
    }

    /** An entry raised directly in the register (API or Tasklist), open until a review closes it. */
    static Risk raised(
            String reference,
            String clientReference,
            RiskEntryType entryType,
            String description,
            String owner,
            LocalDate reviewDate,
            Instant createdAt,
            ProcessOrigin origin) {
        Risk risk = new Risk(
                reference, clientReference, "register", null, description, owner, reviewDate, null, createdAt, origin);
        risk.entryType = entryType;
        risk.status = RiskStatus.OPEN;
        return risk;
    }

    /** A review kept the entry open: the next review date and what the reviewer found. */
    void reviewed(LocalDate nextReviewDate, String comment, String reviewer) {
        this.reviewDate = nextReviewDate;
        this.reviewComment = comment;
        this.reviewedBy = reviewer;
    }

    /** A review closed the entry. */
    void close(String comment, String reviewer, Instant now) {
        this.reviewComment = comment;
        this.reviewedBy = reviewer;
        this.status = RiskStatus.CLOSED;
        this.closedAt = now;
    }

    /** The review's process instance takes over a row raised through the API. */
    void linkProcess(ProcessOrigin origin) {
        if (getOrigin() == null || getOrigin().getProcessInstanceId() == null) {
            setOrigin(origin);
        }
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
        view.put("entryType", entryType.name());
        view.put("reviewComment", reviewComment);
        view.put("reviewedBy", reviewedBy);
        view.put("closedAt", closedAt == null ? null : closedAt.toString());
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

    public String getEntryType() {
        return entryType.name();
    }

    RiskStatus status() {
        return status;
    }

    public String getReviewComment() {
        return reviewComment;
    }

    public String getReviewedBy() {
        return reviewedBy;
    }

    public Instant getClosedAt() {
        return closedAt;
    }
}
