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
    void unknownNamesRenderEmptyAndDatesAsInstants() {
        assertThat(TemplateRenderer.text("[${missing}] ${ at }", Map.of("at", Date.from(java.time.Instant.EPOCH))))
                .isEqualTo("[] 1970-01-01T00:00:00Z");
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
