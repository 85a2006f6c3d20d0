package com.csmflow.satisfaction;

import com.csmflow.api.ConflictException;
import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.ListFilters;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * The satisfaction register (002 survey, 004 PR7.6) and what other capabilities call:
 * <ul>
 *   <li>{@link #requestSurvey}: asks the client's contacts how satisfied they are with a closed case or a
 *       service review (the service review workflow may call this, or publish the message {@code
 *       survey-requested} with {@code clientReference}, {@code surveySource} and {@code surveySourceReference});</li>
 *   <li>{@link #scores}: the answered scores of a client in a period, for the service report;</li>
 *   <li>the client's side, without login: {@link #open} and {@link #answer} by the link's signed token.</li>
 * </ul>
 */
@Service
public class SatisfactionSurveys {

    static final String REGISTER = "satisfaction-survey";

    private final SatisfactionSurveyRepository surveys;
    private final SurveyTokens tokens;
    private final Clients clients;
    private final RegisterAudit audit;
    private final RuntimeService runtimeService;
    private final EngineIdentity engineIdentity;
    private final Clock clock;
    private final int lowScoreThreshold;

    SatisfactionSurveys(
            SatisfactionSurveyRepository surveys,
            SurveyTokens tokens,
            Clients clients,
            RegisterAudit audit,
            RuntimeService runtimeService,
            EngineIdentity engineIdentity,
            Clock clock,
            @Value("${csmflow.satisfaction.low-score-threshold:2}") int lowScoreThreshold) {
        this.surveys = surveys;
        this.tokens = tokens;
        this.clients = clients;
        this.audit = audit;
        this.runtimeService = runtimeService;
        this.engineIdentity = engineIdentity;
        this.clock = clock;
        this.lowScoreThreshold = lowScoreThreshold;
    }

    /** One answered survey, as the service report reads it. */
    public record Score(
            String surveyReference, String sourceType, String sourceReference, int score, Instant answeredAt) {}

    /**
     * Starts a {@code satisfaction-survey} for the client: the survey row is written and the mail with the
     * link goes out in the survey's own job. {@code sourceType}: escalation, change, review or other.
     */
    @Transactional
    public void requestSurvey(String clientReference, String sourceType, String sourceReference) {
        String client = clients.require(clientReference).getReference();
        SurveySource source = SurveySource.parse(sourceType);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(CaseVariables.CLIENT_REFERENCE.name(), client);
        variables.put(
                SatisfactionSurveyProcess.SURVEY_SOURCE.name(), source.name().toLowerCase());
        variables.put(SatisfactionSurveyProcess.SURVEY_SOURCE_REFERENCE.name(), sourceReference);
        engineIdentity.asPlatform(() -> runtimeService
                .createMessageCorrelation(SatisfactionSurveyProcess.SURVEY_REQUESTED)
                .setVariables(variables)
                .correlateStartMessage());
    }

    /** Answered scores (1-5) of the client with answers in {@code [from, to)}, oldest first. */
    @Transactional(readOnly = true)
    public List<Score> scores(String clientReference, Instant from, Instant to) {
        return surveys.answered(clientReference, from, to).stream()
                .map(s -> new Score(
                        s.getReference(),
                        s.getSourceType().name(),
                        s.getSourceReference(),
                        s.getScore(),
                        s.getAnsweredAt()))
                .toList();
    }

    boolean isLow(int score) {
        return score <= lowScoreThreshold;
    }

    /** The survey behind a link, for the client's page; refused like {@link #answer}. */
    @Transactional(readOnly = true)
    SatisfactionSurvey open(String token) {
        return surveys.findByReference(signed(token).reference())
                .orElseThrow(() -> new NotFoundException("survey link", "given"));
    }

    /**
     * Records the client's one answer: 404 for a link that is not ours (forged or altered), 410 once it has
     * expired, 409 when the survey was answered already, 400 naming {@code score} or {@code comment}. The
     * answer reaches the survey's workflow, which opens a SIP action for a low score.
     */
    @Transactional
    SatisfactionSurvey answer(String token, Integer score, String comment) {
        SurveyTokens.Signed signed = signed(token);
        SatisfactionSurvey survey = surveys.lockByReference(signed.reference())
                .orElseThrow(() -> new NotFoundException("survey link", "given"));
        if (survey.getStatus() == SurveyStatus.ANSWERED) {
            throw new ConflictException("Survey " + survey.getReference() + " has been answered already");
        }
        if (survey.getStatus() == SurveyStatus.EXPIRED) {
            throw gone();
        }
        if (score == null || score < 1 || score > 5) {
            throw new InvalidFieldException("score", "must be a whole number from 1 to 5");
        }
        String text = comment == null || comment.isBlank() ? null : comment.trim();
        if (text != null && text.length() > 4000) {
            throw new InvalidFieldException("comment", "has at most 4000 characters");
        }
        Map<String, Object> before = survey.auditView();
        survey.answer(score, text, clock.instant());
        audit.record(REGISTER, survey.getReference(), "ANSWER", before, survey.auditView());
        engineIdentity.asPlatform(() -> runtimeService
                .createMessageCorrelation(SatisfactionSurveyProcess.SURVEY_ANSWERED)
                .processInstanceBusinessKey(survey.getReference())
                .setVariable(SatisfactionSurveyProcess.SURVEY_SCORE.name(), (long) score)
                .setVariable(SatisfactionSurveyProcess.SURVEY_LOW_SCORE.name(), isLow(score))
                .correlateWithResult());
        return survey;
    }

    /**
     * The survey a correctly signed token names, expired or not: the page for a refused link is still written
     * in that client's language. Empty for a link that is not ours.
     */
    @Transactional(readOnly = true)
    java.util.Optional<SatisfactionSurvey> signedFor(String token) {
        return tokens.verify(token).flatMap(signed -> surveys.findByReference(signed.reference()));
    }

    private SurveyTokens.Signed signed(String token) {
        SurveyTokens.Signed signed =
                tokens.verify(token).orElseThrow(() -> new NotFoundException("survey link", "given"));
        if (!clock.instant().isBefore(signed.expiresAt())) {
            throw gone();
        }
        return signed;
    }

    private static ErrorResponseException gone() {
        return new ErrorResponseException(
                HttpStatus.GONE,
                ProblemDetail.forStatusAndDetail(HttpStatus.GONE, "This survey link has expired"),
                null);
    }

    @Transactional(readOnly = true)
    SatisfactionSurvey find(String reference) {
        return surveys.findByReference(reference).orElseThrow(() -> new NotFoundException("survey", reference));
    }

    @Transactional(readOnly = true)
    Page<SatisfactionSurvey> list(String clientReference, SurveyStatus status, PageParameters page) {
        return surveys.findAll(
                ListFilters.<SatisfactionSurvey>allOf(
                        ListFilters.equal("clientReference", clientReference), ListFilters.equal("status", status)),
                page.sortedBy(Sort.by(Sort.Order.desc("id"))));
    }
}
