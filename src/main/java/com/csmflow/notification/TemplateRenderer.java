package com.csmflow.notification;

import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Fills {@code ${name}} placeholders with values, in one pass. This is deliberately NOT the engine's
 * expression language: values come from forms and clients, so they are inserted as plain text and
 * never evaluated or scanned again ("${7*7}" typed by a requester stays "${7*7}"). In HTML every value
 * is escaped. Unknown names render as the empty string. Dates (and ISO date-time text) render for the
 * reader: in the reader's zone and language with the zone named ({@link ReaderDates}), never as ISO.
 */
final class TemplateRenderer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*}");

    private TemplateRenderer() {}

    /** A reader in UTC reading English: for callers that know no reader. */
    static final Reader UTC_ENGLISH = new Reader(ZoneId.of("UTC"), NotificationTemplates.FALLBACK_LANGUAGE);

    /** Who reads the mail: their time zone and language decide how dates read. */
    record Reader(ZoneId zone, String language) {}

    static String text(String template, Map<String, ?> values) {
        return text(template, values, UTC_ENGLISH);
    }

    static String html(String template, Map<String, ?> values) {
        return html(template, values, UTC_ENGLISH);
    }

    static String text(String template, Map<String, ?> values, Reader reader) {
        return render(template, values, false, reader);
    }

    static String html(String template, Map<String, ?> values, Reader reader) {
        return render(template, values, true, reader);
    }

    private static String render(String template, Map<String, ?> values, boolean html, Reader reader) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (matcher.find()) {
            String value = display(values.get(matcher.group(1)), reader);
            matcher.appendReplacement(out, Matcher.quoteReplacement(html ? escapeHtml(value) : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static String display(Object value) {
        return display(value, UTC_ENGLISH);
    }

    static String display(Object value, Reader reader) {
        if (value == null) {
            return "";
        }
        String date = ReaderDates.formatIfDate(value, reader.zone(), reader.language());
        if (date != null) {
            return date;
        }
        if (value instanceof Collection<?> list) {
            // lists travel as lists (e.g. a change's impacted services) and read as "a, b" in a mail
            return list.stream().map(item -> display(item, reader)).collect(Collectors.joining(", "));
        }
        return value.toString();
    }

    static String escapeHtml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
