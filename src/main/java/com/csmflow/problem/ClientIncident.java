package com.csmflow.problem;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An incident a client reported on one service or configuration item; the raw material of chronic-incident detection. */
@Entity
@Table(name = "client_incident")
public class ClientIncident {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "client_reference")
    private String clientReference;

    @Column(name = "incident_reference")
    private String incidentReference;

    @Column(name = "service_key")
    private String serviceKey;

    private String summary;

    @Column(name = "reported_at")
    private Instant reportedAt;

    @Column(name = "problem_reference")
    private String problemReference;

    protected ClientIncident() {}

    ClientIncident(
            String clientReference, String incidentReference, String serviceKey, String summary, Instant reportedAt) {
        this.clientReference = clientReference;
        this.incidentReference = incidentReference;
        this.serviceKey = serviceKey;
        this.summary = summary;
        this.reportedAt = reportedAt;
    }

    public String getClientReference() {
        return clientReference;
    }

    public String getIncidentReference() {
        return incidentReference;
    }

    public String getServiceKey() {
        return serviceKey;
    }

    public String getSummary() {
        return summary;
    }

    public Instant getReportedAt() {
        return reportedAt;
    }

    public String getProblemReference() {
        return problemReference;
    }

    void linkProblem(String problemReference) {
        this.problemReference = problemReference;
    }
}
