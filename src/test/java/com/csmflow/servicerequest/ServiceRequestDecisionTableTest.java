package com.csmflow.servicerequest;

import static com.csmflow.servicerequest.ServiceRequestProcess.FREE_RESOURCES;
import static com.csmflow.servicerequest.ServiceRequestProcess.MANAGERS_AVAILABLE;
import static com.csmflow.servicerequest.ServiceRequestProcess.RECOMMENDATION;
import static com.csmflow.servicerequest.ServiceRequestProcess.RECOMMENDATION_REASON;
import static com.csmflow.servicerequest.ServiceRequestProcess.RISK;
import static com.csmflow.servicerequest.ServiceRequestProcess.SKILL_COVERAGE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The recommendation table of the service request, straight from bpmn/ on the DMN engine (no Spring):
 * a case per row, and every row must have been the matching (first) row at least once.
 */
class ServiceRequestDecisionTableTest {

    private static final String FILE = "bpmn/service-request-recommendation.dmn";
    private static DmnEngine engine;
    private static DmnDecision recommendation;
    private static final Set<String> matchedRules = new LinkedHashSet<>();

    @BeforeAll
    static void parseTable() throws Exception {
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DefaultDmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        List<DmnDecisionTableEvaluationListener> listeners = new ArrayList<>();
        listeners.add(ServiceRequestDecisionTableTest::recordMatch);
        configuration.customPostDecisionTableEvaluationListeners(listeners);
        engine = configuration.buildEngine();
        try (InputStream in = Files.newInputStream(Path.of(FILE))) {
            recommendation = engine.parseDecision(ServiceRequestProcess.DECISION_TABLE, in);
        }
    }

    @AfterAll
    static void everyRowMatched() {
        Set<String> rows = new LinkedHashSet<>();
        Dmn.readModelFromFile(Path.of(FILE).toFile())
                .getModelElementsByType(Rule.class)
                .forEach(rule -> rows.add(rule.getId()));
        assertThat(matchedRules).containsExactlyInAnyOrderElementsOf(rows);
    }

    @ParameterizedTest(name = "coverage {0}, managers {1}, free resources {2}, risk {3}: {4} ({5})")
    @CsvSource({
        // no SM or DM with capacity beats everything
        "100, false, 5, low, no-go, Rule_NoManagers",
        "100, false, 0, high, no-go, Rule_NoManagers",
        // high risk without the skills
        "79, true, 5, high, no-go, Rule_HighRiskSkillsMissing",
        "0, true, 5, high, no-go, Rule_HighRiskSkillsMissing",
        // less than half of the skills: ask
        "49, true, 5, low, more-information, Rule_SkillsLargelyMissing",
        "0, true, 0, medium, more-information, Rule_SkillsLargelyMissing",
        // high risk with the skills: ask for the risk details
        "80, true, 5, high, more-information, Rule_HighRisk",
        // no free resources
        "100, true, 0, low, more-information, Rule_NoResources",
        // covered
        "80, true, 1, low, go, Rule_Covered",
        "100, true, 3, medium, go, Rule_Covered",
        // partly covered
        "50, true, 2, medium, more-information, Rule_PartlyCovered",
        "79, true, 2, low, more-information, Rule_PartlyCovered"
    })
    void recommends(long coverage, boolean managers, long free, String risk, String expected, String rule) {
        matchedNow.clear();
        DmnDecisionResultEntries result = engine.evaluateDecision(
                        recommendation,
                        Variables.createVariables()
                                .putValue(SKILL_COVERAGE.name(), coverage)
                                .putValue(MANAGERS_AVAILABLE.name(), managers)
                                .putValue(FREE_RESOURCES.name(), free)
                                .putValue(RISK.name(), risk))
                .getSingleResult();
        assertThat((String) result.getEntry(RECOMMENDATION.name())).isEqualTo(expected);
        assertThat((String) result.getEntry(RECOMMENDATION_REASON.name())).isNotBlank();
        assertThat(matchedNow).containsExactly(rule);
    }

    @Test
    void everyRecommendationIsOneTheDecisionTaskOffers() {
        // the gateway after the DC Head's decision knows exactly these three
        assertThat(ServiceRequestStepDelegate.DECISIONS).containsExactlyInAnyOrder("go", "no-go", "more-information");
    }

    private static final List<String> matchedNow = new ArrayList<>();

    private static void recordMatch(DmnDecisionTableEvaluationEvent event) {
        for (DmnEvaluatedDecisionRule rule : event.getMatchingRules()) {
            matchedRules.add(rule.getId());
            matchedNow.add(rule.getId());
        }
    }
}
