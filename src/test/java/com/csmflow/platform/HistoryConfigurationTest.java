package com.csmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** History is complete but bounded: level full, a default time-to-live, a nightly cleanup window. */
@CsmFlowTest
class HistoryConfigurationTest {

    @Autowired
    ProcessEngine processEngine;

    @Autowired
    HistoryService historyService;

    @Test
    void historyIsFullAndCleanedUpEveryNight() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();

        assertThat(configuration.getHistoryLevel()).isEqualTo(HistoryLevel.HISTORY_LEVEL_FULL);
        assertThat(configuration.getHistoryTimeToLive()).isEqualTo("P180D");
        assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
        assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
        assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
        assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("start");
        // with a batch window the engine schedules its cleanup job at start-up
        assertThat(historyService.findHistoryCleanupJobs())
                .isNotEmpty()
                .allSatisfy(job -> assertThat(job).extracting(Job::getDuedate).isNotNull());
    }

    @Test
    void adHocQueriesNeverEvaluateExpressions() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        assertThat(configuration.isEnableExpressionsInAdhocQueries()).isFalse();
        assertThat(configuration.isAuthorizationEnabled()).isTrue();
    }
}
