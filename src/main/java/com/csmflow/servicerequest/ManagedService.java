package com.csmflow.servicerequest;

import com.csmflow.register.ProcessOrigin;
import com.csmflow.register.RegisterRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service in the service register: opened on go with its own reference (SVC-...), its Service Manager
 * and Delivery Manager, the scope of work and the cycles of its recurring steps.
 */
@Entity
@Table(name = "managed_service")
public class ManagedService extends RegisterRecord {

    @Column(name = "request_reference", nullable = false)
    private String requestReference;

    @Column(name = "service_name", nullable = false)
    private String serviceName;

    @Column(name = "service_manager", nullable = false)
    private String serviceManager;

    @Column(name = "delivery_manager", nullable = false)
    private String deliveryManager;

    @Column(name = "price_model", nullable = false)
    private String priceModel;

    @Column(nullable = false)
    private String scope;

    private String milestones;

    @Column(name = "hours_per_month")
    private Integer hoursPerMonth;

    @Column(name = "starts_on", nullable = false)
    private LocalDate startsOn;

    @Column(name = "term_end", nullable = false)
    private LocalDate termEnd;

    @Column(name = "staffing_follow_up_cycle", nullable = false)
    private String staffingFollowUpCycle;

    @Column(name = "governance_cycle", nullable = false)
    private String governanceCycle;

    @Column(name = "team_assessment_cycle", nullable = false)
    private String teamAssessmentCycle;

    @Column(name = "individual_assessment_cycle", nullable = false)
    private String individualAssessmentCycle;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private ServiceStatus status;

    @Column(name = "end_reason")
    private String endReason;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Version
    private long version;

    protected ManagedService() {}

    @SuppressWarnings("java:S107") // one row, one constructor: the scope of work has this many parts
    ManagedService(
            String reference,
            String clientReference,
            String requestReference,
            String serviceName,
            String serviceManager,
            String deliveryManager,
            String priceModel,
            String scope,
            String milestones,
            Integer hoursPerMonth,
            LocalDate startsOn,
            LocalDate termEnd,
            Map<String, String> cycles,
            Instant now,
            ProcessOrigin origin) {
        super(reference, clientReference, origin, now);
        this.requestReference = requestReference;
        this.serviceName = serviceName;
        this.serviceManager = serviceManager;
        this.deliveryManager = deliveryManager;
        this.priceModel = priceModel;
        this.scope = scope;
        this.milestones = milestones;
        this.hoursPerMonth = hoursPerMonth;
        this.startsOn = startsOn;
        this.termEnd = termEnd;
        this.staffingFollowUpCycle = cycles.get(ServiceRequestProcess.STAFFING_FOLLOW_UP_CYCLE.name());
        this.governanceCycle = cycles.get(ServiceRequestProcess.GOVERNANCE_CYCLE.name());
        this.teamAssessmentCycle = cycles.get(ServiceRequestProcess.TEAM_ASSESSMENT_CYCLE.name());
        this.individualAssessmentCycle = cycles.get(ServiceRequestProcess.INDIVIDUAL_ASSESSMENT_CYCLE.name());
        this.status = ServiceStatus.ACTIVE;
    }

    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("clientReference", getClientReference());
        fields.put("requestReference", requestReference);
        fields.put("serviceName", serviceName);
        fields.put("serviceManager", serviceManager);
        fields.put("deliveryManager", deliveryManager);
        fields.put("priceModel", priceModel);
        fields.put("scope", scope);
        fields.put("milestones", milestones);
        fields.put("hoursPerMonth", hoursPerMonth);
        fields.put("startsOn", startsOn.toString());
        fields.put("termEnd", termEnd.toString());
        fields.put("staffingFollowUpCycle", staffingFollowUpCycle);
        fields.put("governanceCycle", governanceCycle);
        fields.put("teamAssessmentCycle", teamAssessmentCycle);
        fields.put("individualAssessmentCycle", individualAssessmentCycle);
        fields.put("status", status.name());
        fields.put("endReason", endReason);
        fields.put("endedAt", endedAt == null ? null : endedAt.toString());
        return fields;
    }

    void end(String reason, Instant at) {
        this.status = ServiceStatus.ENDED;
        this.endReason = reason;
        this.endedAt = at;
    }

    /** The SM or the DM of this service. */
    boolean isManagedBy(String userId) {
        return userId != null && (userId.equals(serviceManager) || userId.equals(deliveryManager));
    }

    public String getRequestReference() {
        return requestReference;
    }

    public String getServiceName() {
        return serviceName;
    }

    public String getServiceManager() {
        return serviceManager;
    }

    public String getDeliveryManager() {
        return deliveryManager;
    }

    public String getPriceModel() {
        return priceModel;
    }

    public String getScope() {
        return scope;
    }

    public String getMilestones() {
        return milestones;
    }

    public Integer getHoursPerMonth() {
        return hoursPerMonth;
    }

    public LocalDate getStartsOn() {
        return startsOn;
    }

    public LocalDate getTermEnd() {
        return termEnd;
    }

    public String getStaffingFollowUpCycle() {
        return staffingFollowUpCycle;
    }

    public String getGovernanceCycle() {
        return governanceCycle;
    }

    public String getTeamAssessmentCycle() {
        return teamAssessmentCycle;
    }

    public String getIndividualAssessmentCycle() {
        return individualAssessmentCycle;
    }

    public ServiceStatus getStatus() {
        return status;
    }

    public String getEndReason() {
        return endReason;
    }

    public Instant getEndedAt() {
        return endedAt;
    }

    public long getVersion() {
        return version;
    }
}
