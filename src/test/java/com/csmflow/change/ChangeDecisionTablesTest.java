package com.csmflow.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

/**
 * The two decision tables of the change workflow, straight from bpmn/ on the DMN engine (no Spring):
 * one case per rule row, and every row of both tables must have been the matching (first) row once.
 */
class ChangeDecisionTablesTest {

    private static DmnEngine engine;
    private static DmnDecision classification;
    private static DmnDecision approval;
    private static final Set<String> matchedRules = new LinkedHashSet<>();

    @BeforeAll
    static void parseTables() throws Exception {
        DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DefaultDmnEngineConfiguration
                .createDefaultDmnEngineConfiguration();
        List<DmnDecisionTableEvaluationListener> listeners = new ArrayList<>();
        listeners.add(ChangeDecisionTablesTest::recordMatch);
        configuration.customPostDecisionTableEvaluationListeners(listeners);
        engine = configuration.buildEngine();
        classification = parse("bpmn/change-classification.dmn", "change-classification");
        approval = parse("bpmn/change-cab-approval.dmn", "change-cab-approval");
    }

    @AfterAll
    static void everyRowMatchedOnce() {
        Set<String> rows = new LinkedHashSet<>();
        for (String file : List.of("bpmn/change-classification.dmn", "bpmn/change-cab-approval.dmn")) {
            Dmn.readModelFromFile(Path.of(file).toFile()).getModelElementsByType(Rule.class)
                    .forEach(rule -> rows.add(rule.getId()));
        }
        assertThat(matchedRules).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void classificationEmergencyWithHighImpactIsCriticalAndMajor() {
        assertThat(classify("emergency", false, "high", "low"))
                .containsEntry("changeClass", "emergency").containsEntry("riskLevel", "high")
                .containsEntry("priority", "P1").containsEntry("majorChange", true);
    }

    @Test
    void classificationOtherEmergency() {
        assertThat(classify("emergency", true, "medium", "critical"))
                .containsEntry("changeClass", "emergency").containsEntry("riskLevel", "medium")
                .containsEntry("priority", "P2").containsEntry("majorChange", false);
    }

    @Test
    void classificationCatalogueChangeIsStandard() {
        assertThat(classify("standard", false, "medium", "high"))
                .containsEntry("changeClass", "standard").containsEntry("riskLevel", "low").containsEntry("priority", "P4");
    }

    @Test
    void classificationNonStandardOrHighImpactStandardBecomesNormal() {
        assertThat(classify("standard", true, "low", "low")).containsEntry("changeClass", "normal")
                .containsEntry("riskLevel", "low").containsEntry("priority", "P4");
        assertThat(classify("standard", false, "high", "high")).containsEntry("changeClass", "normal")
                .containsEntry("riskLevel", "high").containsEntry("priority", "P2").containsEntry("majorChange", true);
    }

    @Test
    void classificationHighImpact() {
        assertThat(classify("normal", false, "high", "low")).containsEntry("riskLevel", "high")
                .containsEntry("priority", "P3").containsEntry("majorChange", true);
    }

    @Test
    void classificationMediumImpactUrgentAndNot() {
        assertThat(classify("normal", false, "medium", "critical")).containsEntry("riskLevel", "medium")
                .containsEntry("priority", "P2");
        assertThat(classify("normal", false, "medium", "low")).containsEntry("riskLevel", "medium")
                .containsEntry("priority", "P3").containsEntry("majorChange", false);
    }

    @Test
    void approvalStandardNeedsNoCab() {
        Map<String, Object> result = approve("standard", "low", "STANDARD");
        assertThat(result).containsEntry("cabRequired", false).containsEntry("approvalRule", "none");
        assertThat(result.get("vetoGroup")).isNull();
    }

    @Test
    void approvalEmergencyFirstDecisionCounts() {
        assertThat(approve("emergency", "high", "ENHANCED")).containsEntry("cabRequired", true)
                .containsEntry("approvalRule", "any").containsEntry("vetoGroup", "isec");
    }

    @Test
    void approvalHighRiskNeedsEveryone() {
        assertThat(approve("normal", "high", "STANDARD")).containsEntry("approvalRule", "all");
    }

    @Test
    void approvalMediumRiskEnhancedNeedsThreeQuarters() {
        assertThat(approve("normal", "medium", "ENHANCED")).containsEntry("approvalRule", "percentage")
                .containsEntry("approvalPercentage", 75);
    }

    @Test
    void approvalMediumRiskStandardNeedsMajority() {
        Map<String, Object> result = approve("normal", "medium", "STANDARD");
        assertThat(result).containsEntry("approvalRule", "majority");
        assertThat(result.get("approvalPercentage")).isNull();
    }

    @Test
    void approvalLowRiskOneApproval() {
        assertThat(approve("normal", "low", "ENHANCED")).containsEntry("cabRequired", true)
                .containsEntry("approvalRule", "any");
    }

    private static Map<String, Object> classify(String type, boolean nonStandard, String impact, String urgency) {
        return evaluate(classification, Variables.createVariables().putValue("requestedType", type)
                .putValue("nonStandard", nonStandard).putValue("impact", impact).putValue("urgency", urgency));
    }

    private static Map<String, Object> approve(String changeClass, String risk, String tier) {
        return evaluate(approval, Variables.createVariables().putValue("changeClass", changeClass)
                .putValue("riskLevel", risk).putValue("clientTier", tier));
    }

    private static Map<String, Object> evaluate(DmnDecision decision, Map<String, Object> variables) {
        DmnDecisionResultEntries result = engine.evaluateDecision(decision, variables).getSingleResult();
        return new HashMap<>(result.getEntryMap());
    }

    private static void recordMatch(DmnDecisionTableEvaluationEvent event) {
        for (DmnEvaluatedDecisionRule rule : event.getMatchingRules()) {
            matchedRules.add(rule.getId());
        }
    }

    private static DmnDecision parse(String file, String key) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return engine.parseDecision(key, in);
        }
    }
}
