package com.csmflow.hours;

import com.csmflow.engine.UserTaskDecorator;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The time field of the work forms: every user task of every workflow, when completed with
 * {@code timeSpentMinutes} above 0, books that time to the task's client and case for its assignee
 * (docs/processes/client-onboarding.md, "Hours ledger"). No listener in any model: the worklist's
 * decorator hook ({@link UserTaskDecorator}) calls it.
 */
@Component
class TimeSpentOnTasks implements UserTaskDecorator {

    private final TimeEntries entries;

    TimeSpentOnTasks(TimeEntries entries) {
        this.entries = entries;
    }

    @Override
    public void onComplete(DelegateTask task) {
        entries.recordFromTask(task);
    }
}
