package com.csmflow.cadence;

import java.time.Duration;
import java.time.Period;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The cycle and the time to complete of each {@link CadenceItem}, from configuration so that a process owner
 * changes them without editing the model (docs/processes/client-cadence.md):
 * {@code csmflow.cadence.<item>.cycle} is an ISO-8601 period ({@code P1W}, {@code P1M}, {@code P3M},
 * {@code P1Y}), {@code csmflow.cadence.<item>.time-to-complete} an ISO-8601 duration of business time on the
 * client's calendar ({@code PT8H} is one working day of eight hours). Running cadences take a changed value at
 * their next cycle. A value the platform cannot read stops the start-up, not a client's cadence.
 */
@Component("cadenceSchedule")
public class CadenceSchedule {

    static final String PREFIX = "csmflow.cadence.";

    private final Map<CadenceItem, Period> cycles = new EnumMap<>(CadenceItem.class);
    private final Map<CadenceItem, Duration> timesToComplete = new EnumMap<>(CadenceItem.class);

    CadenceSchedule(Environment environment) {
        for (CadenceItem item : CadenceItem.values()) {
            String cycleProperty = PREFIX + item.property() + ".cycle";
            String timeProperty = PREFIX + item.property() + ".time-to-complete";
            cycles.put(item, period(cycleProperty, environment.getProperty(cycleProperty), item.defaultCycle()));
            timesToComplete.put(
                    item, duration(timeProperty, environment.getProperty(timeProperty), item.defaultTimeToComplete()));
        }
    }

    public Period cycle(CadenceItem item) {
        return cycles.get(item);
    }

    public Duration timeToComplete(CadenceItem item) {
        return timesToComplete.get(item);
    }

    static Period period(String property, String value, Period fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            Period period = Period.parse(value.strip().toUpperCase(Locale.ROOT));
            if (period.isNegative() || period.isZero()) {
                throw new IllegalStateException(property + " must be a positive period such as P1W, not " + value);
            }
            return period;
        } catch (java.time.format.DateTimeParseException invalid) {
            throw new IllegalStateException(
                    property + " must be an ISO-8601 period such as P1W, P1M or P3M, not " + value, invalid);
        }
    }

    static Duration duration(String property, String value, Duration fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            Duration duration = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalStateException(property + " must be a positive duration such as PT8H, not " + value);
            }
            return duration;
        } catch (java.time.format.DateTimeParseException invalid) {
            throw new IllegalStateException(
                    property + " must be an ISO-8601 duration of business time such as PT8H, not " + value, invalid);
        }
    }
}
