package com.csmflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.EmbeddedPostgres17;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Tuning 24 (docs/performance.md): the job executor acquires a stream of new jobs in batches. Each case
 * runs a standalone engine with the application's acquisition settings on a database of its own in the
 * test JVM's embedded PostgreSQL; the engine's own pacing ({@code acquisition-pause=0}) is the control.
 */
class PacedJobExecutorTest {

    private static final int INSTANCES = 60;
    private static final BpmnModelInstance ONE_ASYNC_STEP = Bpmn.createExecutableProcess("one-async-step")
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("step")
            .camundaAsyncBefore()
            .camundaExpression("${true}")
            .endEvent()
            .done();

    @Test
    void aStreamOfNewJobsIsAcquiredInBatchesInsteadOfOnceForEveryNewJob() throws Exception {
        try (EmbeddedPostgres17.Lease lease = EmbeddedPostgres17.lease()) {
            int enginePacing = acquisitionsWhileStarting(lease, "csmflow_pacing_engine", Duration.ZERO);
            int paced = acquisitionsWhileStarting(lease, "csmflow_pacing_paced", Duration.ofMillis(200));

            System.out.printf(
                    "acquisitions for %d instances: %d paced, %d with the engine's pacing%n",
                    INSTANCES, paced, enginePacing);
            // the engine acquires again after every transaction that added a job: about once per instance
            assertThat(paced)
                    .as("acquisitions with a 200 ms pause against %d without", enginePacing)
                    .isLessThanOrEqualTo(enginePacing / 3);
        }
    }

    @Test
    void aBacklogIsAcquiredAgainAtOnceAndAQuietExecutorWaitsOnlyWhatIsLeftOfThePause() {
        assertThat(PacedJobExecutor.pauseBeforeNextAcquisition(false, 1_000, 1_010, 100))
                .isZero();
        assertThat(PacedJobExecutor.pauseBeforeNextAcquisition(true, 1_000, 1_010, 100))
                .isEqualTo(90);
        assertThat(PacedJobExecutor.pauseBeforeNextAcquisition(true, 1_000, 1_150, 100))
                .isZero();
    }

    @Test
    void takesEveryAcquisitionSettingTheStarterConfigured() {
        CamundaBpmProperties properties = new CamundaBpmProperties();
        properties.getJobExecution().setMaxJobsPerAcquisition(16);
        properties.getJobExecution().setWaitTimeInMillis(1000);
        properties.getJobExecution().setMaxWait(2000L);
        properties.getJobExecution().setLockTimeInMillis(120_000);
        properties.getJobExecution().setBackoffTimeInMillis(30);
        properties.getJobExecution().setMaxBackoff(500L);
        properties.getJobExecution().setBackoffDecreaseThreshold(50);
        properties.getJobExecution().setWaitIncreaseFactor(1.5f);
        ThreadPoolTaskExecutor threads = new ThreadPoolTaskExecutor();

        SpringJobExecutor executor = (SpringJobExecutor)
                PacedJobExecutorConfiguration.jobExecutor(threads, properties, Duration.ofMillis(100));

        assertThat(executor).isInstanceOf(PacedJobExecutor.class);
        assertThat(((PacedJobExecutor) executor).getPause()).isEqualTo(Duration.ofMillis(100));
        assertThat(executor.getTaskExecutor()).isSameAs(threads);
        assertThat(executor.getRejectedJobsHandler()).isNotNull();
        assertThat(executor.getMaxJobsPerAcquisition()).isEqualTo(16);
        assertThat(executor.getWaitTimeInMillis()).isEqualTo(1000);
        assertThat(executor.getMaxWait()).isEqualTo(2000);
        assertThat(executor.getLockTimeInMillis()).isEqualTo(120_000);
        assertThat(executor.getBackoffTimeInMillis()).isEqualTo(30);
        assertThat(executor.getMaxBackoff()).isEqualTo(500);
        assertThat(executor.getBackoffDecreaseThreshold()).isEqualTo(50);
        assertThat(executor.getWaitIncreaseFactor()).isEqualTo(1.5f);
    }

    /** Starts {@link #INSTANCES} instances one after the other and counts acquisitions until all ended. */
    private static int acquisitionsWhileStarting(EmbeddedPostgres17.Lease lease, String database, Duration pause)
            throws InterruptedException {
        CountingExecutor executor = new CountingExecutor(pause);
        ThreadPoolTaskExecutor threads = new ThreadPoolTaskExecutor();
        threads.setCorePoolSize(4);
        threads.setQueueCapacity(32);
        threads.initialize();
        executor.setTaskExecutor(threads);
        executor.setMaxJobsPerAcquisition(16);
        executor.setWaitTimeInMillis(1000);
        executor.setMaxWait(2000);

        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration
                .setProcessEngineName(database)
                .setJdbcUrl(lease.freshDatabase(database))
                .setJdbcUsername("postgres")
                .setJdbcPassword("postgres")
                .setJdbcDriver("org.postgresql.Driver")
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setHistory(ProcessEngineConfiguration.HISTORY_NONE)
                .setMetricsEnabled(false);
        configuration.setJobExecutor(executor);
        configuration.setJobExecutorActivate(true);
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            engine.getRepositoryService()
                    .createDeployment()
                    .addModelInstance("one-async-step.bpmn", ONE_ASYNC_STEP)
                    .deploy();
            executor.acquisitions.set(0);
            for (int i = 0; i < INSTANCES; i++) {
                engine.getRuntimeService().startProcessInstanceByKey("one-async-step");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (engine.getRuntimeService().createProcessInstanceQuery().count() > 0) {
                assertThat(System.nanoTime()).as("all instances ended").isLessThan(deadline);
                Thread.sleep(50);
            }
            return executor.acquisitions.get();
        } finally {
            engine.close();
            threads.shutdown();
        }
    }

    private static final class CountingExecutor extends PacedJobExecutor {

        final AtomicInteger acquisitions = new AtomicInteger();

        CountingExecutor(Duration pause) {
            super(pause);
        }

        @Override
        public void logAcquisitionAttempt(ProcessEngineImpl engine) {
            acquisitions.incrementAndGet();
            super.logAcquisitionAttempt(engine);
        }
    }
}
