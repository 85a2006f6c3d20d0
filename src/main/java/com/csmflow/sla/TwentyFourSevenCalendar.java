package com.csmflow.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Always open: business time is wall-clock time. */
final class TwentyFourSevenCalendar implements BusinessCalendar {

    static final TwentyFourSevenCalendar INSTANCE = new TwentyFourSevenCalendar();

    private TwentyFourSevenCalendar() {}

    @Override
    public Instant add(Instant start, Duration businessDuration) {
        if (businessDuration.isNegative()) {
            throw new IllegalArgumentException("A business duration cannot be negative: " + businessDuration);
        }
        return start.plus(businessDuration);
    }

    @Override
    public Duration elapsed(Instant from, Instant to) {
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }

    @Override
    public boolean isBusinessTime(Instant instant) {
        return true;
    }

    @Override
    public Instant nextBusinessTime(Instant instant) {
        return instant;
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    @Override
    public String description() {
        return "24x7";
    }

    @Override
    public String toString() {
        return description();
    }
}
