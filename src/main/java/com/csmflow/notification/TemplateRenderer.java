package com.csmflow.notification;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Fills {@code ${name}} placeholders with values, in one pass. This is deliberately NOT the engine's
 * expression language: values come from forms and clients, so they are inserted as plain text and
 * never evaluated or scanned again ("${7*7}" typed by a requester stays "${7*7}"). In HTML every value
 * is escaped. Unknown names render as the empty string.
 */
final class TemplateRenderer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*}");

    private TemplateRenderer() {}

    static String text(String template, Map<String, ?> values) {
        return render(template, values, false);
    }

    static String html(String template, Map<String, ?> values) {
        return render(template, values, true);
    }

    private static String render(String template, Map<String, ?> values, boolean html) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (matcher.find()) {
            String value = display(values.get(matcher.group(1)));
            matcher.appendReplacement(out, Matcher.quoteReplacement(html ? escapeHtml(value) : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static String display(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof Collection<?> list) {
            // lists travel as lists (e.g. a change's impacted services) and read as "a, b" in a mail
            return list.stream().map(TemplateRenderer::display).collect(Collectors.joining(", "));
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
