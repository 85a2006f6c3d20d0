package com.csmflow.cadence;

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

/** A row of the cadence register: one client's ongoing cadence, ACTIVE until the client's service ends. */
@Entity
@Table(name = "client_cadence")
public class ClientCadence extends RegisterRecord {

    public enum Status {
        ACTIVE,
        ENDED
    }

    /** The client while the cadence is active, empty once it ended: unique, so one active cadence per client. */
    @Column(name = "active_client_reference")
    private String activeClientReference;

    @Enumerated(EnumType.STRING)
    private Status status;

    @Column(name = "continuity_test_agreed")
    private boolean continuityTestAgreed;

    /** The case that started it (the onboarding's ONB reference), or null. */
    @Column(name = "started_by")
    private String startedBy;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "end_reason")
    private String endReason;

    protected ClientCadence() {}

    ClientCadence(
            String reference,
            String clientReference,
            boolean continuityTestAgreed,
            String startedBy,
            Instant createdAt,
            ProcessOrigin origin) {
        super(reference, clientReference, origin, createdAt);
        this.activeClientReference = clientReference;
        this.status = Status.ACTIVE;
        this.continuityTestAgreed = continuityTestAgreed;
        this.startedBy = startedBy;
    }

    void end(String reason, Instant now) {
        this.status = Status.ENDED;
        this.activeClientReference = null;
        this.endedAt = now;
        this.endReason = reason;
    }

    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("clientReference", getClientReference());
        view.put("activeClientReference", activeClientReference);
        view.put("status", status == null ? null : status.name());
        view.put("continuityTestAgreed", continuityTestAgreed);
        view.put("startedBy", startedBy);
        view.put("endedAt", endedAt == null ? null : endedAt.toString());
        view.put("endReason", endReason);
        return view;
    }

    public Status getStatus() {
        return status;
    }

    public boolean isContinuityTestAgreed() {
        return continuityTestAgreed;
    }

    public String getStartedBy() {
        return startedBy;
    }

    public Instant getEndedAt() {
        return endedAt;
    }

    public String getEndReason() {
        return endReason;
    }
}
