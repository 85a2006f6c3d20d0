package com.csmflow.change;

import com.csmflow.client.Client;
import com.csmflow.sla.BusinessCalendar;
import com.csmflow.sla.BusinessCalendars;
import com.csmflow.sla.SlaCalendarType;
import com.csmflow.sla.SlaPriority;
import com.csmflow.sla.SlaTarget;
import com.csmflow.sla.SlaTargets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.springframework.stereotype.Component;

/**
 * When the client's contacts get the maintenance notice of a scheduled change: the SLA target
 * {@code change.notice} (tier, priority) is a lead time BEFORE the window.
 * <ul>
 *   <li>On a BUSINESS target the lead time is whole business days of the client (8 business hours = one
 *       day, rounded up): the notice goes out when the client's business day opens, that many business
 *       days (working days that are not holidays or closing days, in the client's time zone) before the
 *       date the window starts on.</li>
 *   <li>On a 24x7 target it is wall-clock time before the window.</li>
 * </ul>
 * A window closer than that is a short notice ({@link Notice#late()}): the process asks the CSM to
 * confirm it (the notice then goes at once) or to move the window.
 */
@Component
class MaintenanceNotice {

    static final String METRIC = "change.notice";
    private static final Duration BUSINESS_DAY = Duration.ofHours(8);
    private static final int MAX_DAYS_BACK = 366;

    private final SlaTargets targets;
    private final BusinessCalendars calendars;

    MaintenanceNotice(SlaTargets targets, BusinessCalendars calendars) {
        this.targets = targets;
        this.calendars = calendars;
    }

    /** {@code at}: when the notice goes out; {@code due}: when the lead time wanted it (past when late). */
    record Notice(Instant at, boolean late, String leadTime, Instant due) {}

    Notice plan(Client client, SlaPriority priority, Instant windowStart, Instant now) {
        SlaTarget target = targets.find(client.getTier(), priority, METRIC)
                .orElseThrow(() -> new IllegalStateException(
                        "No SLA target " + METRIC + " for " + client.getTier() + " " + priority));
        Instant at;
        String leadTime;
        if (target.getCalendar() == SlaCalendarType.TWENTY_FOUR_SEVEN) {
            at = windowStart.minus(target.durationValue());
            leadTime = target.getDuration();
        } else {
            long days = businessDays(target.durationValue());
            at = openingBusinessDaysBefore(client, windowStart, days);
            leadTime = days + " business day(s)";
        }
        return at.isBefore(now) ? new Notice(now, true, leadTime, at) : new Notice(at, false, leadTime, at);
    }

    static long businessDays(Duration leadTime) {
        long days = (leadTime.toMinutes() + BUSINESS_DAY.toMinutes() - 1) / BUSINESS_DAY.toMinutes();
        return Math.max(1, days);
    }

    /** Opening of the n-th open business date before the window's date, in the client's zone. */
    Instant openingBusinessDaysBefore(Client client, Instant windowStart, long days) {
        BusinessCalendar calendar = calendars.forClient(client);
        LocalDate date = windowStart.atZone(client.getTimeZone()).toLocalDate();
        long found = 0;
        for (int i = 0; i < MAX_DAYS_BACK; i++) {
            date = date.minusDays(1);
            Instant opening = ZonedDateTime.of(date, client.getBusinessDayStart(), client.getTimeZone())
                    .toInstant();
            if (calendar.isBusinessTime(opening) && ++found == days) {
                return opening;
            }
        }
        throw new IllegalStateException("No business day within " + MAX_DAYS_BACK + " days before " + windowStart);
    }
}
