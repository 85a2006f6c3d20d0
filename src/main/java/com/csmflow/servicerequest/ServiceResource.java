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
import java.util.LinkedHashMap;
import java.util.Map;

/** A row of the resource inventory, the control ledger of 003 §2.2.4. */
@Entity
@Table(name = "service_resource")
public class ServiceResource {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String reference;

    @Column(name = "resource_type", nullable = false)
    private String resourceType;

    @Column(nullable = false)
    private String identifier;

    private String owner;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private ResourceStatus status;

    @Column(name = "service_reference")
    private String serviceReference;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ServiceResource() {}

    ServiceResource(
            String reference,
            String resourceType,
            String identifier,
            String owner,
            String serviceReference,
            Instant now) {
        this.reference = reference;
        this.resourceType = resourceType;
        this.identifier = identifier;
        this.owner = owner;
        this.serviceReference = serviceReference;
        this.status = ResourceStatus.AVAILABLE;
        this.updatedAt = now;
    }

    Map<String, Object> auditView() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("resourceType", resourceType);
        fields.put("identifier", identifier);
        fields.put("owner", owner);
        fields.put("status", status.name());
        fields.put("serviceReference", serviceReference);
        return fields;
    }

    void status(ResourceStatus status, Instant now) {
        this.status = status;
        this.updatedAt = now;
    }

    public String getReference() {
        return reference;
    }

    public String getResourceType() {
        return resourceType;
    }

    public String getIdentifier() {
        return identifier;
    }

    public String getOwner() {
        return owner;
    }

    public ResourceStatus getStatus() {
        return status;
    }

    public String getServiceReference() {
        return serviceReference;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
