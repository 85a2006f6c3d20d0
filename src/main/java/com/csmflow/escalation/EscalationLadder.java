package com.csmflow.escalation;

import java.time.Duration;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * Expression helper for the top rung of the ladder:
 * {@code ${escalationLadder.after(escalationResolutionDue, dcHeadGrace)}}. Because the expression names
 * the resolution clock's due variable, the SLA clock delegates recalculate (pause, resume) this timer
 * together with the clock.
 */
@Component("escalationLadder")
public class EscalationLadder {

    /** {@code due} plus an ISO-8601 duration such as {@code PT4H} (wall-clock time after the missed target). */
    public Date after(Date due, String grace) {
        return Date.from(due.toInstant().plus(Duration.parse(grace)));
    }
}
