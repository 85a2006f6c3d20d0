package com.csmflow.satisfaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The survey link opened in a browser (issue 20): asked for HTML like a browser does, the link is a page in the
 * client's language with the question and a form; the form's post records the answer once; forged (404), expired
 * (410) and answered-twice (409) links are readable pages too. The JSON API of the same address is unchanged.
 */
@CsmFlowTest
class SurveyPageTest {

    static final Instant T0 = Instant.parse("2027-03-10T09:00:00Z");
    static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    @Autowired
    ProcessEngine engine;

    @Autowired
    SatisfactionSurveys surveys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    SurveyJobs jobs;

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(T0));
        jobs = new SurveyJobs(engine, surveys);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aBrowserGetsTheQuestionInTheClientsLanguageAndAnswersOnceThroughTheForm() throws Exception {
        String change = "CHG-PAGE-" + UUID.randomUUID();
        ProcessInstance survey = jobs.ask("ALPENWERK", "change", change);
        String token = jobs.token(survey.getId());
        String reference = survey.getBusinessKey();

        ResponseEntity<String> page = browserGet(token, "en-GB,en;q=0.9");
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertHtml(page);
        // ALPENWERK reads German, whatever the browser prefers
        assertThat(page.getBody())
                .contains("<html lang=\"de\">", "Wie zufrieden sind Sie mit unserem Service?", reference, change)
                .contains("Alpenwerk Maschinenbau GmbH", "zur Änderung", "<form method=\"post\"")
                .contains("name=\"score\" required value=\"1\"", "name=\"score\" required value=\"5\"")
                .contains("name=\"comment\"", "Antwort senden", "März 2027");
        assertThat(page.getHeaders().getCacheControl()).contains("no-store");
        assertThat(page.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");

        // systems keep the JSON of the same address
        ResponseEntity<String> api = rest.getForEntity("/api/surveys/" + token, String.class);
        assertThat(api.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON))
                .isTrue();
        assertThat(json.readTree(api.getBody()).path("reference").asText()).isEqualTo(reference);

        // no score chosen: the form again, with the message and what was typed, nothing recorded
        ResponseEntity<String> noScore = formPost(token, null, "Lief <gut>");
        assertThat(noScore.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertHtml(noScore);
        assertThat(noScore.getBody())
                .contains("Bitte wählen Sie eine Note von 1 bis 5.", "Lief &lt;gut&gt;")
                .doesNotContain("<gut>");
        ResponseEntity<String> badScore = formPost(token, "9", null);
        assertThat(badScore.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(status(reference)).isEqualTo("SENT");

        // a form post that asks for JSON is a system, not a browser: the API's refusal, as a problem
        HttpHeaders system = new HttpHeaders();
        system.setAccept(List.of(MediaType.APPLICATION_JSON));
        system.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
        fields.add("score", "4");
        ResponseEntity<String> systemForm =
                rest.exchange("/api/surveys/" + token, HttpMethod.POST, new HttpEntity<>(fields, system), String.class);
        assertThat(systemForm.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(systemForm.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(status(reference)).isEqualTo("SENT");

        ResponseEntity<String> answered = formPost(token, "4", "Reibungslose Änderung");
        assertThat(answered.getStatusCode()).as(answered.getBody()).isEqualTo(HttpStatus.OK);
        assertHtml(answered);
        assertThat(answered.getBody()).contains("Vielen Dank für Ihre Antwort", "<strong>4</strong> von 5");
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM satisfaction_survey WHERE reference = ?", reference);
        assertThat(row.get("status")).isEqualTo("ANSWERED");
        assertThat(row.get("score")).isEqualTo(4);
        assertThat(row.get("answer_comment")).isEqualTo("Reibungslose Änderung");

        ResponseEntity<String> twice = formPost(token, "1", "doch nicht");
        assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertHtml(twice);
        assertThat(twice.getBody()).contains("Diese Umfrage wurde bereits beantwortet", "<strong>4</strong>");
        assertThat(jdbc.queryForObject(
                        "SELECT score FROM satisfaction_survey WHERE reference = ?", Integer.class, reference))
                .isEqualTo(4);

        ResponseEntity<String> again = browserGet(token, null);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody())
                .contains("Diese Umfrage wurde bereits beantwortet")
                .doesNotContain("<form");
        jobs.runDueJobs(survey.getId());
    }

    @Test
    void anEnglishClientGetsEnglishAndALowScoreIsToldThatTheCsmWillCall() {
        ProcessInstance survey = jobs.ask("HUDSON-MUTUAL", "escalation", "ESC-PAGE-" + UUID.randomUUID());
        String token = jobs.token(survey.getId());
        ResponseEntity<String> page = browserGet(token, "de-DE,de;q=0.9");
        assertThat(page.getBody())
                .contains("<html lang=\"en\">", "How satisfied are you with our service?", "about the escalation")
                .contains("Send answer", "very dissatisfied");
        ResponseEntity<String> answered = formPost(token, "1", "Too slow");
        assertThat(answered.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answered.getBody())
                .contains("Thank you for your answer", "Client Service Manager will get in touch");
        jobs.runDueJobs(survey.getId());
        assertThat(jdbc.queryForObject(
                        "SELECT sip_action_reference FROM satisfaction_survey WHERE reference = ?",
                        String.class,
                        survey.getBusinessKey()))
                .isNotNull();
    }

    @Test
    void forgedAndExpiredLinksAreReadablePages() {
        ProcessInstance survey = jobs.ask("ALPENWERK", "review", "REVIEW-PAGE-" + UUID.randomUUID());
        String token = jobs.token(survey.getId());
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2];
        for (String link : List.of(forged, "not-a-token")) {
            // the client is unknown for a link that is not ours: the browser's language decides
            ResponseEntity<String> german = browserGet(link, "de-AT,de;q=0.9,en;q=0.5");
            assertThat(german.getStatusCode()).as(link).isEqualTo(HttpStatus.NOT_FOUND);
            assertHtml(german);
            assertThat(german.getBody()).contains("Dies ist kein gültiger Umfrage-Link");
            ResponseEntity<String> english = browserGet(link, "en-US");
            assertThat(english.getBody()).contains("This is not a valid survey link");
            ResponseEntity<String> post = formPost(link, "5", null);
            assertThat(post.getStatusCode()).as(link).isEqualTo(HttpStatus.NOT_FOUND);
            assertHtml(post);
        }
        // a garbled Accept-Language is no reason for an error
        assertThat(browserGet("not-a-token", ";;q=x,").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        Date expires = (Date) engine.getRuntimeService()
                .getVariable(survey.getId(), SatisfactionSurveyProcess.SURVEY_EXPIRES_AT.name());
        ClockUtil.setCurrentTime(expires);
        ResponseEntity<String> expired = browserGet(token, "en-US");
        assertThat(expired.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertHtml(expired);
        // a link of ours: the client's language (German), not the browser's
        assertThat(expired.getBody()).contains("Dieser Umfrage-Link ist abgelaufen");
        ResponseEntity<String> late = formPost(token, "5", null);
        assertThat(late.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(status(survey.getBusinessKey())).isEqualTo("SENT");
        jobs.runDueJobs(survey.getId());
        assertThat(status(survey.getBusinessKey())).isEqualTo("EXPIRED");
        assertThat(browserGet(token, null).getStatusCode()).isEqualTo(HttpStatus.GONE);
    }

    private ResponseEntity<String> browserGet(String token, String acceptLanguage) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ACCEPT, BROWSER_ACCEPT);
        if (acceptLanguage != null) {
            headers.set(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
        }
        return rest.exchange("/api/surveys/" + token, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private ResponseEntity<String> formPost(String token, String score, String comment) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ACCEPT, BROWSER_ACCEPT);
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        if (score != null) {
            form.add("score", score);
        }
        if (comment != null) {
            form.add("comment", comment);
        }
        return rest.exchange("/api/surveys/" + token, HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    private String status(String reference) {
        return jdbc.queryForObject(
                "SELECT status FROM satisfaction_survey WHERE reference = ?", String.class, reference);
    }

    private static void assertHtml(ResponseEntity<String> response) {
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML))
                .as(response.getHeaders().getContentType().toString())
                .isTrue();
    }
}
