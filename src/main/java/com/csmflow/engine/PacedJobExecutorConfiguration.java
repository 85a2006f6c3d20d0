package com.csmflow.engine;

import java.time.Duration;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultJobConfiguration.JobConfiguration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;

/**
 * Puts {@link PacedJobExecutor} where the starter would put its own job executor, configured by the
 * starter from {@code camunda.bpm.job-execution.*}. {@code csmflow.jobs.acquisition-pause=0} keeps the
 * engine's pacing.
 *
 * <p>Engine internals: the job executor the starter builds is an engine class ({@code JobExecutor}),
 * and the bean that replaces it must be one too.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
        prefix = "camunda.bpm.job-execution",
        name = "enabled",
        havingValue = "true",
        matchIfMissing = true)
class PacedJobExecutorConfiguration {

    @Bean
    static JobExecutor jobExecutor(
            @Qualifier(JobConfiguration.CAMUNDA_TASK_EXECUTOR_QUALIFIER) TaskExecutor taskExecutor,
            CamundaBpmProperties properties,
            @Value("${csmflow.jobs.acquisition-pause:100ms}") Duration pause) {
        if (pause.isNegative()) {
            throw new IllegalStateException("csmflow.jobs.acquisition-pause must not be negative, not " + pause);
        }
        SpringJobExecutor configured = (SpringJobExecutor) JobConfiguration.jobExecutor(taskExecutor, properties);
        return PacedJobExecutor.like(configured, pause);
    }
}
