package com.csmflow.satisfaction;

import com.csmflow.api.InvalidFieldException;
import java.util.Arrays;
import java.util.Locale;

/** What the client is asked about: a closed escalation or change, a service review, something else. */
public enum SurveySource {
    ESCALATION,
    CHANGE,
    REVIEW,
    OTHER;

    static SurveySource parse(String value) {
        String text = value == null || value.isBlank() ? "OTHER" : value.trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("surveySource", "must be one of " + Arrays.toString(values()));
        }
    }
}
