package com.csmflow.satisfaction;

import com.csmflow.engine.ProcessVariable;
import java.util.Date;

/**
 * The {@code satisfaction-survey} workflow ({@code bpmn/satisfaction-survey.bpmn}) as Java sees it: started by
 * the message {@link #SURVEY_REQUESTED} (after a closed escalation or change, or a service review), business
 * key the survey's reference (SUR-yyyy-nnnn), answered through the message {@link #SURVEY_ANSWERED}.
 */
public final class SatisfactionSurveyProcess {

    public static final String KEY = "satisfaction-survey";

    /**
     * Start message. Payload: {@code clientReference}, {@link #SURVEY_SOURCE} ({@code escalation}, {@code
     * change}, {@code review} or {@code other}) and {@link #SURVEY_SOURCE_REFERENCE} (the case or review).
     */
    public static final String SURVEY_REQUESTED = "survey-requested";
    /** The client's answer (from {@code POST /api/surveys/{token}}), correlated by business key. */
    public static final String SURVEY_ANSWERED = "survey-answered";

    public static final ProcessVariable<String> SURVEY_SOURCE = ProcessVariable.text("surveySource");
    public static final ProcessVariable<String> SURVEY_SOURCE_REFERENCE = ProcessVariable.text("surveySourceReference");
    // written by the register step
    public static final ProcessVariable<String> SURVEY_REFERENCE = ProcessVariable.text("surveyReference");
    public static final ProcessVariable<String> SURVEY_LINK = ProcessVariable.text("surveyLink");
    public static final ProcessVariable<String> SURVEY_TOKEN = ProcessVariable.text("surveyToken");
    public static final ProcessVariable<Date> SURVEY_EXPIRES_AT = ProcessVariable.instant("surveyExpiresAt");
    // the answer
    public static final ProcessVariable<Long> SURVEY_SCORE = ProcessVariable.number("surveyScore");
    public static final ProcessVariable<Boolean> SURVEY_LOW_SCORE = ProcessVariable.flag("surveyLowScore");
    public static final ProcessVariable<String> SIP_ACTION_REFERENCE = ProcessVariable.text("surveySipActionReference");

    public static final String START_EVENT_SURVEY_REQUESTED = "StartEvent_SurveyRequested";
    public static final String TASK_RECORD_SURVEY = "Task_RecordSurvey";
    public static final String TASK_SEND_SURVEY = "Task_SendSurvey";
    public static final String GATEWAY_ANSWER_OR_EXPIRY = "Gateway_AnswerOrExpiry";
    public static final String EVENT_SURVEY_ANSWERED = "Event_SurveyAnswered";
    public static final String TIMER_SURVEY_EXPIRED = "Timer_SurveyExpired";
    public static final String TASK_RECORD_EXPIRED = "Task_RecordSurveyExpired";
    public static final String END_EVENT_SURVEY_EXPIRED = "EndEvent_SurveyExpired";
    public static final String GATEWAY_LOW_SCORE = "Gateway_LowScore";
    public static final String TASK_OPEN_SIP_ACTION = "Task_OpenSipAction";
    public static final String END_EVENT_SIP_ACTION_OPENED = "EndEvent_SipActionOpened";
    public static final String END_EVENT_SURVEY_ANSWERED = "EndEvent_SurveyAnswered";

    private SatisfactionSurveyProcess() {}
}
