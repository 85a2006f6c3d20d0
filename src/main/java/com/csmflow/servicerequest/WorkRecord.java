package com.csmflow.servicerequest;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** What one completed task of the service's life produced; one row per task and kind. */
@Entity
@Table(name = "service_work_record")
public class WorkRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "service_reference", nullable = false)
    private String serviceReference;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private WorkKind kind;

    @Column(name = "subject_user_id")
    private String subjectUserId;

    @Column(nullable = false)
    private String content;

    @Column(name = "lessons_learned")
    private String lessonsLearned;

    @Column(name = "action_plan")
    private String actionPlan;

    @Column(name = "recorded_by")
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(name = "task_id", nullable = false)
    private String taskId;

    @Column(name = "process_instance_id")
    private String processInstanceId;

    protected WorkRecord() {}

    @SuppressWarnings("java:S107")
    WorkRecord(
            String serviceReference,
            WorkKind kind,
            String subjectUserId,
            String content,
            String lessonsLearned,
            String actionPlan,
            String recordedBy,
            Instant recordedAt,
            String taskId,
            String processInstanceId) {
        this.serviceReference = serviceReference;
        this.kind = kind;
        this.subjectUserId = subjectUserId;
        this.content = content;
        this.lessonsLearned = lessonsLearned;
        this.actionPlan = actionPlan;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
        this.taskId = taskId;
        this.processInstanceId = processInstanceId;
    }

    public Long getId() {
        return id;
    }

    public String getServiceReference() {
        return serviceReference;
    }

    public WorkKind getKind() {
        return kind;
    }

    public String getSubjectUserId() {
        return subjectUserId;
    }

    public String getContent() {
        return content;
    }

    public String getLessonsLearned() {
        return lessonsLearned;
    }

    public String getActionPlan() {
        return actionPlan;
    }

    public String getRecordedBy() {
        return recordedBy;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }
}
