package com.csmflow.problem;

import java.time.Duration;
import java.time.Period;
import java.util.Date;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The repeating timers of problem-rca and sip-action, as ISO-8601 cycles the models read
 * ({@code ${problemTimers.rcaProgressCycle()}}, {@code ${problemTimers.sipChaseCycle(sipTargetAt)}}); the
 * intervals are configuration ({@code csmflow.problem.*}), so a process owner changes them without
 * editing the models.
 */
@Component("problemTimers")
public class ProblemTimers {

    private final String rcaProgressInterval;
    private final String sipChaseInterval;

    ProblemTimers(
            @Value("${csmflow.problem.rca-progress-interval:P2D}") String rcaProgressInterval,
            @Value("${csmflow.problem.sip-chase-interval:P7D}") String sipChaseInterval) {
        this.rcaProgressInterval = checked("csmflow.problem.rca-progress-interval", rcaProgressInterval);
        this.sipChaseInterval = checked("csmflow.problem.sip-chase-interval", sipChaseInterval);
    }

    /** Unbounded, from when the RCA starts: the client hears how it is going until the RCA is approved. */
    public String rcaProgressCycle() {
        return "R/" + rcaProgressInterval;
    }

    /** Unbounded, first at the target date, then every interval until the action is settled. */
    public String sipChaseCycle(Date targetAt) {
        return "R/" + targetAt.toInstant() + "/" + sipChaseInterval;
    }

    /** Refused at start-up rather than at the first timer: a cycle the engine cannot read would stop the case. */
    private static String checked(String property, String value) {
        String text = value == null ? "" : value.strip();
        try {
            if (text.contains("T")) {
                Duration.parse(text);
            } else {
                Period.parse(text);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    property + " must be an ISO-8601 duration such as P2D or PT12H, not " + value, e);
        }
        return text;
    }
}
