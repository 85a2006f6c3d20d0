package com.csmflow.harness;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.community.process_test_coverage.core.model.DefaultCollector;
import org.camunda.community.process_test_coverage.core.model.Run;
import org.camunda.community.process_test_coverage.core.model.Suite;
import org.camunda.community.process_test_coverage.engine.platform7.ExecutionContextModelProvider;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessEngineAdapter;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Process test coverage for every {@link CsmFlowTest}, in the one shared context.
 *
 * <ul>
 *   <li>Measured: the coverage parse listener is in the engine of the shared context; test classes
 *       whose name ends in {@code ProcessTest} get a coverage suite and an HTML/JSON report under
 *       {@code target/process-test-coverage/}.</li>
 *   <li>Enforced: a {@code *ProcessTest} class that covers less than {@link #CLASS_COVERAGE_AT_LEAST}
 *       of the elements of the processes it ran fails (in its after-all phase), and so does the build.
 *       Raise it with {@code -Dorg.camunda.community.process_test_coverage.ASSERT_AT_LEAST=1.0}.</li>
 * </ul>
 * Other test classes (security, REST, registers) are not measured: a class that runs no process would
 * otherwise fail the threshold. {@code CoverageEnforcementTest} proves the threshold bites.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(ProcessEngineCoverageConfiguration.class)
public class ProcessCoverageConfiguration {

    /** Share of flow nodes and sequence flows a process test class must cover. Keep raising it. */
    public static final double CLASS_COVERAGE_AT_LEAST = 0.8;

    /** Which test classes are process tests. */
    public static final String PROCESS_TEST_CLASSES = "*ProcessTest";

    /** Primary: the imported configuration declares default properties, and the listener takes the one bean. */
    @Bean
    @Primary
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
        return ProcessEngineCoverageProperties.builder()
                .addInclusionPatternForTestClasses(PROCESS_TEST_CLASSES)
                .assertClassCoverageAtLeast(CLASS_COVERAGE_AT_LEAST)
                // method coverage is logged, the threshold is per class
                .handleTestMethodCoverage(false)
                .build();
    }

    /**
     * The coverage listeners inside the engine refuse to record before a process test class has given
     * them a collector, and a non-process test class never does. Until then they record into this
     * collector, which nobody reports on, so processes run by other tests don't fail.
     */
    @Bean
    DefaultCollector coverageCollectorOutsideProcessTests(ProcessEngine processEngine) {
        DefaultCollector discarded = new DefaultCollector(new ExecutionContextModelProvider());
        discarded.createSuite(new Suite("outside-process-tests", "Not a process test"));
        discarded.activateSuite("outside-process-tests");
        discarded.createRun(new Run("outside-process-tests", "Not a process test"), "outside-process-tests");
        discarded.activateRun("outside-process-tests");
        new ProcessEngineAdapter(processEngine, discarded).initializeListeners();
        return discarded;
    }
}
