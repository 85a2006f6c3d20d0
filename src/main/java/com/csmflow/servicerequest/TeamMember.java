package com.csmflow.servicerequest;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A member of a service's team with the share of their time (003 §2.2.2 step 1). */
@Entity
@Table(name = "service_team_member")
public class TeamMember {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "service_reference", nullable = false)
    private String serviceReference;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(name = "team_role")
    private String teamRole;

    @Column(name = "allocation_percent", nullable = false)
    private int allocationPercent;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    protected TeamMember() {}

    TeamMember(String serviceReference, String userId, String teamRole, int allocationPercent, Instant now) {
        this.serviceReference = serviceReference;
        this.userId = userId;
        this.teamRole = teamRole;
        this.allocationPercent = allocationPercent;
        this.active = true;
        this.addedAt = now;
    }

    void update(String teamRole, int allocationPercent) {
        this.teamRole = teamRole;
        this.allocationPercent = allocationPercent;
        this.active = true;
    }

    void leave() {
        this.active = false;
    }

    public String getServiceReference() {
        return serviceReference;
    }

    public String getUserId() {
        return userId;
    }

    public String getTeamRole() {
        return teamRole;
    }

    public int getAllocationPercent() {
        return allocationPercent;
    }

    public boolean isActive() {
        return active;
    }

    public Instant getAddedAt() {
        return addedAt;
    }
}
