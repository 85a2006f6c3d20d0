package com.csmflow.satisfaction;

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

/** A row of the satisfaction register: one survey, what it asks about, and the client's one answer. */
@Entity
@Table(name = "satisfaction_survey")
public class SatisfactionSurvey extends RegisterRecord {

    @Enumerated(EnumType.STRING)
    @Column(name = "source_type")
    private SurveySource sourceType;

    @Column(name = "source_reference")
    private String sourceReference;

    @Enumerated(EnumType.STRING)
    private SurveyStatus status;

    @Column(name = "expires_at")
    private Instant expiresAt;

    private Integer score;

    @Column(name = "answer_comment")
    private String comment;

    @Column(name = "answered_at")
    private Instant answeredAt;

    @Column(name = "sip_action_reference")
    private String sipActionReference;

    protected SatisfactionSurvey() {}

    SatisfactionSurvey(
            String reference,
            String clientReference,
            SurveySource sourceType,
            String sourceReference,
            Instant expiresAt,
            Instant createdAt,
            ProcessOrigin origin) {
        super(reference, clientReference, origin, createdAt);
        this.sourceType = sourceType;
        this.sourceReference = sourceReference;
        this.expiresAt = expiresAt;
        this.status = SurveyStatus.SENT;
    }

    void answer(int score, String comment, Instant now) {
        this.score = score;
        this.comment = comment;
        this.answeredAt = now;
        this.status = SurveyStatus.ANSWERED;
    }

    void expire() {
        this.status = SurveyStatus.EXPIRED;
    }

    void sipActionOpened(String reference) {
        this.sipActionReference = reference;
    }

    @Override
    public Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", status.name());
        view.put("clientReference", getClientReference());
        view.put("sourceType", sourceType.name());
        view.put("sourceReference", sourceReference);
        view.put("expiresAt", expiresAt.toString());
        view.put("score", score);
        view.put("comment", comment);
        view.put("answeredAt", answeredAt == null ? null : answeredAt.toString());
        view.put("sipActionReference", sipActionReference);
        return view;
    }

    public SurveySource getSourceType() {
        return sourceType;
    }

    public String getSourceReference() {
        return sourceReference;
    }

    public SurveyStatus getStatus() {
        return status;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Integer getScore() {
        return score;
    }

    public String getComment() {
        return comment;
    }

    public Instant getAnsweredAt() {
        return answeredAt;
    }

    public String getSipActionReference() {
        return sipActionReference;
    }
}
