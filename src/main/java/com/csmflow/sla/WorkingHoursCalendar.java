package com.csmflow.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Working hours on working days in one time zone, minus closed dates (public holidays, closing days).
 *
 * <p>The calendar is a sequence of opening intervals, one per open date: from {@code date@open} to
 * {@code date@close}, each resolved to an instant in the zone separately. That is what makes DST
 * days come out right: 09:00-17:00 on the day clocks change is still 8 hours, because the change
 * happens at night between the two instants. A close time at or before the open time means the
 * shift runs past midnight into the next date (00:00-00:00 is a full 24-hour day); such a shift
 * belongs to the date it opens on, so a holiday closes the shift that starts on it.
 */
final class WorkingHoursCalendar implements BusinessCalendar {

    /** How far ahead {@link #add} and {@link #nextBusinessTime} search before giving up (a calendar without open days). */
    private static final int MAX_DAYS_AHEAD = 366 * 20;

    private final ZoneId zone;
    private final LocalTime open;
    private final LocalTime close;
    private final Set<DayOfWeek> workingDays;
    private final Predicate<LocalDate> closed;
    private final String description;

    WorkingHoursCalendar(
            ZoneId zone,
            LocalTime open,
            LocalTime close,
            Set<DayOfWeek> workingDays,
            Predicate<LocalDate> closed,
            String holidayNote) {
        if (workingDays.isEmpty()) {
            throw new IllegalArgumentException("A business calendar needs at least one working day");
        }
        this.zone = zone;
        this.open = open;
        this.close = close;
        this.workingDays = EnumSet.copyOf(workingDays);
        this.closed = closed;
        this.description = describe(holidayNote);
    }

    @Override
    public Instant add(Instant start, Duration businessDuration) {
        if (businessDuration.isNegative()) {
            throw new IllegalArgumentException("A business duration cannot be negative: " + businessDuration);
        }
        if (businessDuration.isZero()) {
            return start;
        }
        Duration remaining = businessDuration;
        // Start one date early: an overnight shift of yesterday may still be open at 'start'.
        LocalDate date = startDate(start).minusDays(1);
        for (int i = 0; i < MAX_DAYS_AHEAD; i++, date = date.plusDays(1)) {
            if (!isOpenDate(date)) {
                continue;
            }
            Instant intervalStart = openingOf(date);
            Instant intervalEnd = closingOf(date);
            if (!intervalEnd.isAfter(start)) {
                continue;
            }
            Instant from = intervalStart.isAfter(start) ? intervalStart : start;
            Duration available = Duration.between(from, intervalEnd);
            if (remaining.compareTo(available) <= 0) {
                return from.plus(remaining);
            }
            remaining = remaining.minus(available);
        }
        throw new IllegalStateException("No business time within " + MAX_DAYS_AHEAD + " days on " + description);
    }

    @Override
    public Duration elapsed(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate date = startDate(from).minusDays(1); !date.isAfter(last); date = date.plusDays(1)) {
            if (!isOpenDate(date)) {
                continue;
            }
            Instant intervalStart = max(openingOf(date), from);
            Instant intervalEnd = min(closingOf(date), to);
            if (intervalEnd.isAfter(intervalStart)) {
                total = total.plus(Duration.between(intervalStart, intervalEnd));
            }
        }
        return total;
    }

    @Override
    public boolean isBusinessTime(Instant instant) {
        LocalDate date = startDate(instant);
        // today's shift, or yesterday's overnight shift
        return containedIn(date, instant) || containedIn(date.minusDays(1), instant);
    }

    @Override
    public Instant nextBusinessTime(Instant instant) {
        if (isBusinessTime(instant)) {
            return instant;
        }
        LocalDate date = startDate(instant);
        for (int i = 0; i < MAX_DAYS_AHEAD; i++, date = date.plusDays(1)) {
            if (isOpenDate(date)) {
                Instant opening = openingOf(date);
                if (!opening.isBefore(instant)) {
                    return opening;
                }
            }
        }
        throw new IllegalStateException("No business time within " + MAX_DAYS_AHEAD + " days on " + description);
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }

    private boolean containedIn(LocalDate date, Instant instant) {
        return isOpenDate(date)
                && !openingOf(date).isAfter(instant)
                && closingOf(date).isAfter(instant);
    }

    private boolean isOpenDate(LocalDate date) {
        return workingDays.contains(date.getDayOfWeek()) && !closed.test(date);
    }

    private LocalDate startDate(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /**
     * Opening instant of a date. ZonedDateTime.of resolves a local time that falls in a DST gap to
     * the instant after the gap, and an ambiguous one (fall-back) to the earlier offset.
     */
    private Instant openingOf(LocalDate date) {
        return ZonedDateTime.of(date, open, zone).toInstant();
    }

    private Instant closingOf(LocalDate date) {
        LocalDate closingDate = close.isAfter(open) ? date : date.plusDays(1);
        return ZonedDateTime.of(closingDate, close, zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private String describe(String holidayNote) {
        String days = workingDays.stream()
                .sorted()
                .map(day -> day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                .collect(Collectors.joining(","));
        return days + " " + open + "-" + close + " " + zone.getId()
                + (holidayNote == null || holidayNote.isBlank() ? "" : ", " + holidayNote);
    }
}
