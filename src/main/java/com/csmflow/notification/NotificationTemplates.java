package com.csmflow.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Mail templates as files on the classpath, one folder per template id and three files per language:
 * <pre>
 * notifications/&lt;templateId&gt;/&lt;lang&gt;.subject   one line
 * notifications/&lt;templateId&gt;/&lt;lang&gt;.txt       plain-text body
 * notifications/&lt;templateId&gt;/&lt;lang&gt;.html      HTML body (optional: without it the mail is text only)
 * </pre>
 * Files rather than a table: templates change together with the BPMN that uses them, are reviewed in
 * the same pull request and need no admin screen. A language without its own files falls back to its
 * base language ({@code de-CH} -> {@code de}) and then to English.
 */
@Component
class NotificationTemplates {

    static final String FALLBACK_LANGUAGE = "en";
    /** Languages every template must have (NotificationTemplateLanguagesTest): what clients may read. */
    static final List<String> REQUIRED_LANGUAGES = List.of(FALLBACK_LANGUAGE, "de");

    private static final Pattern TEMPLATE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    private final ResourceLoader resources;
    /**
     * Loaded templates by id and asked-for language. Templates ship inside the application and cannot
     * change while it runs; looking them up on the classpath for every notification cost more CPU than
     * rendering them.
     */
    private final Map<String, Template> loaded = new ConcurrentHashMap<>();

    NotificationTemplates(ResourceLoader resources) {
        this.resources = resources;
    }

    /** The template in the best available language; fails when even English is missing. */
    Template load(String templateId, String language) {
        if (!TEMPLATE_ID.matcher(templateId).matches()) {
            throw new IllegalArgumentException("Invalid notification template id '" + templateId + "'");
        }
        return loaded.computeIfAbsent(templateId + "|" + language, key -> find(templateId, language));
    }

    private Template find(String templateId, String language) {
        for (String candidate : languageCandidates(language)) {
            Resource subject = resource(templateId, candidate, "subject");
            Resource text = resource(templateId, candidate, "txt");
            if (subject.exists() && text.exists()) {
                Resource html = resource(templateId, candidate, "html");
                return new Template(
                        templateId, candidate, read(subject).strip(), read(text), html.exists() ? read(html) : null);
            }
        }
        throw new IllegalStateException("No notification template '" + templateId + "' for language '" + language
                + "' nor English (classpath:notifications/" + templateId + "/en.subject and en.txt)");
    }

    static List<String> languageCandidates(String language) {
        List<String> candidates = new ArrayList<>();
        if (language != null && !language.isBlank()) {
            String tag =
                    Locale.forLanguageTag(language.strip().replace('_', '-')).toLanguageTag();
            if (!"und".equals(tag)) {
                candidates.add(tag);
                String base = Locale.forLanguageTag(tag).getLanguage();
                if (!base.isEmpty() && !candidates.contains(base)) {
                    candidates.add(base);
                }
            }
        }
        if (!candidates.contains(FALLBACK_LANGUAGE)) {
            candidates.add(FALLBACK_LANGUAGE);
        }
        return candidates;
    }

    private Resource resource(String templateId, String language, String extension) {
        return resources.getResource("classpath:notifications/" + templateId + "/" + language + "." + extension);
    }

    private static String read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A template in one language; {@code html} may be null. */
    record Template(String id, String language, String subject, String text, String html) {

        Rendered render(Map<String, ?> values) {
            return render(values, TemplateRenderer.UTC_ENGLISH.zone());
        }

        /** Rendered for a reader in {@code zone}, in this template's language. */
        Rendered render(Map<String, ?> values, ZoneId zone) {
            TemplateRenderer.Reader reader = new TemplateRenderer.Reader(zone, language);
            // A subject is one line: a value with a line break must not inject mail headers.
            String renderedSubject = TemplateRenderer.text(subject, values, reader)
                    .replaceAll("[\\r\\n]+", " ")
                    .strip();
            return new Rendered(
                    language,
                    renderedSubject,
                    TemplateRenderer.text(text, values, reader),
                    html == null ? null : TemplateRenderer.html(html, values, reader));
        }
    }

    record Rendered(String language, String subject, String text, String html) {}
}
