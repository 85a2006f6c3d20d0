package com.csmflow.onboarding;

import com.csmflow.register.ProcessOrigin;
import com.csmflow.register.RegisterRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A row of the onboarding register: one client's onboarding, its hour tier and whether it has closed. */
@Entity
@Table(name = "client_onboarding")
public class ClientOnboarding extends RegisterRecord {

    /** OPEN until every required document is registered and the onboarding closes. */
    public enum Status {
        OPEN,
        CLOSED
    }

    @Enumerated(EnumType.STRING)
    private Status status;

    @Column(name = "monthly_spend")
    private BigDecimal monthlySpend;

    @Column(name = "technology_groups")
    private int technologyGroups;

    @Column(name = "device_count")
    private int deviceCount;

    @Column(name = "continuity_agreed")
    private boolean continuityAgreed;

    @Column(name = "recommended_package")
    private String recommendedPackage;

    @Column(name = "recommended_hours")
    private Integer recommendedHours;

    @Column(name = "agreed_package")
    private String agreedPackage;

    @Column(name = "agreed_hours")
    private Integer agreedHours;

    @Column(name = "overrule_reason")
    private String overruleReason;

    @Column(name = "closed_at")
    private Instant closedAt;

    protected ClientOnboarding() {}

    ClientOnboarding(
            String reference,
            String clientReference,
            BigDecimal monthlySpend,
            int technologyGroups,
            int deviceCount,
            boolean continuityAgreed,
            Instant createdAt,
            ProcessOrigin origin) {
        super(reference, clientReference, origin, createdAt);
        this.status = Status.OPEN;
        this.monthlySpend = monthlySpend;
        this.technologyGroups = technologyGroups;
        this.deviceCount = deviceCount;
        this.continuityAgreed = continuityAgreed;
    }

    void recommended(String recommendedPackage, int recommendedHours) {
        this.recommendedPackage = recommendedPackage;
        this.recommendedHours = recommendedHours;
    }

    void agreed(String agreedPackage, int agreedHours, String overruleReason) {
        this.agreedPackage = agreedPackage;
        this.agreedHours = agreedHours;
        this.overruleReason = overruleReason;
    }

    void close(Instant now) {
        this.status = Status.CLOSED;
        this.closedAt = now;
    }

    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("clientReference", getClientReference());
        view.put("status", status == null ? null : status.name());
        view.put("monthlySpend", monthlySpend == null ? null : monthlySpend.toPlainString());
        view.put("technologyGroups", technologyGroups);
        view.put("deviceCount", deviceCount);
        view.put("continuityAgreed", continuityAgreed);
        view.put("recommendedPackage", recommendedPackage);
        view.put("recommendedHours", recommendedHours);
        view.put("agreedPackage", agreedPackage);
        view.put("agreedHours", agreedHours);
        view.put("overruleReason", overruleReason);
        view.put("closedAt", closedAt == null ? null : closedAt.toString());
        return view;
    }

    public Status getStatus() {
        return status;
    }

    public BigDecimal getMonthlySpend() {
        return monthlySpend;
    }

    public int getTechnologyGroups() {
        return technologyGroups;
    }

    public int getDeviceCount() {
        return deviceCount;
    }

    public boolean isContinuityAgreed() {
        return continuityAgreed;
    }

    public String getRecommendedPackage() {
        return recommendedPackage;
    }

    public Integer getRecommendedHours() {
        return recommendedHours;
    }

    public String getAgreedPackage() {
        return agreedPackage;
    }

    public Integer getAgreedHours() {
        return agreedHours;
    }

    public String getOverruleReason() {
        return overruleReason;
    }

    public Instant getClosedAt() {
        return closedAt;
    }
}
