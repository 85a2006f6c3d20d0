package com.csmflow.change;

import static com.csmflow.change.ChangeProcess.ADVISORY_BOARD;
import static com.csmflow.change.ChangeProcess.APPROVAL_PERCENTAGE;
import static com.csmflow.change.ChangeProcess.APPROVAL_RULE;
import static com.csmflow.change.ChangeProcess.CAB_REQUIRED;
import static com.csmflow.change.ChangeProcess.CHANGE_CLASS;
import static com.csmflow.change.ChangeProcess.IMPACT;
import static com.csmflow.change.ChangeProcess.MAJOR_CHANGE;
import static com.csmflow.change.ChangeProcess.NON_STANDARD;
import static com.csmflow.change.ChangeProcess.REQUESTED_TYPE;
import static com.csmflow.change.ChangeProcess.RISK_LEVEL;
import static com.csmflow.change.ChangeProcess.URGENCY;
import static com.csmflow.change.ChangeProcess.VETO_GROUP;
import static com.csmflow.engine.CaseVariables.CLIENT_TIER;
import static com.csmflow.engine.CaseVariables.PRIORITY;
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
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DefaultDmnEngineConfiguration.createDefaultDmnEngineConfiguration();
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
            Dmn.readModelFromFile(Path.of(file).toFile())
                    .getModelElementsByType(Rule.class)
                    .forEach(rule -> rows.add(rule.getId()));
        }
        assertThat(matchedRules).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void classificationEmergencyWithHighImpactIsCriticalAndMajor() {
        assertThat(classify("emergency", false, "high", "low"))
                .containsEntry(CHANGE_CLASS.name(), "emergency")
                .containsEntry(RISK_LEVEL.name(), "high")
                .containsEntry(PRIORITY.name(), "P1")
                .containsEntry(MAJOR_CHANGE.name(), true);
    }

    @Test
    void classificationOtherEmergency() {
        assertThat(classify("emergency", true, "medium", "critical"))
                .containsEntry(CHANGE_CLASS.name(), "emergency")
                .containsEntry(RISK_LEVEL.name(), "medium")
                .containsEntry(PRIORITY.name(), "P2")
                .containsEntry(MAJOR_CHANGE.name(), false);
    }

    @Test
    void classificationCatalogueChangeIsStandard() {
        assertThat(classify("standard", false, "medium", "high"))
                .containsEntry(CHANGE_CLASS.name(), "standard")
                .containsEntry(RISK_LEVEL.name(), "low")
                .containsEntry(PRIORITY.name(), "P4");
    }

    @Test
    void classificationNonStandardOrHighImpactStandardBecomesNormal() {
        assertThat(classify("standard", true, "low", "low"))
                .containsEntry(CHANGE_CLASS.name(), "normal")
                .containsEntry(RISK_LEVEL.name(), "low")
                .containsEntry(PRIORITY.name(), "P4");
        assertThat(classify("standard", false, "high", "high"))
                .containsEntry(CHANGE_CLASS.name(), "normal")
                .containsEntry(RISK_LEVEL.name(), "high")
                .containsEntry(PRIORITY.name(), "P2")
                .containsEntry(MAJOR_CHANGE.name(), true);
    }

    @Test
    void classificationHighImpact() {
        assertThat(classify("normal", false, "high", "low"))
                .containsEntry(RISK_LEVEL.name(), "high")
                .containsEntry(PRIORITY.name(), "P3")
                .containsEntry(MAJOR_CHANGE.name(), true);
    }

    @Test
    void classificationMediumImpactUrgentAndNot() {
        assertThat(classify("normal", false, "medium", "critical"))
                .containsEntry(RISK_LEVEL.name(), "medium")
                .containsEntry(PRIORITY.name(), "P2");
        assertThat(classify("normal", false, "medium", "low"))
                .containsEntry(RISK_LEVEL.name(), "medium")
                .containsEntry(PRIORITY.name(), "P3")
                .containsEntry(MAJOR_CHANGE.name(), false);
    }

    @Test
    void approvalStandardNeedsNoCab() {
        Map<String, Object> result = approve("standard", "low", "STANDARD");
        assertThat(result)
                .containsEntry(CAB_REQUIRED.name(), false)
                .containsEntry(APPROVAL_RULE.name(), "none")
                .containsEntry(ADVISORY_BOARD.name(), false);
        assertThat(result.get(VETO_GROUP.name())).isNull();
    }

    @Test
    void approvalEmergencyFirstDecisionCounts() {
        assertThat(approve("emergency", "high", "ENHANCED"))
                .containsEntry(CAB_REQUIRED.name(), true)
                .containsEntry(APPROVAL_RULE.name(), "any")
                .containsEntry(VETO_GROUP.name(), "isec")
                .containsEntry(ADVISORY_BOARD.name(), false);
    }

    @Test
    void approvalHighRiskNeedsEveryone() {
        // clear and significant impact: the client's representatives decide too (seed 002), whatever the tier
        assertThat(approve("normal", "high", "STANDARD"))
                .containsEntry(APPROVAL_RULE.name(), "all")
                .containsEntry(ADVISORY_BOARD.name(), true);
        assertThat(approve("normal", "high", "ENHANCED")).containsEntry(ADVISORY_BOARD.name(), true);
    }

    @Test
    void approvalMediumRiskEnhancedNeedsThreeQuarters() {
        assertThat(approve("normal", "medium", "ENHANCED"))
                .containsEntry(APPROVAL_RULE.name(), "percentage")
                .containsEntry(APPROVAL_PERCENTAGE.name(), 75)
                .containsEntry(ADVISORY_BOARD.name(), false);
    }

    @Test
    void approvalMediumRiskStandardNeedsMajority() {
        Map<String, Object> result = approve("normal", "medium", "STANDARD");
        assertThat(result).containsEntry(APPROVAL_RULE.name(), "majority").containsEntry(ADVISORY_BOARD.name(), false);
        assertThat(result.get(APPROVAL_PERCENTAGE.name())).isNull();
    }

    @Test
    void approvalLowRiskOneApproval() {
        assertThat(approve("normal", "low", "ENHANCED"))
                .containsEntry(CAB_REQUIRED.name(), true)
                .containsEntry(APPROVAL_RULE.name(), "any")
                .containsEntry(ADVISORY_BOARD.name(), false);
    }

    @Test
    void approvalLowRiskNormalChangeOfAStandardClientHasItsOwnRow() {
        // the table, not the model, says whether such a change needs a board: today one CAB approval, no
        // customer advisory board
        assertThat(approve("normal", "low", "STANDARD"))
                .containsEntry(CAB_REQUIRED.name(), true)
                .containsEntry(APPROVAL_RULE.name(), "any")
                .containsEntry(VETO_GROUP.name(), "isec")
                .containsEntry(ADVISORY_BOARD.name(), false);
        assertThat(matchedRules).contains("Rule_LowRiskStandard");
    }

    private static Map<String, Object> classify(String type, boolean nonStandard, String impact, String urgency) {
        return evaluate(
                classification,
                Variables.createVariables()
                        .putValue(REQUESTED_TYPE.name(), type)
                        .putValue(NON_STANDARD.name(), nonStandard)
                        .putValue(IMPACT.name(), impact)
                        .putValue(URGENCY.name(), urgency));
    }

    private static Map<String, Object> approve(String changeClass, String risk, String tier) {
        return evaluate(
                approval,
                Variables.createVariables()
                        .putValue(CHANGE_CLASS.name(), changeClass)
                        .putValue(RISK_LEVEL.name(), risk)
                        .putValue(CLIENT_TIER.name(), tier));
    }

    private static Map<String, Object> evaluate(DmnDecision decision, Map<String, Object> variables) {
        DmnDecisionResultEntries result =
                engine.evaluateDecision(decision, variables).getSingleResult();
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
