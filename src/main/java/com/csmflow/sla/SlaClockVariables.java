package com.csmflow.sla;

import com.csmflow.engine.ProcessVariable;
import java.util.Date;

/**
 * The process variables an SLA clock publishes into its process, named after the clock
 * ({@code clockName} input, e.g. {@code cabDecision}): timer events use them as
 * {@code timeDate="${cabDecisionDue}"}, gateways and tests read state and breach.
 */
public final class SlaClockVariables {

    private SlaClockVariables() {}

    /** {@code <clockName>Due}: when the target is breached. */
    public static ProcessVariable<Date> due(String clockName) {
        return ProcessVariable.instant(clockName + "Due");
    }

    /** {@code <clockName>Warning}: when the warning is due. */
    public static ProcessVariable<Date> warning(String clockName) {
        return ProcessVariable.instant(clockName + "Warning");
    }

    /** {@code <clockName>State}: a {@link SlaClockState} name. */
    public static ProcessVariable<String> state(String clockName) {
        return ProcessVariable.text(clockName + "State");
    }

    /** {@code <clockName>Breached}. */
    public static ProcessVariable<Boolean> breached(String clockName) {
        return ProcessVariable.flag(clockName + "Breached");
    }
}
