package com.csmflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {

    @Test
    void valuesAreInsertedAsTextAndNeverEvaluated() {
        Map<String, Object> values = new HashMap<>();
        values.put("name", "${secret} #{1+1} $1 \\");
        values.put("secret", "LEAK");
        assertThat(TemplateRenderer.text("Hi ${name}!", values)).isEqualTo("Hi ${secret} #{1+1} $1 \\!");
    }

    @Test
    void htmlEscapesValuesButNotTheTemplate() {
        assertThat(TemplateRenderer.html("<b>${x}</b>", Map.of("x", "<script>alert('x')</script> & \"")))
                .isEqualTo("<b>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;</b>");
    }

    @Test
    void unknownNamesRenderEmptyAndDatesForTheReaderNeverAsIso() {
        assertThat(TemplateRenderer.text("[${missing}] ${ at }", Map.of("at", Date.from(java.time.Instant.EPOCH))))
                .isEqualTo("[] Thu 1 Jan 1970, 00:00 UTC");
        TemplateRenderer.Reader berlinGerman = new TemplateRenderer.Reader(java.time.ZoneId.of("Europe/Berlin"), "de");
        TemplateRenderer.Reader berlinEnglish = new TemplateRenderer.Reader(java.time.ZoneId.of("Europe/Berlin"), "en");
        // ISO text as forms write it, a Date as timers need it, a calendar date as a target date
        Map<String, Object> values = Map.of(
                "window", "2026-12-07T23:30Z",
                "due", Date.from(java.time.Instant.parse("2026-06-30T15:00:00Z")),
                "target", "2026-06-30");
        String template = "${window} | ${due} | ${target}";
        assertThat(TemplateRenderer.text(template, values, berlinEnglish))
                .isEqualTo("Tue 8 Dec 2026, 00:30 CET | Tue 30 Jun 2026, 17:00 CEST | Tue 30 Jun 2026");
        assertThat(TemplateRenderer.text(template, values, berlinGerman))
                .isEqualTo("Di., 8. Dez. 2026, 00:30 MEZ | Di., 30. Juni 2026, 17:00 MESZ | Di., 30. Juni 2026");
        assertThat(TemplateRenderer.text(
                        "${at}",
                        Map.of("at", "2026-12-07T00:30+01:00"),
                        new TemplateRenderer.Reader(java.time.ZoneId.of("America/New_York"), "en")))
                .isEqualTo("Sun 6 Dec 2026, 18:30 EST");
        assertThat(TemplateRenderer.text("${x}", Map.of("x", "2026-12-07 is not a date-time, CHG-2026-0001")))
                .isEqualTo("2026-12-07 is not a date-time, CHG-2026-0001");
    }

    @Test
    void listsReadAsCommaSeparatedTextAndAreEscapedInHtml() {
        // a change's impacted services travel as a list variable
        assertThat(TemplateRenderer.text(
                        "Impacted services: ${s}", Map.of("s", java.util.List.of("Networking", "VPN"))))
                .isEqualTo("Impacted services: Networking, VPN");
        assertThat(TemplateRenderer.html("${s}", Map.of("s", java.util.List.of("<a>", "b"))))
                .isEqualTo("&lt;a&gt;, b");
    }

    @Test
    void languagesFallBackToTheBaseLanguageThenEnglish() {
        assertThat(NotificationTemplates.languageCandidates("de-CH")).containsExactly("de-CH", "de", "en");
        assertThat(NotificationTemplates.languageCandidates("fr")).containsExactly("fr", "en");
        assertThat(NotificationTemplates.languageCandidates(null)).containsExactly("en");
    }

    @Test
    void subjectsStayOnOneLine() {
        var template = new NotificationTemplates.Template("t", "en", "Re: ${s}", "x", null);
        assertThat(template.render(Map.of("s", "a\r\nBcc: evil@example.org")).subject())
                .isEqualTo("Re: a Bcc: evil@example.org");
    }

    @Test
    void listInputsAcceptTextOrCollections() {
        assertThat(NotifyDelegate.list(" csm, service-manager;csm ")).containsExactly("csm", "service-manager");
        assertThat(NotifyDelegate.list(java.util.List.of("a", " b "))).containsExactly("a", "b");
        assertThat(NotifyDelegate.flag("true")).isTrue();
        assertThat(NotifyDelegate.flag(null)).isFalse();
    }
}
