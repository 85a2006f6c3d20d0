package com.csmflow.register;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of the generic register, written by the "Record in register" step of a workflow whose own
 * register does not exist yet. {@code data} holds the fields as a JSON object.
 */
@Entity
@Table(name = "register_entry")
public class RegisterEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String register;

    @Column(nullable = false)
    private String reference;

    @Embedded
    private ProcessOrigin origin;

    @Column(name = "activity_id", nullable = false)
    private String activityId;

    @Column(nullable = false)
    private String action;

    @Column(nullable = false, length = 1000000)
    private String data;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RegisterEntry() {}

    RegisterEntry(
            String register,
            String reference,
            ProcessOrigin origin,
            String activityId,
            String action,
            String data,
            Instant createdAt) {
        this.register = register;
        this.reference = reference;
        this.origin = origin;
        this.activityId = activityId;
        this.action = action;
        this.data = data;
        this.createdAt = createdAt;
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

    public ProcessOrigin getOrigin() {
        return origin;
    }

    public String getActivityId() {
        return activityId;
    }

    public String getAction() {
        return action;
    }

    public String getData() {
        return data;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
