package com.csmflow.forms;

import com.csmflow.api.InvalidInputException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;

/** A form-js date field as the engine hands it over: a text {@code yyyy-mm-dd} (maybe with a time) or a Date. */
public final class FormDates {

    private FormDates() {}

    /** The date, or a 400 naming the field when it is missing or not a date. */
    public static LocalDate required(Object value, String field, String requiredFor) {
        if (value instanceof Date date) {
            return LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC);
        }
        String text = value == null ? "" : value.toString().trim();
        if (text.isEmpty()) {
            throw new InvalidInputException(field, "is required " + requiredFor);
        }
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "is not a date (yyyy-mm-dd): " + text);
        }
    }
}
