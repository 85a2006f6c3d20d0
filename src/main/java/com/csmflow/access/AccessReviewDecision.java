package com.csmflow.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evidence of one right in one access review: the right as it stood when the review opened, who was
 * to review it, and who confirmed or revoked it when (or that the deadline revoked it, {@code automatic}).
 */
@Entity
@Table(name = "access_review_decision")
public class AccessReviewDecision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "review_reference", nullable = false, updatable = false)
    private String reviewReference;

    @Column(name = "right_reference", nullable = false, updatable = false)
    private String rightReference;

    private String grantee;
    private String asset;
    private String permission;
    private String reviewer;

    @Enumerated(EnumType.STRING)
    private ReviewDecision decision;

    private boolean automatic;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    private String comment;

    protected AccessReviewDecision() {}

    AccessReviewDecision(String reviewReference, AccessRight right) {
        this.reviewReference = reviewReference;
        this.rightReference = right.getReference();
        this.grantee = right.getGrantee();
        this.asset = right.getAsset();
        this.permission = right.getPermission();
        this.reviewer = right.reviewer();
        this.decision = ReviewDecision.PENDING;
    }

    void decided(ReviewDecision decision, boolean automatic, String by, String comment, Instant now) {
        this.decision = decision;
        this.automatic = automatic;
        this.decidedBy = by;
        this.comment = comment;
        this.decidedAt = now;
    }

    Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("reviewReference", reviewReference);
        view.put("rightReference", rightReference);
        view.put("grantee", grantee);
        view.put("asset", asset);
        view.put("permission", permission);
        view.put("reviewer", reviewer);
        view.put("decision", decision.name());
        view.put("automatic", automatic);
        view.put("decidedBy", decidedBy);
        view.put("decidedAt", decidedAt == null ? null : decidedAt.toString());
        view.put("comment", comment);
        return view;
    }

    public String getReviewReference() {
        return reviewReference;
    }

    public String getRightReference() {
        return rightReference;
    }

    public String getGrantee() {
        return grantee;
    }

    public String getAsset() {
        return asset;
    }

    public String getPermission() {
        return permission;
    }

    public String getReviewer() {
        return reviewer;
    }

    public ReviewDecision getDecision() {
        return decision;
    }

    public boolean isAutomatic() {
        return automatic;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public String getComment() {
        return comment;
    }
}
