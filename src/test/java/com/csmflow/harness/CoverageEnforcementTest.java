package com.csmflow.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.csmflow.servicedesk.ServiceDeskRequestProcess;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Proves that process test coverage is enforced, not only measured: a process test class that leaves
 * part of its process unvisited fails, although each of its test methods passes.
 */
class CoverageEnforcementTest {

    private static final String PROBE = "csmflow.coverage-enforcement-probe";

    @Test
    void aProcessTestClassBelowTheThresholdFails() {
        TestExecutionSummary summary;
        System.setProperty(PROBE, "true");
        try {
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            LauncherFactory.create()
                    .execute(
                            LauncherDiscoveryRequestBuilder.request()
                                    .selectors(selectClass(UnderCoveredProcessTest.class))
                                    .build(),
                            listener);
            summary = listener.getSummary();
        } finally {
            System.clearProperty(PROBE);
        }

        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        List<TestExecutionSummary.Failure> failures = summary.getFailures();
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).getTestIdentifier().isContainer()).isTrue();
        assertThat(failures.get(0).getException())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(
                        "coverage ratio is at least " + ProcessCoverageConfiguration.CLASS_COVERAGE_AT_LEAST);
    }

    /** Starts the service desk request and stops at its user task: 3 of its 5 elements. */
    @CsmFlowTest
    @EnabledIfSystemProperty(named = PROBE, matches = "true")
    static class UnderCoveredProcessTest {

        @Autowired
        RuntimeService runtimeService;

        private ProcessInstance instance;

        @Test
        void startsButNeverFinishes() {
            instance = runtimeService.startProcessInstanceByKey(
                    ServiceDeskRequestProcess.KEY,
                    java.util.Map.of(
                            "clientReference", "ALPENWERK",
                            "category", "OTHER",
                            "priority", "P4",
                            "subject", "coverage probe",
                            "requesterEmail", "probe@client.example"));
            assertThat(instance.isEnded()).isFalse();
        }

        @AfterEach
        void removeInstance() {
            runtimeService.deleteProcessInstance(instance.getId(), "coverage probe");
        }
    }
}
