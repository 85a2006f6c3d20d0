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

/**
 * A row of the access register (004 PR6.5): who has (or asked for) which right on which asset of which
 * client, why and until when; who decided, who provided it, and when, why and by whom it was revoked.
 * The service's SM and DM are copied from the service register when the right is requested: they may
 * read it (docs/registers.md, "Access register").
 */
@Entity
@Table(name = "access_right")
public class AccessRight extends RegisterRecord {

    @Column(name = "service_reference")
    private String serviceReference;

    @Column(name = "service_manager")
    private String serviceManager;

    @Column(name = "delivery_manager")
    private String deliveryManager;

    private String grantee;
    private String asset;
    private String permission;
    private String reason;

    @Column(name = "valid_until")
    private Instant validUntil;

    private String approver;

    @Column(name = "requested_by")
    private String requestedBy;

    private String supersedes;

    @Column(name = "superseded_by")
    private String supersededBy;

    @Enumerated(EnumType.STRING)
    private AccessRightStatus status;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decision_comment")
    private String decisionComment;

    @Column(name = "granted_by")
    private String grantedBy;

    @Column(name = "granted_at")
    private Instant grantedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "revocation_kind")
    private RevocationKind revocationKind;

    @Column(name = "revocation_reason")
    private String revocationReason;

    @Column(name = "revocation_requested_by")
    private String revocationRequestedBy;

    @Column(name = "revocation_requested_at")
    private Instant revocationRequestedAt;

    @Column(name = "revoked_by")
    private String revokedBy;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected AccessRight() {}

    AccessRight(
            String reference, String clientReference, AccessRightRequest request, Instant now, ProcessOrigin origin) {
        super(reference, clientReference, origin, now);
        this.serviceReference = request.serviceReference();
        this.serviceManager = request.serviceManager();
        this.deliveryManager = request.deliveryManager();
        this.grantee = request.grantee();
        this.asset = request.asset();
        this.permission = request.permission();
        this.reason = request.reason();
        this.validUntil = request.validUntil();
        this.approver = request.approver();
        this.requestedBy = request.requestedBy();
        this.supersedes = request.supersedes();
        this.status = AccessRightStatus.REQUESTED;
    }

    void linkProcess(ProcessOrigin origin) {
        setOrigin(origin);
    }

    void approved(String by, String comment, Instant now) {
        this.decidedBy = by;
        this.decidedAt = now;
        this.decisionComment = comment;
    }

    void rejected(String by, String comment, Instant now) {
        approved(by, comment, now);
        this.status = AccessRightStatus.REJECTED;
    }

    void provided(String by, Instant now) {
        this.grantedBy = by;
        this.grantedAt = now;
        this.status = AccessRightStatus.ACTIVE;
    }

    void revocationRequested(RevocationKind kind, String reason, String by, Instant now) {
        this.revocationKind = kind;
        this.revocationReason = reason;
        this.revocationRequestedBy = by;
        this.revocationRequestedAt = now;
    }

    void supersededBy(String reference) {
        this.supersededBy = reference;
    }

    void revoked(String by, Instant now) {
        this.revokedBy = by;
        this.revokedAt = now;
        this.status = AccessRightStatus.REVOKED;
    }

    /** Whether the caller is the SM or DM of the right's service (copied when the right was requested). */
    boolean isManagedBy(String userId) {
        return userId != null && (userId.equals(serviceManager) || userId.equals(deliveryManager));
    }

    /** Who reviews the right: its named asset owner (the approver), else the ISEC group. */
    String reviewer() {
        return approver != null ? approver : com.csmflow.security.RoleGroup.ISEC.id();
    }

    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", status.name());
        view.put("clientReference", getClientReference());
        view.put("serviceReference", serviceReference);
        view.put("serviceManager", serviceManager);
        view.put("deliveryManager", deliveryManager);
        view.put("grantee", grantee);
        view.put("asset", asset);
        view.put("permission", permission);
        view.put("reason", reason);
        view.put("validUntil", text(validUntil));
        view.put("approver", approver);
        view.put("requestedBy", requestedBy);
        view.put("supersedes", supersedes);
        view.put("supersededBy", supersededBy);
        view.put("decidedBy", decidedBy);
        view.put("decidedAt", text(decidedAt));
        view.put("decisionComment", decisionComment);
        view.put("grantedBy", grantedBy);
        view.put("grantedAt", text(grantedAt));
        view.put("revocationKind", revocationKind == null ? null : revocationKind.name());
        view.put("revocationReason", revocationReason);
        view.put("revocationRequestedBy", revocationRequestedBy);
        view.put("revocationRequestedAt", text(revocationRequestedAt));
        view.put("revokedBy", revokedBy);
        view.put("revokedAt", text(revokedAt));
        return view;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    public String getServiceReference() {
        return serviceReference;
    }

    public String getServiceManager() {
        return serviceManager;
    }

    public String getDeliveryManager() {
        return deliveryManager;
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

    public String getReason() {
        return reason;
    }

    public Instant getValidUntil() {
        return validUntil;
    }

    public String getApprover() {
        return approver;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public String getSupersedes() {
        return supersedes;
    }

    public String getSupersededBy() {
        return supersededBy;
    }

    public AccessRightStatus getStatus() {
        return status;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public String getDecisionComment() {
        return decisionComment;
    }

    public String getGrantedBy() {
        return grantedBy;
    }

    public Instant getGrantedAt() {
        return grantedAt;
    }

    public RevocationKind getRevocationKind() {
        return revocationKind;
    }

    public String getRevocationReason() {
        return revocationReason;
    }

    public String getRevocationRequestedBy() {
        return revocationRequestedBy;
    }

    public Instant getRevocationRequestedAt() {
        return revocationRequestedAt;
    }

    public String getRevokedBy() {
        return revokedBy;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }
}
