package com.csmflow.sla;

import com.csmflow.client.Client;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Where calendars come from: a client's business calendar (its working days and hours in its own
 * time zone, the public holidays of its holiday region, its own closing days) or 24x7.
 *
 * <p>Calendars are cheap to build (holidays are cached), so a calendar is built per call and always
 * reflects the client's current register entry.
 */
@Component
public class BusinessCalendars {

    private final PublicHolidays publicHolidays = new PublicHolidays();

    /** The client's business calendar. */
    public BusinessCalendar forClient(Client client) {
        return workingHours(
                client.getTimeZone(),
                client.getBusinessDayStart(),
                client.getBusinessDayEnd(),
                client.getBusinessDays(),
                client.getHolidayRegion(),
                client.getClosingDays());
    }

    /** Always open. */
    public BusinessCalendar twentyFourSeven() {
        return TwentyFourSevenCalendar.INSTANCE;
    }

    /** A business calendar from its parts; {@code holidayRegion} may be null for none. */
    public BusinessCalendar workingHours(
            ZoneId zone,
            LocalTime open,
            LocalTime close,
            Set<DayOfWeek> workingDays,
            String holidayRegion,
            Set<LocalDate> closingDays) {
        Set<LocalDate> closing = closingDays == null ? Set.of() : Set.copyOf(closingDays);
        String note = holidayRegion == null || holidayRegion.isBlank() ? "" : "holidays " + holidayRegion;
        if (!closing.isEmpty()) {
            note += (note.isEmpty() ? "" : ", ") + closing.size() + " closing day(s)";
        }
        return new WorkingHoursCalendar(
                zone,
                open,
                close,
                workingDays,
                date -> closing.contains(date) || publicHolidays.isHoliday(holidayRegion, date),
                note);
    }

    /** Whether Jollyday knows the country of a holiday region such as {@code DE-BY}. */
    public boolean isKnownHolidayRegion(String holidayRegion) {
        return PublicHolidays.isSupported(holidayRegion);
    }
}
