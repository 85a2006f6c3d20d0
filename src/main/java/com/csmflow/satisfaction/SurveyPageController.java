package com.csmflow.satisfaction;

import com.csmflow.api.ConflictException;
import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.NotFoundException;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.satisfaction.SurveyPage.Language;
import io.swagger.v3.oas.annotations.Hidden;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The mailed survey link opened in a browser: the same address as the JSON API ({@link SurveyController}),
 * chosen by content negotiation. A browser asks for {@code text/html} first and gets the question with a form;
 * the form posts {@code application/x-www-form-urlencoded} back to the link and gets a page. A system that
 * asks for JSON (or for anything, {@code *}{@code /*}) and posts JSON keeps the API. The token checks are the service's, so a
 * forged link is 404, an expired one 410 and a second answer 409 here too, each as a readable page.
 * Hidden from the OpenAPI description: it documents the JSON operations of the same paths.
 */
@Hidden
@RestController
@RequestMapping("/api/surveys")
class SurveyPageController {

    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final SatisfactionSurveys service;
    private final Clients clients;

    SurveyPageController(SatisfactionSurveys service, Clients clients) {
        this.service = service;
        this.clients = clients;
    }

    @GetMapping(path = "/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(
            @PathVariable String token,
            @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage) {
        try {
            SatisfactionSurvey survey = service.open(token);
            SurveyPage.Subject subject = subject(survey);
            if (survey.getStatus() == SurveyStatus.ANSWERED) {
                return html(HttpStatus.OK, SurveyPage.answered(subject, false, false));
            }
            if (survey.getStatus() == SurveyStatus.EXPIRED) {
                return html(HttpStatus.GONE, SurveyPage.expired(subject.language()));
            }
            return html(HttpStatus.OK, SurveyPage.question(subject, null, null, null));
        } catch (RuntimeException e) {
            return refused(e, token, acceptLanguage);
        }
    }

    // produces too: a form post that asks for JSON is not a browser and gets the API's refusal (415 problem)
    @PostMapping(
            path = "/{token}",
            consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> answer(
            @PathVariable String token,
            @RequestParam(name = "score", required = false) String score,
            @RequestParam(name = "comment", required = false) String comment,
            @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage) {
        Integer value = parseScore(score);
        try {
            SatisfactionSurvey survey = service.answer(token, value, comment);
            return html(HttpStatus.OK, SurveyPage.answered(subject(survey), true, service.isLow(survey.getScore())));
        } catch (InvalidFieldException invalid) {
            // the link is good (the checks of the token come first): show the form again with what was typed
            try {
                SurveyPage.Subject subject = subject(service.open(token));
                String message = "comment".equals(invalid.field())
                        ? SurveyPage.commentTooLong(subject.language())
                        : SurveyPage.scoreMissing(subject.language());
                return html(HttpStatus.BAD_REQUEST, SurveyPage.question(subject, message, value, comment));
            } catch (RuntimeException e) {
                return refused(e, token, acceptLanguage);
            }
        } catch (RuntimeException e) {
            return refused(e, token, acceptLanguage);
        }
    }

    /** The refusals of the JSON API as pages; anything else is not ours to render and goes on to the handler. */
    private ResponseEntity<String> refused(RuntimeException e, String token, String acceptLanguage) {
        Language language = service.signedFor(token)
                .map(this::subject)
                .map(SurveyPage.Subject::language)
                .orElseGet(() -> Language.fromAcceptLanguage(acceptLanguage));
        if (e instanceof NotFoundException) {
            return html(HttpStatus.NOT_FOUND, SurveyPage.unknown(language));
        }
        if (e instanceof ConflictException) {
            SatisfactionSurvey survey = service.signedFor(token).orElseThrow(() -> e);
            return html(HttpStatus.CONFLICT, SurveyPage.answered(subject(survey), false, false));
        }
        if (e instanceof ErrorResponseException gone && gone.getStatusCode().value() == HttpStatus.GONE.value()) {
            return html(HttpStatus.GONE, SurveyPage.expired(language));
        }
        throw e;
    }

    private SurveyPage.Subject subject(SatisfactionSurvey survey) {
        Client client = clients.findByReference(survey.getClientReference()).orElse(null);
        String name = client == null ? survey.getClientReference() : client.getName();
        ZoneId zone = client == null ? ZoneOffset.UTC : client.getTimeZone();
        Language language = Language.of(client == null ? null : client.getLanguage());
        return new SurveyPage.Subject(survey, name, zone, language);
    }

    private static Integer parseScore(String score) {
        if (score == null || score.isBlank() || score.trim().length() > 2) {
            return null;
        }
        try {
            return Integer.valueOf(score.trim());
        } catch (NumberFormatException e) {
            return null; // refused by the service as "score", like a missing one
        }
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        // a personal link: not kept by caches, and not handed on as a referrer to any page linked from here
        return ResponseEntity.status(status)
                .contentType(HTML)
                .cacheControl(CacheControl.noStore())
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "noindex")
                .body(body);
    }
}
