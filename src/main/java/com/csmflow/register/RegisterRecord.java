package com.csmflow.register;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The columns every case register shares (change, escalation, problem, SIP action, risk): surrogate id,
 * reference, the client, the process instance that wrote the row, created and last updated. A register
 * whose "created" column has another name maps it with {@code @AttributeOverride(name = "createdAt")}.
 * {@code updatedAt} is stamped on every update from the platform clock ({@link RegisterRecordTimestamps}).
 */
@MappedSuperclass
@EntityListeners(RegisterRecordTimestamps.class)
public abstract class RegisterRecord {

    /**
     * Mapped attributes the audit view leaves out, and why: the audit entry itself records the row
     * ({@code register}, {@code reference}), who wrote it ({@code business_key}, {@code process_instance_id})
     * and when ({@code changed_at}); the id is a surrogate key. Every other mapped attribute of a register
     * entity must be in its {@link #auditView()} ({@code RegisterAuditViewTest} fails otherwise).
     */
    public static final Set<String> NOT_AUDITED = Set.of("id", "reference", "origin", "createdAt", "updatedAt");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "reference", nullable = false, updatable = false)
    private String reference;

    @Column(name = "client_reference", nullable = false)
    private String clientReference;

    @Embedded
    private ProcessOrigin origin;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected RegisterRecord() {}

    protected RegisterRecord(String reference, String clientReference, ProcessOrigin origin, Instant createdAt) {
        this.reference = reference;
        this.clientReference = clientReference;
        this.origin = origin;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    /**
     * The fields the audit log compares before and after a change, values as JSON-friendly strings,
     * numbers and booleans; every mapped attribute but {@link #NOT_AUDITED} (and the entity's own
     * documented exclusions) is a key.
     */
    public abstract Map<String, Object> auditView();

    /** Set by the first process step that takes over a row created outside a process. */
    protected void setOrigin(ProcessOrigin origin) {
        this.origin = origin;
    }

    void touch(Instant now) {
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getReference() {
        return reference;
    }

    public String getClientReference() {
        return clientReference;
    }

    public ProcessOrigin getOrigin() {
        return origin;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
