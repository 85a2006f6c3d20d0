package com.csmflow.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * One change of one register row: never updated, never deleted ({@link Immutable} makes Hibernate
 * ignore any attempt to change a loaded entry, and the repository offers no delete).
 */
@Entity
@Immutable
@Table(name = "register_audit")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String register;

    @Column(nullable = false)
    private String reference;

    @Column(name = "business_key")
    private String businessKey;

    @Column(name = "process_instance_id")
    private String processInstanceId;

    /** The process step (BPMN activity id) that made the change; {@code null} outside a process. */
    @Column(name = "activity_id")
    private String activityId;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Column(nullable = false)
    private String action;

    /** JSON object: {@code {"field": {"old": ..., "new": ...}, ...}}. */
    @Column(nullable = false, length = 1000000)
    private String changes;

    protected AuditEntry() {}

    AuditEntry(
            String register,
            String reference,
            String businessKey,
            String processInstanceId,
            String activityId,
            String userId,
            Instant changedAt,
            String action,
            String changes) {
        this.register = register;
        this.reference = reference;
        this.businessKey = businessKey;
        this.processInstanceId = processInstanceId;
        this.activityId = activityId;
        this.userId = userId;
        this.changedAt = changedAt;
        this.action = action;
        this.changes = changes;
    }

    public Long getId() {
        return id;
    }

    public String getRegister() {
        return register;
    }

    public String getReference() {
        return reference;
    }

    public String getBusinessKey() {
        return businessKey;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public String getActivityId() {
        return activityId;
    }

    public String getUserId() {
        return userId;
    }

    public Instant getChangedAt() {
        return changedAt;
    }

    public String getAction() {
        return action;
    }

    public String getChanges() {
        return changes;
    }
}
