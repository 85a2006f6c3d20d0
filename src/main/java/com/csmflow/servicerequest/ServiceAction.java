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
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One action of a team, individual or governance action plan: owner, due date, OPEN until a follow-up
 * reports it done; the follow-ups are appended to {@code followUp}.
 */
@Entity
@Table(name = "service_action")
public class ServiceAction {

    static final int FOLLOW_UP_MAX = 8000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String reference;

    @Column(name = "service_reference", nullable = false)
    private String serviceReference;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private ActionPlan plan;

    @Column(name = "subject_user_id")
    private String subjectUserId;

    @Column(nullable = false)
    private String description;

    @Column(nullable = false)
    private String owner;

    @Column(name = "due_on", nullable = false)
    private LocalDate dueOn;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private ActionStatus status;

    @Column(name = "follow_up")
    private String followUp;

    @Column(name = "done_at")
    private Instant doneAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "task_id", nullable = false)
    private String taskId;

    @Column(name = "line_no", nullable = false)
    private int lineNo;

    @Column(name = "process_instance_id")
    private String processInstanceId;

    protected ServiceAction() {}

    @SuppressWarnings("java:S107")
    ServiceAction(
            String reference,
            String serviceReference,
            ActionPlan plan,
            String subjectUserId,
            String description,
            String owner,
            LocalDate dueOn,
            Instant now,
            String taskId,
            int lineNo,
            String processInstanceId) {
        this.reference = reference;
        this.serviceReference = serviceReference;
        this.plan = plan;
        this.subjectUserId = subjectUserId;
        this.description = description;
        this.owner = owner;
        this.dueOn = dueOn;
        this.status = ActionStatus.OPEN;
        this.createdAt = now;
        this.updatedAt = now;
        this.taskId = taskId;
        this.lineNo = lineNo;
        this.processInstanceId = processInstanceId;
    }

    /** Appends a dated follow-up; {@code done} closes the action. */
    void followUp(String report, boolean done, String by, Instant now) {
        String entry = now + " " + (by == null ? "" : by + ": ") + report;
        String all = followUp == null ? entry : followUp + "\n" + entry;
        followUp = all.length() > FOLLOW_UP_MAX ? all.substring(all.length() - FOLLOW_UP_MAX) : all;
        if (done) {
            status = ActionStatus.DONE;
            doneAt = now;
        }
        updatedAt = now;
    }

    boolean isPersonal() {
        return plan == ActionPlan.INDIVIDUAL;
    }

    /** The audit log is readable by all managers: a personal action leaves only its facts, no text. */
    Map<String, Object> auditView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("plan", plan.name());
        view.put("subject", subjectUserId);
        view.put("description", isPersonal() ? null : description);
        view.put("owner", owner);
        view.put("dueOn", dueOn.toString());
        view.put("status", status.name());
        return view;
    }

    public Long getId() {
        return id;
    }

    public String getReference() {
        return reference;
    }

    public String getServiceReference() {
        return serviceReference;
    }

    public ActionPlan getPlan() {
        return plan;
    }

    public String getSubjectUserId() {
        return subjectUserId;
    }

    public String getDescription() {
        return description;
    }

    public String getOwner() {
        return owner;
    }

    public LocalDate getDueOn() {
        return dueOn;
    }

    public ActionStatus getStatus() {
        return status;
    }

    public String getFollowUp() {
        return followUp;
    }

    public Instant getDoneAt() {
        return doneAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
