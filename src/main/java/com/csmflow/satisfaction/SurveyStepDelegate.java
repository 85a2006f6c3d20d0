package com.csmflow.satisfaction;

import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;
import static com.csmflow.satisfaction.SatisfactionSurveyProcess.*;

import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Clients;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.problem.SipAction;
import com.csmflow.problem.SipActionService;
import com.csmflow.register.BusinessKeys;
import com.csmflow.register.ProcessOrigin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The register steps of {@code satisfaction-survey}, input {@code step}:
 * <ul>
 *   <li>{@code OPENED}: the survey row (SUR reference, which becomes the business key), its signed link and
 *       expiry; once per instance.</li>
 *   <li>{@code EXPIRED}: no answer came before the link expired.</li>
 *   <li>{@code LOW_SCORE}: a SIP action (source {@code survey}) for the CSMs, who manage the SIP, due in
 *       {@code csmflow.satisfaction.sip-action-days}; its reference is kept with the survey.</li>
 * </ul>
 */
@Component("surveyStep")
class SurveyStepDelegate implements InputReadingDelegate {

    static final String STEP = "step";

    private final SatisfactionSurveyRepository surveys;
    private final SurveyTokens tokens;
    private final BusinessKeys keys;
    private final Clients clients;
    private final RegisterAudit audit;
    private final SipActionService sipActions;
    private final Clock clock;
    private final String linkBase;
    private final Duration validity;
    private final int sipActionDays;

    SurveyStepDelegate(
            SatisfactionSurveyRepository surveys,
            SurveyTokens tokens,
            BusinessKeys keys,
            Clients clients,
            RegisterAudit audit,
            SipActionService sipActions,
            Clock clock,
            @Value("${csmflow.satisfaction.link-base:http://localhost:8080/api/surveys/}") String linkBase,
            @Value("${csmflow.satisfaction.link-validity:P14D}") Duration validity,
            @Value("${csmflow.satisfaction.sip-action-days:14}") int sipActionDays) {
        this.surveys = surveys;
        this.tokens = tokens;
        this.keys = keys;
        this.clients = clients;
        this.audit = audit;
        this.sipActions = sipActions;
        this.clock = clock;
        this.linkBase = linkBase;
        this.validity = validity;
        this.sipActionDays = sipActionDays;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String step = DelegateInputs.read(execution, Set.of(STEP)).requiredText(STEP);
        switch (step) {
            case "OPENED" -> open(execution);
            case "EXPIRED" -> expired(execution);
            case "LOW_SCORE" -> lowScore(execution);
            default -> throw new IllegalArgumentException("Unknown survey step '" + step + "'");
        }
    }

    private void open(DelegateExecution execution) {
        if (SURVEY_REFERENCE.isPresent(execution)) {
            throw new IllegalStateException("Survey " + SURVEY_REFERENCE.get(execution) + " is recorded already");
        }
        String client = clients.require(CLIENT_REFERENCE.get(execution)).getReference();
        SurveySource source = SurveySource.parse(SURVEY_SOURCE.get(execution));
        String sourceReference = SURVEY_SOURCE_REFERENCE.get(execution);
        Instant now = clock.instant();
        // whole seconds: the expiry is signed in epoch seconds
        Instant expiresAt = now.plus(validity).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        SatisfactionSurvey survey = surveys.save(new SatisfactionSurvey(
                keys.next("SUR"),
                client,
                source,
                sourceReference == null || sourceReference.isBlank() ? null : sourceReference.trim(),
                expiresAt,
                now,
                ProcessOrigin.of(execution)));
        execution.setProcessBusinessKey(survey.getReference());
        audit.record(
                execution,
                SatisfactionSurveys.REGISTER,
                survey.getReference(),
                RegisterAudit.CREATE,
                Map.of(),
                survey.auditView());
        String token = tokens.issue(survey.getReference(), expiresAt);
        SURVEY_REFERENCE.set(execution, survey.getReference());
        SURVEY_TOKEN.set(execution, token);
        SURVEY_LINK.set(execution, linkBase + token);
        SURVEY_EXPIRES_AT.set(execution, Date.from(expiresAt));
        CLIENT_REFERENCE.set(execution, client);
    }

    private void expired(DelegateExecution execution) {
        SatisfactionSurvey survey = survey(execution);
        if (survey.getStatus() != SurveyStatus.SENT) {
            return; // answered in the same instant the link expired: the answer stands
        }
        Map<String, Object> before = survey.auditView();
        survey.expire();
        audit.record(
                execution, SatisfactionSurveys.REGISTER, survey.getReference(), "EXPIRE", before, survey.auditView());
    }

    private void lowScore(DelegateExecution execution) {
        SatisfactionSurvey survey = survey(execution);
        if (survey.getSipActionReference() != null) {
            return;
        }
        LocalDate target =
                LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusDays(sipActionDays);
        String about = survey.getSourceReference() == null
                ? survey.getSourceType().name().toLowerCase()
                : survey.getSourceType().name().toLowerCase() + " " + survey.getSourceReference();
        SipAction action = sipActions.create(
                survey.getClientReference(),
                "survey",
                survey.getReference(),
                "Low satisfaction score " + survey.getScore() + "/5 on " + about
                        + (survey.getComment() == null ? "" : ": \"" + survey.getComment() + "\"")
                        + ". Talk to the client, find the cause and agree an improvement.",
                null,
                target);
        Map<String, Object> before = survey.auditView();
        survey.sipActionOpened(action.getReference());
        audit.record(
                execution,
                SatisfactionSurveys.REGISTER,
                survey.getReference(),
                "SIP_ACTION",
                before,
                survey.auditView());
        SIP_ACTION_REFERENCE.set(execution, action.getReference());
    }

    private SatisfactionSurvey survey(DelegateExecution execution) {
        return surveys.findByReference(SURVEY_REFERENCE.get(execution))
                .orElseThrow(() ->
                        new IllegalStateException("No survey " + SURVEY_REFERENCE.get(execution) + " in the register"));
    }
}
