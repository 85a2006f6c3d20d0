package com.csmflow.notification;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Dates as people read them: in the reader's time zone, in the reader's language, with the zone named
 * ("Tue 8 Dec 2026, 00:30 CET", "Di., 8. Dez. 2026, 00:30 MEZ"), never ISO text. Mails get every date
 * value formatted this way by {@link TemplateRenderer}; other capabilities use it for display text
 * (e.g. a form's "client's local time").
 */
public final class ReaderDates {

    /** An ISO date-time with offset as forms and the API write it, e.g. 2026-12-07T00:30+01:00. */
    private static final Pattern ISO_DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})");

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("EEE, d. MMM yyyy", Locale.GERMAN);
    private static final DateTimeFormatter ENGLISH =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter GERMAN =
            DateTimeFormatter.ofPattern("EEE, d. MMM yyyy, HH:mm z", Locale.GERMAN);

    private ReaderDates() {}

    /** The instant in {@code zone}, in {@code language} (German for "de…", otherwise English). */
    public static String format(Instant instant, ZoneId zone, String language) {
        return formatter(language).format(instant.atZone(zone));
    }

    /**
     * A date value of any shape the platform stores (Date, Instant, OffsetDateTime, ZonedDateTime, ISO
     * text with offset) as readable text, or null when the value is no date.
     */
    public static String formatIfDate(Object value, ZoneId zone, String language) {
        LocalDate date = date(value);
        if (date != null) {
            // a calendar date (a target date) has no zone: it reads the same everywhere
            return (german(language) ? GERMAN_DATE : ENGLISH_DATE).format(date);
        }
        Instant instant = instant(value);
        return instant == null ? null : format(instant, zone, language);
    }

    private static LocalDate date(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof CharSequence text
                && ISO_DATE.matcher(text.toString().strip()).matches()) {
            try {
                return LocalDate.parse(text.toString().strip());
            } catch (DateTimeException e) {
                return null;
            }
        }
        return null;
    }

    static Instant instant(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime dateTime) {
            return dateTime.toInstant();
        }
        if (value instanceof ZonedDateTime dateTime) {
            return dateTime.toInstant();
        }
        if (value instanceof CharSequence text
                && ISO_DATE_TIME.matcher(text.toString().strip()).matches()) {
            try {
                TemporalAccessor parsed = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(normalized(text));
                return Instant.from(parsed);
            } catch (DateTimeException e) {
                return null;
            }
        }
        return null;
    }

    /** "+0100" as "+01:00", which ISO_OFFSET_DATE_TIME reads. */
    private static String normalized(CharSequence text) {
        String value = text.toString().strip();
        return value.matches(".*[+-]\\d{4}")
                ? value.substring(0, value.length() - 2) + ":" + value.substring(value.length() - 2)
                : value;
    }

    private static DateTimeFormatter formatter(String language) {
        return german(language) ? GERMAN : ENGLISH;
    }

    private static boolean german(String language) {
        return language != null && language.toLowerCase(Locale.ROOT).startsWith("de");
    }
}
