package com.csmflow.servicerequest;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A resource given to a team member of a service, until released. */
@Entity
@Table(name = "service_resource_allocation")
public class ResourceAllocation {

    static final String OPEN = "OPEN";
    static final String RELEASED = "RELEASED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "service_reference", nullable = false)
    private String serviceReference;

    @Column(name = "resource_reference", nullable = false)
    private String resourceReference;

    @Column(name = "member_user_id", nullable = false)
    private String memberUserId;

    @Column(nullable = false)
    private String status;

    @Column(name = "allocated_at", nullable = false)
    private Instant allocatedAt;

    @Column(name = "released_at")
    private Instant releasedAt;

    @Column(name = "process_instance_id")
    private String processInstanceId;

    protected ResourceAllocation() {}

    ResourceAllocation(
            String serviceReference,
            String resourceReference,
            String memberUserId,
            Instant now,
            String processInstanceId) {
        this.serviceReference = serviceReference;
        this.resourceReference = resourceReference;
        this.memberUserId = memberUserId;
        this.status = OPEN;
        this.allocatedAt = now;
        this.processInstanceId = processInstanceId;
    }

    void release(Instant now) {
        this.status = RELEASED;
        this.releasedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getServiceReference() {
        return serviceReference;
    }

    public String getResourceReference() {
        return resourceReference;
    }

    public String getMemberUserId() {
        return memberUserId;
    }

    public String getStatus() {
        return status;
    }

    public Instant getAllocatedAt() {
        return allocatedAt;
    }

    public Instant getReleasedAt() {
        return releasedAt;
    }
}
