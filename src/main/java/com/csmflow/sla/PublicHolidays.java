package com.csmflow.sla;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public holidays of a region from Jollyday (maintained upstream, not hand-typed). A region is an
 * ISO country code with optional subdivisions: {@code DE-BY} (Bavaria), {@code US-NY}, {@code GB}.
 *
 * <p>Days off are the dates Jollyday reports, which are the <em>observed</em> dates (US Independence
 * Day on a Saturday is observed on the Friday). Public and bank holidays close the calendar;
 * observances (e.g. Lincoln's Birthday in New York) do not. Results are cached per region and year.
 */
final class PublicHolidays {

    private static final Logger log = LoggerFactory.getLogger(PublicHolidays.class);
    private static final Set<HolidayType> DAYS_OFF = Set.of(HolidayType.PUBLIC_HOLIDAY, HolidayType.BANK_HOLIDAY);

    private final Map<String, Set<LocalDate>> byRegionAndYear = new ConcurrentHashMap<>();
    private final Set<String> warnedRegions = ConcurrentHashMap.newKeySet();

    /** Whether Jollyday knows the country of this region (subdivisions it does not know add nothing). */
    static boolean isSupported(String region) {
        if (region == null || region.isBlank()) {
            return false;
        }
        String country = region.trim().split("-")[0].toUpperCase(Locale.ROOT);
        return HolidayManager.getSupportedCalendarCodes().contains(country);
    }

    boolean isHoliday(String region, LocalDate date) {
        if (region == null || region.isBlank()) {
            return false;
        }
        // An observed date can fall into the previous year (1 Jan on a Saturday -> 31 Dec).
        return holidays(region, date.getYear()).contains(date)
                || holidays(region, date.getYear() + 1).contains(date);
    }

    Set<LocalDate> holidays(String region, int year) {
        String key = region.trim().toUpperCase(Locale.ROOT) + "/" + year;
        return byRegionAndYear.computeIfAbsent(key, k -> load(region.trim(), year, warnedRegions));
    }

    /**
     * Synchronized: Jollyday looks its XML data source up with a ServiceLoader on first use, which is
     * not thread-safe; the benchmark's concurrent first calls failed with "Cannot instantiate
     * datasource instance because there is no implementations". Results are cached, so this is rare.
     */
    private static synchronized Set<LocalDate> load(String region, int year, Set<String> warnedRegions) {
        if (!isSupported(region)) {
            if (warnedRegions.add(region)) {
                log.warn("Holiday region '{}' is not known to Jollyday; no public holidays applied", region);
            }
            return Set.of();
        }
        String[] parts = region.toLowerCase(Locale.ROOT).split("-");
        HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(parts[0]));
        String[] subdivisions = Arrays.copyOfRange(parts, 1, parts.length);
        return manager.getHolidays(Year.of(year), subdivisions).stream()
                .filter(holiday -> DAYS_OFF.contains(holiday.getType()))
                .map(Holiday::getDate)
                .collect(Collectors.toUnmodifiableSet());
    }
}
