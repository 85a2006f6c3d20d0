package com.csmflow.sla;

import java.time.Duration;
import java.time.ZoneId;

/**
 * A clock and where it stands now: its light, net business time counted and left (negative once overdue),
 * on the calendar it counts on (the client's working hours in the client's zone, or 24x7).
 */
public record SlaClockStatus(
        SlaClock clock, SlaLight light, Duration elapsed, Duration remaining, String calendar, ZoneId zone) {}
