package com.csmflow.access;

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

/** One periodic review of a client's active access rights; its decisions are the evidence. */
@Entity
@Table(name = "access_review")
public class AccessReview extends RegisterRecord {

    @Enumerated(EnumType.STRING)
    private AccessReviewStatus status;

    @Column(name = "opened_by")
    private String openedBy;

    private Instant deadline;

    @Column(name = "rights_reviewed")
    private int rightsReviewed;

    private int confirmed;
    private int revoked;

    @Column(name = "revoked_at_deadline")
    private int revokedAtDeadline;

    @Column(name = "closed_at")
    private Instant closedAt;

    protected AccessReview() {}

    AccessReview(
            String reference,
            String clientReference,
            String openedBy,
            Instant deadline,
            int rightsReviewed,
            Instant now,
            ProcessOrigin origin) {
        super(reference, clientReference, origin, now);
        this.status = AccessReviewStatus.OPEN;
        this.openedBy = openedBy;
        this.deadline = deadline;
        this.rightsReviewed = rightsReviewed;
    }

    void closed(int confirmed, int revoked, int revokedAtDeadline, Instant now) {
        this.confirmed = confirmed;
        this.revoked = revoked;
        this.revokedAtDeadline = revokedAtDeadline;
        this.closedAt = now;
        this.status = AccessReviewStatus.CLOSED;
    }

    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", status.name());
        view.put("clientReference", getClientReference());
        view.put("openedBy", openedBy);
        view.put("deadline", deadline.toString());
        view.put("rightsReviewed", rightsReviewed);
        view.put("confirmed", confirmed);
        view.put("revoked", revoked);
        view.put("revokedAtDeadline", revokedAtDeadline);
        view.put("closedAt", closedAt == null ? null : closedAt.toString());
        return view;
    }

    public AccessReviewStatus getStatus() {
        return status;
    }

    public String getOpenedBy() {
        return openedBy;
    }

    public Instant getDeadline() {
        return deadline;
    }

    public int getRightsReviewed() {
        return rightsReviewed;
    }

    public int getConfirmed() {
        return confirmed;
    }

    public int getRevoked() {
        return revoked;
    }

    public int getRevokedAtDeadline() {
        return revokedAtDeadline;
    }

    public Instant getClosedAt() {
        return closedAt;
    }
}
