package com.csmflow.escalation;

import com.csmflow.register.ProcessOrigin;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One line of an escalation's timeline (table {@code escalation_event}): append-only. */
@Entity
@Immutable
@Table(name = "escalation_event")
public class EscalationEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "escalation_id", nullable = false)
    private Long escalationId;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false)
    private EscalationEventKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "level")
    private EscalationLevel level;

    @Column(name = "detail")
    private String detail;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "user_id")
    private String userId;

    @Column(name = "activity_id")
    private String activityId;

    @Column(name = "activity_instance_id", nullable = false)
    private String activityInstanceId;

    @Embedded
    private ProcessOrigin origin;

    protected EscalationEvent() {}

    EscalationEvent(
            Long escalationId,
            EscalationEventKind kind,
            EscalationLevel level,
            String detail,
            Instant occurredAt,
            String userId,
            String activityId,
            String activityInstanceId,
            ProcessOrigin origin) {
        this.escalationId = escalationId;
        this.kind = kind;
        this.level = level;
        this.detail = detail;
        this.occurredAt = occurredAt;
        this.userId = userId;
        this.activityId = activityId;
        this.activityInstanceId = activityInstanceId;
        this.origin = origin;
    }

    public Long getId() {
        return id;
    }

    public Long getEscalationId() {
        return escalationId;
    }

    public EscalationEventKind getKind() {
        return kind;
    }

    public EscalationLevel getLevel() {
        return level;
    }

    public String getDetail() {
        return detail;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getUserId() {
        return userId;
    }

    public String getActivityId() {
        return activityId;
    }
}
