package com.csmflow.infosec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecision;
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

/**
 * The security event severity table, straight from bpmn/ on the DMN engine: one case per row, each naming
 * the row it must hit (first hit), and every row of the table must have been the matching row once.
 */
class SecurityEventDecisionTableTest {

    private static DmnEngine engine;
    private static DmnDecision severity;
    private static final Set<String> matchedRules = new LinkedHashSet<>();
    private static String lastMatch;

    @BeforeAll
    static void parseTable() throws Exception {
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DefaultDmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        List<DmnDecisionTableEvaluationListener> listeners = new ArrayList<>();
        listeners.add(SecurityEventDecisionTableTest::recordMatch);
        configuration.customPostDecisionTableEvaluationListeners(listeners);
        engine = configuration.buildEngine();
        try (InputStream in = Files.newInputStream(Path.of("bpmn/security-event-severity.dmn"))) {
            severity = engine.parseDecision(SecurityEventProcess.SEVERITY_DECISION, in);
        }
    }

    @AfterAll
    static void everyRowMatchedOnce() {
        Set<String> rows = new LinkedHashSet<>();
        Dmn.readModelFromFile(Path.of("bpmn/security-event-severity.dmn").toFile())
                .getModelElementsByType(Rule.class)
                .forEach(rule -> rows.add(rule.getId()));
        assertThat(matchedRules).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void personalDataLeakedIsCriticalEscalatedAndTold() {
        assertThat(classify("data-leak", "low", true, "STANDARD", "Rule_PersonalDataLeaked"))
                .containsEntry("severity", "critical")
                .containsEntry("priority", "P1")
                .containsEntry("incident", true)
                .containsEntry("escalate", true)
                .containsEntry("informClient", true);
    }

    @Test
    void aCompromisedCriticalAssetIsCriticalWithoutPersonalData() {
        assertThat(classify("unauthorised-access", "critical", false, "STANDARD", "Rule_CriticalAssetCompromised"))
                .containsEntry("severity", "critical")
                .containsEntry("priority", "P1")
                .containsEntry("escalate", true);
    }

    @Test
    void anEnhancedClientsHighAssetCompromisedIsHighAndTold() {
        assertThat(classify("malware", "high", false, "ENHANCED", "Rule_EnhancedHighAssetCompromised"))
                .containsEntry("severity", "high")
                .containsEntry("priority", "P2")
                .containsEntry("incident", true)
                .containsEntry("escalate", false)
                .containsEntry("informClient", true);
    }

    @Test
    void personalDataInAnyOtherEventIsHigh() {
        assertThat(classify("lost-device", "low", true, "STANDARD", "Rule_PersonalDataInvolved"))
                .containsEntry("severity", "high")
                .containsEntry("priority", "P2")
                .containsEntry("informClient", true)
                .containsEntry("escalate", false);
    }

    @Test
    void aStandardClientsHighAssetCompromisedIsMediumIncident() {
        assertThat(classify("malware", "high", false, "STANDARD", "Rule_HighAssetCompromised"))
                .containsEntry("severity", "medium")
                .containsEntry("priority", "P3")
                .containsEntry("incident", true)
                .containsEntry("informClient", false);
    }

    @Test
    void anotherEventOnACriticalAssetIsMediumAndNoIncident() {
        assertThat(classify("phishing", "critical", false, "ENHANCED", "Rule_ImportantAssetEvent"))
                .containsEntry("severity", "medium")
                .containsEntry("priority", "P3")
                .containsEntry("incident", false)
                .containsEntry("escalate", false);
    }

    @Test
    void everythingElseIsLow() {
        assertThat(classify("vulnerability", "medium", false, "ENHANCED", "Rule_Other"))
                .containsEntry("severity", "low")
                .containsEntry("priority", "P4")
                .containsEntry("incident", false)
                .containsEntry("escalate", false)
                .containsEntry("informClient", false);
    }

    private static Map<String, Object> classify(
            String type, String criticality, boolean personalData, String tier, String expectedRule) {
        Map<String, Object> result = engine.evaluateDecision(
                        severity,
                        Variables.createVariables()
                                .putValue("eventType", type)
                                .putValue("assetCriticality", criticality)
                                .putValue("personalData", personalData)
                                .putValue("clientTier", tier))
                .getSingleResult()
                .getEntryMap();
        assertThat(lastMatch).as("matching row").isEqualTo(expectedRule);
        return result;
    }

    private static void recordMatch(DmnDecisionTableEvaluationEvent event) {
        lastMatch = null;
        for (DmnEvaluatedDecisionRule rule : event.getMatchingRules()) {
            matchedRules.add(rule.getId());
            lastMatch = rule.getId();
        }
    }
}
