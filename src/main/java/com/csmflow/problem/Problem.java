package com.csmflow.problem;

import com.csmflow.register.ProcessOrigin;
import com.csmflow.register.RegisterRecord;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A row of the problem register: one problem, its RCA documents and where it stands. */
@Entity
@Table(name = "problem")
// created is the problem's opened_at
@AttributeOverride(name = "createdAt", column = @Column(name = "opened_at", nullable = false, updatable = false))
public class Problem extends RegisterRecord {

    @Column(name = "source_type")
    private String sourceType;

    @Column(name = "source_reference")
    private String sourceReference;

    private String summary;
    private String priority;

    @Enumerated(EnumType.STRING)
    private ProblemStatus status;

    @Column(name = "chronic_key")
    private String chronicKey;

    private String symptoms;

    @Column(name = "root_cause")
    private String rootCause;

    @Column(name = "contributing_factors")
    private String contributingFactors;

    private String evidence;

    @Column(name = "internal_rca")
    private String internalRca;

    @Column(name = "client_rca")
    private String clientRca;

    @Column(name = "rca_accepted_at")
    private Instant rcaAcceptedAt;

    @Column(name = "rca_sent_at")
    private Instant rcaSentAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    protected Problem() {}

    Problem(
            String reference,
            String clientReference,
            String sourceType,
            String sourceReference,
            String summary,
            String priority,
            String chronicKey,
            Instant openedAt) {
        super(reference, clientReference, null, openedAt);
        this.sourceType = sourceType;
        this.sourceReference = sourceReference;
        this.summary = summary;
        this.priority = priority;
        this.chronicKey = chronicKey;
        this.status = ProblemStatus.OPEN;
    }

    /** The fields the audit log compares. */
    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", status.name());
        view.put("clientReference", getClientReference());
        view.put("sourceType", sourceType);
        view.put("sourceReference", sourceReference);
        view.put("summary", summary);
        view.put("priority", priority);
        view.put("chronicKey", chronicKey);
        view.put("symptoms", symptoms);
        view.put("rootCause", rootCause);
        view.put("contributingFactors", contributingFactors);
        view.put("evidence", evidence);
        view.put("internalRca", internalRca);
        view.put("clientRca", clientRca);
        view.put("rcaAcceptedAt", rcaAcceptedAt == null ? null : rcaAcceptedAt.toString());
        view.put("rcaSentAt", rcaSentAt == null ? null : rcaSentAt.toString());
        view.put("closedAt", closedAt == null ? null : closedAt.toString());
        return view;
    }

    public String getSourceType() {
        return sourceType;
    }

    public String getSourceReference() {
        return sourceReference;
    }

    public String getSummary() {
        return summary;
    }

    public String getPriority() {
        return priority;
    }

    public String getStatus() {
        return status.name();
    }

    ProblemStatus status() {
        return status;
    }

    public String getChronicKey() {
        return chronicKey;
    }

    public String getSymptoms() {
        return symptoms;
    }

    public String getRootCause() {
        return rootCause;
    }

    public String getContributingFactors() {
        return contributingFactors;
    }

    public String getEvidence() {
        return evidence;
    }

    public String getInternalRca() {
        return internalRca;
    }

    public String getClientRca() {
        return clientRca;
    }

    public Instant getRcaAcceptedAt() {
        return rcaAcceptedAt;
    }

    public Instant getRcaSentAt() {
        return rcaSentAt;
    }

    public Instant getOpenedAt() {
        return getCreatedAt();
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    void linkProcess(ProcessOrigin origin) {
        setOrigin(origin);
    }

    void setStatus(ProblemStatus status) {
        this.status = status;
    }

    void recordInternalRca(
            String symptoms,
            String rootCause,
            String contributingFactors,
            String evidence,
            String internalRca,
            Instant acceptedAt) {
        this.symptoms = symptoms;
        this.rootCause = rootCause;
        this.contributingFactors = contributingFactors;
        this.evidence = evidence;
        this.internalRca = internalRca;
        this.rcaAcceptedAt = acceptedAt;
    }

    void recordClientRcaSent(String clientRca, Instant sentAt) {
        this.clientRca = clientRca;
        this.rcaSentAt = sentAt;
    }

    void close(Instant at) {
        this.closedAt = at;
        this.status = ProblemStatus.CLOSED;
    }
}
