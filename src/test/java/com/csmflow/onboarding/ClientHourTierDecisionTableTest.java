package com.csmflow.onboarding;

import static com.csmflow.onboarding.OnboardingProcess.DEVICE_COUNT;
import static com.csmflow.onboarding.OnboardingProcess.MONTHLY_SPEND;
import static com.csmflow.onboarding.OnboardingProcess.RECOMMENDED_BASE_HOURS;
import static com.csmflow.onboarding.OnboardingProcess.RECOMMENDED_HOURS;
import static com.csmflow.onboarding.OnboardingProcess.RECOMMENDED_PACKAGE;
import static com.csmflow.onboarding.OnboardingProcess.RECOMMENDED_SUPPLEMENTAL_HOURS;
import static com.csmflow.onboarding.OnboardingProcess.TECHNOLOGY_GROUPS;
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
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hour tier table, straight from bpmn/ on the DMN engine (no Spring): each band edge on both sides,
 * the entry package's restrictions (one technology group, fewer than 250 devices) and +10 h per extra
 * group; every row must have matched at least once.
 */
class ClientHourTierDecisionTableTest {

    private static final String FILE = "bpmn/client-hour-tier.dmn";
    private static DmnEngine engine;
    private static DmnDecision tier;
    private static final Set<String> matchedRules = new LinkedHashSet<>();
    private static final List<String> matchedNow = new ArrayList<>();

    @BeforeAll
    static void parseTable() throws Exception {
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DefaultDmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        configuration.customPostDecisionTableEvaluationListeners(List.of(ClientHourTierDecisionTableTest::recordMatch));
        engine = configuration.buildEngine();
        try (InputStream in = Files.newInputStream(Path.of(FILE))) {
            tier = engine.parseDecision(OnboardingProcess.HOUR_TIER_TABLE, in);
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

    @ParameterizedTest(name = "spend {0}, groups {1}, devices {2}: {3} {4} h + {5} h = {6} h ({7})")
    @CsvSource({
        // entry package: one technology group, fewer than 250 devices
        "0, 1, 1, entry, 20, 0, 20, Rule_Entry",
        "9999.99, 1, 100, entry, 20, 0, 20, Rule_Entry",
        "23999.99, 1, 249, entry, 20, 0, 20, Rule_Entry",
        // 250 devices: the entry package is not allowed
        "23999.99, 1, 250, tier-30, 30, 0, 30, Rule_BelowEntryNotEligible",
        "10000, 1, 1000, tier-30, 30, 0, 30, Rule_BelowEntryNotEligible",
        // several technology groups: not the entry package, and +10 h per extra group
        "10000, 2, 10, tier-30, 30, 10, 40, Rule_BelowEntryNotEligible",
        "5000, 3, 300, tier-30, 30, 20, 50, Rule_BelowEntryNotEligible",
        // the bands, each edge on both sides
        "24000, 1, 10, tier-30, 30, 0, 30, Rule_Tier30",
        "31999.99, 1, 10, tier-30, 30, 0, 30, Rule_Tier30",
        "32000, 1, 10, tier-40, 40, 0, 40, Rule_Tier40",
        "39999.99, 2, 10, tier-40, 40, 10, 50, Rule_Tier40",
        "40000, 1, 500, tier-50, 50, 0, 50, Rule_Tier50",
        "49999.99, 1, 10, tier-50, 50, 0, 50, Rule_Tier50",
        "50000, 1, 10, tier-60, 60, 0, 60, Rule_Tier60",
        "69999.99, 4, 10, tier-60, 60, 30, 90, Rule_Tier60",
        "70000, 1, 10, tier-70, 70, 0, 70, Rule_Tier70",
        "89999.99, 1, 10, tier-70, 70, 0, 70, Rule_Tier70",
        "90000, 1, 10, tier-80, 80, 0, 80, Rule_Tier80",
        "250000, 3, 2000, tier-80, 80, 20, 100, Rule_Tier80"
    })
    void recommends(
            double spend,
            long groups,
            long devices,
            String expectedPackage,
            int base,
            int supplemental,
            int total,
            String rule) {
        matchedNow.clear();
        DmnDecisionResultEntries result = engine.evaluateDecision(
                        tier,
                        Variables.createVariables()
                                .putValue(MONTHLY_SPEND.name(), spend)
                                .putValue(TECHNOLOGY_GROUPS.name(), groups)
                                .putValue(DEVICE_COUNT.name(), devices))
                .getSingleResult();
        assertThat((String) result.getEntry(RECOMMENDED_PACKAGE.name())).isEqualTo(expectedPackage);
        assertThat(((Number) result.getEntry(RECOMMENDED_BASE_HOURS.name())).intValue())
                .isEqualTo(base);
        assertThat(((Number) result.getEntry(RECOMMENDED_SUPPLEMENTAL_HOURS.name())).intValue())
                .isEqualTo(supplemental);
        assertThat(((Number) result.getEntry(RECOMMENDED_HOURS.name())).intValue())
                .isEqualTo(total);
        assertThat(matchedNow).containsExactly(rule);
    }

    private static void recordMatch(DmnDecisionTableEvaluationEvent event) {
        for (DmnEvaluatedDecisionRule rule : event.getMatchingRules()) {
            matchedRules.add(rule.getId());
            matchedNow.add(rule.getId());
        }
    }
}
