package com.csmflow.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Business-time arithmetic on one calendar: a client's working hours in its own time zone minus
 * public holidays and closing days, or 24x7. All arguments and results are instants, so callers
 * never deal with local times, midnight or daylight-saving changes themselves.
 */
public interface BusinessCalendar {

    /**
     * The instant at which {@code businessDuration} of business time has passed since {@code start}.
     * If the duration ends exactly at a closing time, that closing time is returned (not the next
     * opening). A zero duration returns {@code start} unchanged.
     */
    Instant add(Instant start, Duration businessDuration);

    /** Business time between two instants; zero if {@code to} is not after {@code from}. */
    Duration elapsed(Instant from, Instant to);

    /** Whether the calendar is open at this instant (opening time inclusive, closing time exclusive). */
    boolean isBusinessTime(Instant instant);

    /** {@code instant} itself if the calendar is open then, otherwise the next opening. */
    Instant nextBusinessTime(Instant instant);

    /** The zone the calendar's days are counted in (UTC for 24x7). */
    ZoneId zone();

    /** Short human description, e.g. {@code "Mon-Fri 09:00-17:00 Europe/Berlin, holidays DE-BY"}. */
    String description();
}
