package com.csmflow.satisfaction;

import com.csmflow.api.PageParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Satisfaction surveys. {@code /api/surveys/{token}} is the client's side and needs no login: the signed,
 * expiring token of the mailed link is the only key, and it opens one survey. The register list is for staff.
 */
@RestController
@RequestMapping("/api/surveys")
class SurveyController {

    private final SatisfactionSurveys service;

    SurveyController(SatisfactionSurveys service) {
        this.service = service;
    }

    /** What the client sees: no internal ids beyond the survey's reference and what it is about. */
    record SurveyQuestion(
            String reference,
            String clientReference,
            String about,
            String aboutReference,
            String question,
            Instant expiresAt,
            boolean answered) {
        static SurveyQuestion of(SatisfactionSurvey s) {
            return new SurveyQuestion(
                    s.getReference(),
                    s.getClientReference(),
                    s.getSourceType().name().toLowerCase(Locale.ROOT),
                    s.getSourceReference(),
                    "How satisfied are you with our service? Score 1 (very dissatisfied) to 5 (very satisfied),"
                            + " and a comment if you like.",
                    s.getExpiresAt(),
                    s.getStatus() == SurveyStatus.ANSWERED);
        }
    }

    record SurveyAnswer(Integer score, @Size(max = 4000) String comment) {}

    record SurveyView(
            String reference,
            String clientReference,
            String sourceType,
            String sourceReference,
            String status,
            Instant expiresAt,
            Integer score,
            String comment,
            Instant answeredAt,
            String sipActionReference,
            Instant createdAt) {
        static SurveyView of(SatisfactionSurvey s) {
            return new SurveyView(
                    s.getReference(),
                    s.getClientReference(),
                    s.getSourceType().name(),
                    s.getSourceReference(),
                    s.getStatus().name(),
                    s.getExpiresAt(),
                    s.getScore(),
                    s.getComment(),
                    s.getAnsweredAt(),
                    s.getSipActionReference(),
                    s.getCreatedAt());
        }
    }

    @Operation(summary = "The survey behind a link (no login: the signed token is the key)")
    @ApiResponse(responseCode = "200", description = "The survey's question")
    @ApiResponse(responseCode = "404", description = "Not a survey link of ours (forged or altered)")
    @ApiResponse(responseCode = "410", description = "The link has expired")
    @GetMapping("/{token}")
    SurveyQuestion open(@PathVariable String token) {
        return SurveyQuestion.of(service.open(token));
    }

    @Operation(summary = "The client's answer: score 1-5 and a comment, recorded once (no login)")
    @ApiResponse(responseCode = "200", description = "Recorded")
    @ApiResponse(responseCode = "400", description = "score or comment refused (the field is named)")
    @ApiResponse(responseCode = "404", description = "Not a survey link of ours (forged or altered)")
    @ApiResponse(responseCode = "409", description = "The survey has been answered already")
    @ApiResponse(responseCode = "410", description = "The link has expired")
    @PostMapping("/{token}")
    SurveyQuestion answer(@PathVariable String token, @Valid @RequestBody SurveyAnswer body) {
        return SurveyQuestion.of(service.answer(token, body.score(), body.comment()));
    }

    @Operation(summary = "The satisfaction register, newest first; paged")
    @GetMapping
    ResponseEntity<List<SurveyView>> list(
            @RequestParam(required = false) String clientReference,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        SurveyStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = SurveyStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new com.csmflow.api.InvalidFieldException(
                        "status", "must be one of " + java.util.Arrays.toString(SurveyStatus.values()));
            }
        }
        return PageParameters.response(
                service.list(
                        clientReference == null || clientReference.isBlank() ? null : clientReference.trim(),
                        wanted,
                        new PageParameters(page, size)),
                SurveyView::of);
    }
}
