package com.csmflow.satisfaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Date;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The client's survey link on embedded PostgreSQL, called without login like the client does: a forged or
 * altered token is refused (404), an expired one too (410), a valid one records the answer once and a second
 * answer gets 409; all refusals are problem details. Only the link is open: the register list needs a login.
 */
@CsmFlowTest
class SurveyLinkApiTest {

    static final Instant T0 = Instant.parse("2027-02-10T09:00:00Z");

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
    void aValidLinkRecordsTheAnswerOnceAndASecondAnswerGets409() throws Exception {
        ProcessInstance survey = jobs.ask("ALPENWERK", "change", "CHG-LINK-" + UUID.randomUUID());
        String token = jobs.token(survey.getId());

        ResponseEntity<String> question = rest.getForEntity("/api/surveys/" + token, String.class);
        assertThat(question.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(question.getBody()).path("reference").asText()).isEqualTo(survey.getBusinessKey());
        assertThat(json.readTree(question.getBody()).path("answered").asBoolean())
                .isFalse();

        ResponseEntity<String> badScore = rest.postForEntity("/api/surveys/" + token, Map.of("score", 7), String.class);
        assertThat(badScore.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badScore.getBody()).contains("score");

        ResponseEntity<String> first = rest.postForEntity(
                "/api/surveys/" + token, Map.of("score", 5, "comment", "Smooth change"), String.class);
        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> second = rest.postForEntity(
                "/api/surveys/" + token, Map.of("score", 1, "comment", "changed my mind"), String.class);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertProblem(second);

        Map<String, Object> row =
                jdbc.queryForMap("SELECT * FROM satisfaction_survey WHERE reference = ?", survey.getBusinessKey());
        assertThat(row.get("status")).isEqualTo("ANSWERED");
        assertThat(row.get("score")).isEqualTo(5);
        assertThat(row.get("answer_comment")).isEqualTo("Smooth change");
        assertThat(jdbc.queryForList(
                        "SELECT action FROM register_audit WHERE register = 'satisfaction-survey' AND reference = ?"
                                + " ORDER BY id",
                        String.class,
                        survey.getBusinessKey()))
                .containsExactly("CREATE", "ANSWER");
        assertThat(json.readTree(rest.getForObject("/api/surveys/" + token, String.class))
                        .path("answered")
                        .asBoolean())
                .isTrue();
        jobs.runDueJobs(survey.getId());
    }

    @Test
    void aForgedOrAlteredTokenIsRefused() {
        ProcessInstance survey = jobs.ask("ALPENWERK", "escalation", "ESC-LINK-" + UUID.randomUUID());
        String token = jobs.token(survey.getId());
        String[] parts = token.split("\\.");
        String otherSignature = parts[2].charAt(0) == 'A' ? "B" + parts[2].substring(1) : "A" + parts[2].substring(1);
        long later = Long.parseLong(parts[1]) + 86_400;
        for (String forged : new String[] {
            parts[0] + "." + parts[1] + "." + otherSignature, // signature changed
            parts[0] + "." + later + "." + parts[2], // expiry moved
            "SUR-2027-9999." + parts[1] + "." + parts[2], // another survey
            "not-a-token",
            UUID.randomUUID().toString()
        }) {
            ResponseEntity<String> read = rest.getForEntity("/api/surveys/" + forged, String.class);
            assertThat(read.getStatusCode()).as(forged).isEqualTo(HttpStatus.NOT_FOUND);
            assertProblem(read);
            ResponseEntity<String> answer =
                    rest.postForEntity("/api/surveys/" + forged, Map.of("score", 1), String.class);
            assertThat(answer.getStatusCode()).as(forged).isEqualTo(HttpStatus.NOT_FOUND);
            assertProblem(answer);
        }
        assertThat(jdbc.queryForObject(
                        "SELECT status FROM satisfaction_survey WHERE reference = ?",
                        String.class,
                        survey.getBusinessKey()))
                .isEqualTo("SENT");
        engine.getRuntimeService().deleteProcessInstance(survey.getId(), "test");
    }

    @Test
    void anExpiredLinkIsRefusedEvenBeforeTheWorkflowNoticed() {
        ProcessInstance survey = jobs.ask("ALPENWERK", "review", "REVIEW-LINK-" + UUID.randomUUID());
        String token = jobs.token(survey.getId());
        Date expires = (Date) engine.getRuntimeService()
                .getVariable(survey.getId(), SatisfactionSurveyProcess.SURVEY_EXPIRES_AT.name());
        // the expiry timer has not fired yet: the signed expiry alone refuses the answer
        ClockUtil.setCurrentTime(expires);
        ResponseEntity<String> answer = rest.postForEntity("/api/surveys/" + token, Map.of("score", 3), String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertProblem(answer);
        assertThat(rest.getForEntity("/api/surveys/" + token, String.class).getStatusCode())
                .isEqualTo(HttpStatus.GONE);
        assertThat(jdbc.queryForObject(
                        "SELECT score FROM satisfaction_survey WHERE reference = ?",
                        Integer.class,
                        survey.getBusinessKey()))
                .isNull();
        jobs.runDueJobs(survey.getId());
    }

    @Test
    void onlyTheLinkIsOpenTheRegisterNeedsALogin() {
        assertThat(rest.getForEntity("/api/surveys", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/api/surveys?clientReference=ALPENWERK", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(rest.getForEntity("/api/complaints", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private static void assertProblem(ResponseEntity<String> response) {
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    }
}
