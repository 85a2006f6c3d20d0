package com.csmflow.cmdb;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What one change did to one configuration item: status and version before and after, and the CSE's notes,
 * linked to the change by its reference. The item's own row is updated (and audited) in the same step.
 */
@Entity
@Table(name = "configuration_item_change")
public class ConfigurationItemChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "ci_reference")
    private String ciReference;

    @Column(name = "client_reference")
    private String clientReference;

    @Column(name = "change_reference")
    private String changeReference;

    @Enumerated(EnumType.STRING)
    @Column(name = "status_before")
    private CiStatus statusBefore;

    @Enumerated(EnumType.STRING)
    @Column(name = "status_after")
    private CiStatus statusAfter;

    @Column(name = "version_before")
    private String versionBefore;

    @Column(name = "version_after")
    private String versionAfter;

    private String notes;

    @Column(name = "recorded_by")
    private String recordedBy;

    @Column(name = "recorded_at")
    private Instant recordedAt;

    @Column(name = "process_instance_id")
    private String processInstanceId;

    protected ConfigurationItemChange() {}

    ConfigurationItemChange(
            ConfigurationItem item,
            String changeReference,
            CiStatus statusAfter,
            String versionAfter,
            String notes,
            String recordedBy,
            Instant recordedAt,
            String processInstanceId) {
        this.ciReference = item.getReference();
        this.clientReference = item.getClientReference();
        this.changeReference = changeReference;
        this.statusBefore = item.getStatus();
        this.statusAfter = statusAfter;
        this.versionBefore = item.getVersion();
        this.versionAfter = versionAfter;
        this.notes = notes;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
        this.processInstanceId = processInstanceId;
    }

    void again(CiStatus statusAfter, String versionAfter, String notes, String recordedBy, Instant recordedAt) {
        this.statusAfter = statusAfter;
        this.versionAfter = versionAfter;
        this.notes = notes;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
    }

    public String getCiReference() {
        return ciReference;
    }

    public String getClientReference() {
        return clientReference;
    }

    public String getChangeReference() {
        return changeReference;
    }

    public CiStatus getStatusBefore() {
        return statusBefore;
    }

    public CiStatus getStatusAfter() {
        return statusAfter;
    }

    public String getVersionBefore() {
        return versionBefore;
    }

    public String getVersionAfter() {
        return versionAfter;
    }

    public String getNotes() {
        return notes;
    }

    public String getRecordedBy() {
        return recordedBy;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }
}
