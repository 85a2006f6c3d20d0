package com.csmflow.cmdb;

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

/** A row of the CMDB: one configuration item of one client (seed 002, configuration management). */
@Entity
@Table(name = "configuration_item")
public class ConfigurationItem extends RegisterRecord {

    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "ci_type")
    private CiType type;

    @Column(name = "technology_group")
    private String technologyGroup;

    private String location;
    private String owner;

    @Enumerated(EnumType.STRING)
    private CiStatus status;

    @Column(name = "ci_version")
    private String version;

    @Column(name = "recorded_by")
    private String recordedBy;

    protected ConfigurationItem() {}

    ConfigurationItem(
            String reference,
            String clientReference,
            String name,
            CiType type,
            String technologyGroup,
            String location,
            String owner,
            CiStatus status,
            String version,
            String recordedBy,
            Instant createdAt,
            ProcessOrigin origin) {
        super(reference, clientReference, origin, createdAt);
        this.name = name;
        this.type = type;
        this.technologyGroup = technologyGroup;
        this.location = location;
        this.owner = owner;
        this.status = status;
        this.version = version;
        this.recordedBy = recordedBy;
    }

    void edit(String name, CiType type, String technologyGroup, String location, String owner, String version) {
        this.name = name;
        this.type = type;
        this.technologyGroup = technologyGroup;
        this.location = location;
        this.owner = owner;
        this.version = version;
    }

    void status(CiStatus status) {
        this.status = status;
    }

    void version(String version) {
        this.version = version;
    }

    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("clientReference", getClientReference());
        view.put("name", name);
        view.put("type", type == null ? null : type.name());
        view.put("technologyGroup", technologyGroup);
        view.put("location", location);
        view.put("owner", owner);
        view.put("status", status == null ? null : status.name());
        view.put("version", version);
        view.put("recordedBy", recordedBy);
        return view;
    }

    public String getName() {
        return name;
    }

    public CiType getType() {
        return type;
    }

    public String getTechnologyGroup() {
        return technologyGroup;
    }

    public String getLocation() {
        return location;
    }

    public String getOwner() {
        return owner;
    }

    public CiStatus getStatus() {
        return status;
    }

    public String getVersion() {
        return version;
    }

    public String getRecordedBy() {
        return recordedBy;
    }
}
