package com.csmflow.hours;

import com.csmflow.engine.ProcessVariable;

/**
 * The names of the hours ledger that models, forms and Java share: the optional field of every work form
 * that records time spent, and the {@code hours-warning} process that mails the 80 % and 100 % warnings.
 */
public final class HoursProcess {

    /** A work form's optional "time spent (minutes)" field: a completed task carrying it records a time entry. */
    public static final ProcessVariable<Object> TIME_SPENT_MINUTES =
            ProcessVariable.of("timeSpentMinutes", Object.class);

    public static final String WARNING_KEY = "hours-warning";
    public static final String WARNING_TEMPLATE = "hours-warning";

    // the variables of an hours-warning instance, read by its mail template
    public static final ProcessVariable<String> MONTH = ProcessVariable.text("month");
    public static final ProcessVariable<Long> THRESHOLD_PERCENT = ProcessVariable.number("thresholdPercent");
    public static final ProcessVariable<String> USED_HOURS = ProcessVariable.text("usedHours");
    public static final ProcessVariable<String> AVAILABLE_HOURS = ProcessVariable.text("availableHours");
    public static final ProcessVariable<String> REMAINING_HOURS = ProcessVariable.text("remainingHours");
    public static final ProcessVariable<String> OVERAGE_HOURS = ProcessVariable.text("overageHours");
    public static final ProcessVariable<String> OVERAGE_RATE = ProcessVariable.text("overageRate");
    /** Who is warned by name: the client's designated CSM (empty when it has none). */
    public static final ProcessVariable<String> WARNED_USERS = ProcessVariable.text("warnedUsers");
    /** Who is warned by group: the account managers, and the csm group when the client has no designated CSM. */
    public static final ProcessVariable<String> WARNED_GROUPS = ProcessVariable.text("warnedGroups");

    public static final String TASK_SEND_WARNING = "Task_SendHoursWarning";

    private HoursProcess() {}
}
