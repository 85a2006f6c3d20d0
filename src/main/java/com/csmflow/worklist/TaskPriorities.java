package com.csmflow.worklist;

import com.csmflow.sla.SlaPriority;

/**
 * Case priority to Camunda task priority (higher is more urgent, the engine's default is 50): P1 100,
 * P2 75, P3 50, P4 25. Tasklist sorts and shows by this number.
 */
final class TaskPriorities {

    private TaskPriorities() {}

    static int of(SlaPriority priority) {
        return switch (priority) {
            case P1 -> 100;
            case P2 -> 75;
            case P3 -> 50;
            case P4 -> 25;
        };
    }

    /** The task priority of a case priority as typed (P1..P4 or critical..low), or {@code null} when unreadable. */
    static Integer of(String casePriority) {
        if (casePriority == null || casePriority.isBlank()) {
            return null;
        }
        try {
            return of(SlaPriority.parse(casePriority));
        } catch (IllegalArgumentException unreadable) {
            return null; // the workflow's own step refuses it; a task is still created
        }
    }
}
