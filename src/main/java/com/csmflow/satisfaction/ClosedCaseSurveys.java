package com.csmflow.satisfaction;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.change.ChangeProcess;
import com.csmflow.engine.CaseVariables;
import com.csmflow.escalation.EscalationProcess;
import com.csmflow.review.ServiceReviewProcess;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * After a closed escalation or change, and after a service review was held, the client gets a survey. Hooked on the engine's execution events
 * (the Spring Boot starter publishes every activity's start and end as a Spring event): when an instance of
 * {@code escalation} ends at {@code EndEvent_Closed}, of {@code change-request} at {@code End_ChangeClosed}, or of
 * {@code service-review} at {@code EndEvent_ReviewHeld} (after the minutes went out),
 * a {@code satisfaction-survey} starts in the same transaction (its own work then runs in its own job).
 *
 * <p>Why here and not a step in those models: the two workflows stay as their owners drew them (no extra
 * task, job or path for their tests to drive), the rule "which closures are surveyed" is one table in the
 * capability that owns surveys, and an instance that is cancelled, rejected or deleted never reaches these
 * end events, so it is never surveyed. Anything else asks through {@link SatisfactionSurveys#requestSurvey} or
 * the message {@code survey-requested}.
 */
@Component
class ClosedCaseSurveys {

    /** Process key → the end event that means "closed", and what the survey is about. */
    private static final Map<String, Closure> SURVEYED = Map.of(
            EscalationProcess.KEY, new Closure(EscalationProcess.END_EVENT_CLOSED, SurveySource.ESCALATION),
            ChangeProcess.KEY, new Closure(ChangeProcess.END_CHANGE_CLOSED, SurveySource.CHANGE),
            ServiceReviewProcess.KEY, new Closure(ServiceReviewProcess.END_EVENT, SurveySource.REVIEW));

    private record Closure(String endEventId, SurveySource source) {}

    private static final Logger log = LoggerFactory.getLogger(ClosedCaseSurveys.class);

    private final SatisfactionSurveys surveys;

    ClosedCaseSurveys(SatisfactionSurveys surveys) {
        this.surveys = surveys;
    }

    @EventListener
    void ended(DelegateExecution execution) {
        if (!ExecutionListener.EVENTNAME_END.equals(execution.getEventName())) {
            return;
        }
        // the end of the end event itself, not the end of the whole instance that follows it
        if (execution.getActivityInstanceId() == null
                || execution.getActivityInstanceId().equals(execution.getProcessInstanceId())) {
            return;
        }
        String definitionId = execution.getProcessDefinitionId();
        if (definitionId == null) {
            return;
        }
        String key = definitionId.substring(0, Math.max(definitionId.indexOf(':'), 0));
        Closure closure = SURVEYED.get(key);
        if (closure == null || !closure.endEventId().equals(execution.getCurrentActivityId())) {
            return;
        }
        String client = CaseVariables.CLIENT_REFERENCE.get(execution);
        if (client == null) {
            return;
        }
        try {
            surveys.requestSurvey(client, closure.source().name(), execution.getProcessBusinessKey());
        } catch (InvalidFieldException retired) {
            // a client retired meanwhile gets no survey; the case closes all the same
            log.info("No survey for {}: {}", execution.getProcessBusinessKey(), retired.getMessage());
        }
    }
}
