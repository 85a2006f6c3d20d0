package com.csmflow.satisfaction;

import static com.csmflow.satisfaction.SatisfactionSurveyProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * bpmn/satisfaction-survey.bpmn path by path: the survey after a closed escalation or change, the mail with
 * the signed link in the client's language, the client's answer without login, a low score opening a SIP
 * action, a good score opening none, a link nobody used expiring.
 */
// A low score starts a sip-action instance, and the trigger test ends escalation and change instances, whose
// models the coverage library would count against this class: it enforces its OWN model instead (@AfterAll).
@ExcludeFromProcessCoverage
@CsmFlowTest
class SatisfactionSurveyProcessTest {

    /** Wednesday 13 January 2027, 10:00 in Munich: business hours of the German demo client. */
    static final Instant T0 = Instant.parse("2027-01-13T09:00:00Z");

    private static final Set<String> DRIVEN = new HashSet<>();
    private static ProcessEngine coverageEngine;

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
        coverageEngine = engine;
        jobs = new SurveyJobs(engine, surveys);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aLowScoreOpensASipActionForTheCsms() throws Exception {
        String escalation = "ESC-SURVEY-" + UUID.randomUUID().toString().substring(0, 8);
        ProcessInstance survey = jobs.ask("ALPENWERK", "escalation", escalation);
        String reference = survey.getBusinessKey();
        DRIVEN.add(survey.getId());
        assertThat(reference).matches("SUR-2027-\\d{4,}");

        // the client's notice contacts get the link, in German, naming what the survey is about
        String token = jobs.token(survey.getId());
        List<Map<String, Object>> mails = outbox(reference);
        assertThat(mails)
                .extracting(row -> row.get("recipient"))
                .containsExactlyInAnyOrder("k.huber@alpenwerk.example", "f.wimmer@alpenwerk.example");
        assertThat(mails).allSatisfy(row -> {
            assertThat(row.get("language")).isEqualTo("de");
            assertThat((String) row.get("subject")).startsWith("Wie zufrieden");
            assertThat((String) row.get("body_text"))
                    .contains("/api/surveys/" + token)
                    .contains(escalation);
        });

        // the client answers without login: score 2 of 5
        ResponseEntity<String> answered = rest.postForEntity(
                "/api/surveys/" + token, Map.of("score", 2, "comment", "Took three days to hear back"), String.class);
        assertThat(answered.getStatusCode()).as(answered.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(answered.getBody()).path("answered").asBoolean())
                .isTrue();
        assertThat(engine.getRuntimeService().getVariable(survey.getId(), SURVEY_LOW_SCORE.name()))
                .isEqualTo(true);

        jobs.runDueJobs(survey.getId());
        Map<String, Object> sip = jdbc.queryForMap(
                "SELECT reference, client_reference, source_type, owner_group, description FROM sip_action"
                        + " WHERE source_reference = ?",
                reference);
        assertThat(sip.get("client_reference")).isEqualTo("ALPENWERK");
        assertThat(sip.get("source_type")).isEqualTo("survey");
        assertThat(sip.get("owner_group")).isEqualTo("csm");
        assertThat((String) sip.get("description"))
                .contains("2/5")
                .contains(escalation)
                .contains("three days");
        Map<String, Object> row = survey(reference);
        assertThat(row.get("status")).isEqualTo("ANSWERED");
        assertThat(row.get("score")).isEqualTo(2);
        assertThat(row.get("sip_action_reference")).isEqualTo(sip.get("reference"));
        assertThat(engine.getRuntimeService()
                        .createProcessInstanceQuery()
                        .processDefinitionKey("sip-action")
                        .processInstanceBusinessKey((String) sip.get("reference"))
                        .count())
                .as("the SIP action is followed up by its own workflow")
                .isOne();
        assertThat(endedAt(survey.getId())).isEqualTo(END_EVENT_SIP_ACTION_OPENED);
        assertThat(surveys.scores("ALPENWERK", T0, T0.plusSeconds(60)))
                .extracting(SatisfactionSurveys.Score::surveyReference, SatisfactionSurveys.Score::score)
                .contains(org.assertj.core.groups.Tuple.tuple(reference, 2));
    }

    @Test
    void aGoodScoreIsRecordedAndOpensNothing() {
        ProcessInstance survey = jobs.ask("HUDSON-MUTUAL", "change", "CHG-SURVEY-" + UUID.randomUUID());
        DRIVEN.add(survey.getId());
        assertThat(outbox(survey.getBusinessKey()))
                .isNotEmpty()
                .allSatisfy(row -> assertThat((String) row.get("language")).startsWith("en"));
        ResponseEntity<String> answered =
                rest.postForEntity("/api/surveys/" + jobs.token(survey.getId()), Map.of("score", 4), String.class);
        assertThat(answered.getStatusCode()).isEqualTo(HttpStatus.OK);
        jobs.runDueJobs(survey.getId());
        assertThat(endedAt(survey.getId())).isEqualTo(END_EVENT_SURVEY_ANSWERED);
        assertThat(survey(survey.getBusinessKey()).get("sip_action_reference")).isNull();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM sip_action WHERE source_reference = ?",
                        Long.class,
                        survey.getBusinessKey()))
                .isZero();
    }

    @Test
    void aLinkNobodyUsedExpires() {
        ProcessInstance survey = jobs.ask("ALPENWERK", "review", "REVIEW-" + UUID.randomUUID());
        DRIVEN.add(survey.getId());
        Date expires = (Date) engine.getRuntimeService().getVariable(survey.getId(), SURVEY_EXPIRES_AT.name());
        assertThat(expires.toInstant()).isEqualTo(T0.plus(java.time.Duration.ofDays(14)));
        ClockUtil.setCurrentTime(expires);
        jobs.runDueJobs(survey.getId());
        assertThat(endedAt(survey.getId())).isEqualTo(END_EVENT_SURVEY_EXPIRED);
        assertThat(survey(survey.getBusinessKey()).get("status")).isEqualTo("EXPIRED");
    }

    @Test
    void aClosedEscalationOrChangeOrAHeldReviewAsksTheClientButAnotherEndDoesNot() {
        String escalation = "ESC-CLOSED-" + UUID.randomUUID().toString().substring(0, 8);
        engine.getRuntimeService()
                .createProcessInstanceByKey("escalation")
                .businessKey(escalation)
                .setVariable("clientReference", "ALPENWERK")
                .startBeforeActivity(com.csmflow.escalation.EscalationProcess.END_EVENT_CLOSED)
                .execute();
        ProcessInstance survey = jobs.instanceFor(escalation);
        assertThat(jobs.variables(survey.getId()))
                .containsEntry(SURVEY_SOURCE.name(), "escalation")
                .containsEntry("clientReference", "ALPENWERK");

        String change = "CHG-CLOSED-" + UUID.randomUUID().toString().substring(0, 8);
        engine.getRuntimeService()
                .createProcessInstanceByKey("change-request")
                .businessKey(change)
                .setVariable("clientReference", "HUDSON-MUTUAL")
                .startBeforeActivity(com.csmflow.change.ChangeProcess.END_CHANGE_CLOSED)
                .execute();
        assertThat(jobs.variables(jobs.instanceFor(change).getId())).containsEntry(SURVEY_SOURCE.name(), "change");

        // a review held (minutes sent) asks too
        String review = "REV-HELD-" + UUID.randomUUID().toString().substring(0, 8);
        engine.getRuntimeService()
                .createProcessInstanceByKey(com.csmflow.review.ServiceReviewProcess.KEY)
                .businessKey(review)
                .setVariable("clientReference", "HUDSON-MUTUAL")
                .startBeforeActivity(com.csmflow.review.ServiceReviewProcess.END_EVENT)
                .execute();
        assertThat(jobs.variables(jobs.instanceFor(review).getId())).containsEntry(SURVEY_SOURCE.name(), "review");

        // a commercial query answered is not a closed escalation
        String commercial = "ESC-COMM-" + UUID.randomUUID().toString().substring(0, 8);
        engine.getRuntimeService()
                .createProcessInstanceByKey("escalation")
                .businessKey(commercial)
                .setVariable("clientReference", "ALPENWERK")
                .startBeforeActivity("EndEvent_CommercialAnswered")
                .execute();
        assertThat(engine.getRuntimeService()
                        .createProcessInstanceQuery()
                        .processDefinitionKey(KEY)
                        .variableValueEquals(SURVEY_SOURCE_REFERENCE.name(), commercial)
                        .count())
                .isZero();
        // clean up: the surveys started here are not answered
        engine.getRuntimeService().deleteProcessInstance(survey.getId(), "test");
        engine.getRuntimeService()
                .deleteProcessInstance(jobs.instanceFor(change).getId(), "test");
        engine.getRuntimeService()
                .deleteProcessInstance(jobs.instanceFor(review).getId(), "test");
    }

    @AfterAll
    static void flowNodeCoverageOfTheSurveyIsComplete() {
        ProcessDefinition definition = coverageEngine
                .getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(KEY)
                .latestVersion()
                .singleResult();
        Set<String> nodes = coverageEngine
                .getRepositoryService()
                .getBpmnModelInstance(definition.getId())
                .getModelElementsByType(FlowNode.class)
                .stream()
                .map(FlowNode::getId)
                .collect(Collectors.toSet());
        Set<String> covered = new HashSet<>();
        for (String instance : DRIVEN) {
            coverageEngine
                    .getHistoryService()
                    .createHistoricActivityInstanceQuery()
                    .processInstanceId(instance)
                    .list()
                    .stream()
                    .map(HistoricActivityInstance::getActivityId)
                    .forEach(covered::add);
        }
        Set<String> missing = new HashSet<>(nodes);
        missing.removeAll(covered);
        assertThat(missing).as("flow nodes of satisfaction-survey not visited").isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private String endedAt(String processInstanceId) {
        var history = engine.getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId)
                .singleResult();
        assertThat(history.getEndTime()).as("survey instance ended").isNotNull();
        return history.getEndActivityId();
    }

    private Map<String, Object> survey(String reference) {
        return jdbc.queryForMap("SELECT * FROM satisfaction_survey WHERE reference = ?", reference);
    }

    private List<Map<String, Object>> outbox(String reference) {
        return jdbc.queryForList(
                "SELECT recipient, language, subject, body_text FROM notification_outbox"
                        + " WHERE business_key = ? AND template_id = 'satisfaction-survey' ORDER BY id",
                reference);
    }
}
