package com.csmflow.escalation;

import java.time.Duration;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * Expression helper of the top rung in escalation.bpmn up to version tag 1:
 * {@code ${escalationLadder.after(escalationResolutionDue, dcHeadGrace)}} (wall-clock grace). Newer
 * versions count the DC head rung on an SLA clock ({@code escalation.dc-head}); the bean stays for
 * instances still running on the old version, whose timers are recalculated when their clock moves.
 */
@Component("escalationLadder")
public class EscalationLadder {

    /** {@code due} plus an ISO-8601 duration such as {@code PT4H} (wall-clock time after the missed target). */
    public Date after(Date due, String grace) {
        return Date.from(due.toInstant().plus(Duration.parse(grace)));
    }
}
