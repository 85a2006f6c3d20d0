package com.csmflow.hours;

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

/**
 * Time a person spent on a client's work (seed 001 §2: the hours the client bought are used by it), counted on
 * the client's calendar day {@code workDate}: when the entry came with an instant (a completed task, or
 * {@code workedAt} through the API) that day is the instant's date in the client's time zone.
 */
@Entity
@Table(name = "time_entry")
class TimeEntry {

    enum Source {
        API,
        TASK
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "client_reference", nullable = false)
    private String clientReference;

    @Column(name = "work_date", nullable = false)
    private LocalDate workDate;

    @Column(name = "worked_at")
    private Instant workedAt;

    @Column(nullable = false)
    private int minutes;

    @Column(name = "staff_user", nullable = false)
    private String staffUser;

    @Column(name = "case_reference")
    private String caseReference;

    @Column
    private String note;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Source source;

    @Column(name = "task_id")
    private String taskId;

    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected TimeEntry() {}

    TimeEntry(
            String clientReference,
            LocalDate workDate,
            Instant workedAt,
            int minutes,
            String staffUser,
            String caseReference,
            String note,
            Source source,
            String taskId,
            String recordedBy,
            Instant recordedAt) {
        this.clientReference = clientReference;
        this.workDate = workDate;
        this.workedAt = workedAt;
        this.minutes = minutes;
        this.staffUser = staffUser;
        this.caseReference = caseReference;
        this.note = note;
        this.source = source;
        this.taskId = taskId;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
    }

    Long getId() {
        return id;
    }

    String getClientReference() {
        return clientReference;
    }

    LocalDate getWorkDate() {
        return workDate;
    }

    Instant getWorkedAt() {
        return workedAt;
    }

    int getMinutes() {
        return minutes;
    }

    String getStaffUser() {
        return staffUser;
    }

    String getCaseReference() {
        return caseReference;
    }

    String getNote() {
        return note;
    }

    Source getSource() {
        return source;
    }

    String getTaskId() {
        return taskId;
    }

    String getRecordedBy() {
        return recordedBy;
    }

    Instant getRecordedAt() {
        return recordedAt;
    }
}
