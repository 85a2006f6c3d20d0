package com.csmflow.infosec;

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
 * An asset in a client's inventory with its security risk assessment (traceability F15): what it is, who
 * owns it, how critical it is, whether it holds personal data, the threats and vulnerabilities, likelihood
 * and impact (1-5), the risk they give and its treatment. A security event may name it.
 */
@Entity
@Table(name = "security_asset")
public class SecurityAsset extends RegisterRecord {

    @Column(name = "service_reference")
    private String serviceReference;

    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "asset_type")
    private AssetType assetType;

    private String owner;

    @Enumerated(EnumType.STRING)
    private AssetCriticality criticality;

    @Column(name = "personal_data")
    private boolean personalData;

    private String threats;

    private String vulnerabilities;

    private int likelihood;

    private int impact;

    @Column(name = "risk_score")
    private int riskScore;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_level")
    private AssetCriticality riskLevel;

    private String treatment;

    @Column(name = "assessed_by")
    private String assessedBy;

    @Column(name = "assessed_at")
    private Instant assessedAt;

    private String status;

    protected SecurityAsset() {}

    @SuppressWarnings("java:S107")
    SecurityAsset(
            String reference,
            String clientReference,
            String serviceReference,
            String name,
            AssetType assetType,
            String owner,
            AssetCriticality criticality,
            boolean personalData,
            RiskAssessment risk,
            String assessedBy,
            Instant now) {
        super(reference, clientReference, null, now);
        this.serviceReference = serviceReference;
        this.name = name;
        this.assetType = assetType;
        this.owner = owner;
        this.criticality = criticality;
        this.personalData = personalData;
        this.threats = risk.threats();
        this.vulnerabilities = risk.vulnerabilities();
        this.likelihood = risk.likelihood();
        this.impact = risk.impact();
        this.riskScore = risk.score();
        this.riskLevel = risk.level();
        this.treatment = risk.treatment();
        this.assessedBy = assessedBy;
        this.assessedAt = now;
        this.status = "ACTIVE";
    }

    /**
     * A risk assessment: likelihood times impact is the score; 15 and over is critical, 10 high, 5 medium,
     * below that low (the usual five-by-five matrix; a table for the process owner when it needs to vary).
     */
    record RiskAssessment(String threats, String vulnerabilities, int likelihood, int impact, String treatment) {
        int score() {
            return likelihood * impact;
        }

        AssetCriticality level() {
            int score = score();
            if (score >= 15) {
                return AssetCriticality.CRITICAL;
            }
            if (score >= 10) {
                return AssetCriticality.HIGH;
            }
            return score >= 5 ? AssetCriticality.MEDIUM : AssetCriticality.LOW;
        }
    }

    boolean isActive() {
        return "ACTIVE".equals(status);
    }

    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("clientReference", getClientReference());
        view.put("serviceReference", serviceReference);
        view.put("name", name);
        view.put("assetType", assetType.name());
        view.put("owner", owner);
        view.put("criticality", criticality.name());
        view.put("personalData", personalData);
        view.put("threats", threats);
        view.put("vulnerabilities", vulnerabilities);
        view.put("likelihood", likelihood);
        view.put("impact", impact);
        view.put("riskScore", riskScore);
        view.put("riskLevel", riskLevel.name());
        view.put("treatment", treatment);
        view.put("assessedBy", assessedBy);
        view.put("assessedAt", assessedAt.toString());
        view.put("status", status);
        return view;
    }

    public String getServiceReference() {
        return serviceReference;
    }

    public String getName() {
        return name;
    }

    public AssetType getAssetType() {
        return assetType;
    }

    public String getOwner() {
        return owner;
    }

    public AssetCriticality getCriticality() {
        return criticality;
    }

    public boolean isPersonalData() {
        return personalData;
    }

    public String getThreats() {
        return threats;
    }

    public String getVulnerabilities() {
        return vulnerabilities;
    }

    public int getLikelihood() {
        return likelihood;
    }

    public int getImpact() {
        return impact;
    }

    public int getRiskScore() {
        return riskScore;
    }

    public AssetCriticality getRiskLevel() {
        return riskLevel;
    }

    public String getTreatment() {
        return treatment;
    }

    public String getAssessedBy() {
        return assessedBy;
    }

    public Instant getAssessedAt() {
        return assessedAt;
    }

    public String getStatus() {
        return status;
    }
}
