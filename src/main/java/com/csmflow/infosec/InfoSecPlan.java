package com.csmflow.infosec;

import com.csmflow.register.ProcessOrigin;
import com.csmflow.register.RegisterRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One version of a service's InfoSec criteria and plan (seed 003 §2.2.5 steps 1-3, 8): the client's or
 * partner's criteria, the internal criteria that apply, the service-specific criteria, the mitigation and
 * contingency actions and, once put in place, the configuration data and action report (step 4). A new
 * version supersedes this one; none is ever overwritten.
 */
@Entity
@Table(name = "infosec_plan")
public class InfoSecPlan extends RegisterRecord {

    @Column(name = "service_reference")
    private String serviceReference;

    private int version;

    @Enumerated(EnumType.STRING)
    private PlanStatus status;

    @Enumerated(EnumType.STRING)
    private PlanBasis basis;

    @Column(name = "basis_reference")
    private String basisReference;

    @Column(name = "client_criteria")
    private String clientCriteria;

    @Column(name = "criteria_source")
    private String criteriaSource;

    @Column(name = "criteria_signed")
    private boolean criteriaSigned;

    @Column(name = "criteria_signed_on")
    private LocalDate criteriaSignedOn;

    @Column(name = "internal_criteria")
    private String internalCriteria;

    @Column(name = "service_criteria")
    private String serviceCriteria;

    @Column(name = "mitigation_actions")
    private String mitigationActions;

    @Column(name = "contingency_actions")
    private String contingencyActions;

    @Column(name = "monitoring_cycle")
    private String monitoringCycle;

    private String lessons;

    @Column(name = "issued_by")
    private String issuedBy;

    @Column(name = "configuration_data")
    private String configurationData;

    @Column(name = "action_report")
    private String actionReport;

    @Column(name = "implemented_by")
    private String implementedBy;

    @Column(name = "implemented_at")
    private Instant implementedAt;

    protected InfoSecPlan() {}

    @SuppressWarnings("java:S107")
    InfoSecPlan(
            String reference,
            String clientReference,
            String serviceReference,
            int version,
            PlanBasis basis,
            String basisReference,
            Criteria criteria,
            String lessons,
            String issuedBy,
            Instant now,
            ProcessOrigin origin) {
        super(reference, clientReference, origin, now);
        this.serviceReference = serviceReference;
        this.version = version;
        this.status = PlanStatus.ISSUED;
        this.basis = basis;
        this.basisReference = basisReference;
        this.clientCriteria = criteria.clientCriteria();
        this.criteriaSource = criteria.source();
        this.criteriaSigned = criteria.signed();
        this.criteriaSignedOn = criteria.signedOn();
        this.internalCriteria = criteria.internalCriteria();
        this.serviceCriteria = criteria.serviceCriteria();
        this.mitigationActions = criteria.mitigationActions();
        this.contingencyActions = criteria.contingencyActions();
        this.monitoringCycle = criteria.monitoringCycle();
        this.lessons = lessons;
        this.issuedBy = issuedBy;
    }

    /** What a version says, as the forms gave it (checked by the step that writes it). */
    record Criteria(
            String clientCriteria,
            String source,
            boolean signed,
            LocalDate signedOn,
            String internalCriteria,
            String serviceCriteria,
            String mitigationActions,
            String contingencyActions,
            String monitoringCycle) {}

    void supersede() {
        this.status = PlanStatus.SUPERSEDED;
    }

    void close() {
        this.status = PlanStatus.CLOSED;
    }

    void implemented(String configurationData, String actionReport, String by, Instant at) {
        this.configurationData = configurationData;
        this.actionReport = actionReport;
        this.implementedBy = by;
        this.implementedAt = at;
        this.status = PlanStatus.IMPLEMENTED;
    }

    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("clientReference", getClientReference());
        view.put("serviceReference", serviceReference);
        view.put("version", version);
        view.put("status", status.name());
        view.put("basis", basis.name());
        view.put("basisReference", basisReference);
        view.put("clientCriteria", clientCriteria);
        view.put("criteriaSource", criteriaSource);
        view.put("criteriaSigned", criteriaSigned);
        view.put("criteriaSignedOn", criteriaSignedOn == null ? null : criteriaSignedOn.toString());
        view.put("internalCriteria", internalCriteria);
        view.put("serviceCriteria", serviceCriteria);
        view.put("mitigationActions", mitigationActions);
        view.put("contingencyActions", contingencyActions);
        view.put("monitoringCycle", monitoringCycle);
        view.put("lessons", lessons);
        view.put("issuedBy", issuedBy);
        view.put("configurationData", configurationData);
        view.put("actionReport", actionReport);
        view.put("implementedBy", implementedBy);
        view.put("implementedAt", implementedAt == null ? null : implementedAt.toString());
        return view;
    }

    public String getServiceReference() {
        return serviceReference;
    }

    public int getVersion() {
        return version;
    }

    public PlanStatus getStatus() {
        return status;
    }

    public PlanBasis getBasis() {
        return basis;
    }

    public String getBasisReference() {
        return basisReference;
    }

    public String getClientCriteria() {
        return clientCriteria;
    }

    public String getCriteriaSource() {
        return criteriaSource;
    }

    public boolean isCriteriaSigned() {
        return criteriaSigned;
    }

    public LocalDate getCriteriaSignedOn() {
        return criteriaSignedOn;
    }

    public String getInternalCriteria() {
        return internalCriteria;
    }

    public String getServiceCriteria() {
        return serviceCriteria;
    }

    public String getMitigationActions() {
        return mitigationActions;
    }

    public String getContingencyActions() {
        return contingencyActions;
    }

    public String getMonitoringCycle() {
        return monitoringCycle;
    }

    public String getLessons() {
        return lessons;
    }

    public String getIssuedBy() {
        return issuedBy;
    }

    public String getConfigurationData() {
        return configurationData;
    }

    public String getActionReport() {
        return actionReport;
    }

    public String getImplementedBy() {
        return implementedBy;
    }

    public Instant getImplementedAt() {
        return implementedAt;
    }
}
