package com.csmflow.engine;

import java.time.Duration;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.SequentialJobAcquisitionRunnable;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;

/**
 * The starter's job executor with one change (docs/performance.md, tuning 24): after an acquisition that
 * found less than a full batch, the next one waits at least {@code csmflow.jobs.acquisition-pause}.
 *
 * <p>The engine acquires again at once whenever a transaction has added a job since the last
 * acquisition. Under a steady load every committed step adds one, so the acquisition query (the dearest
 * statement the job executor sends) ran back to back, finding one or two jobs each time. With the pause
 * the jobs added meanwhile are acquired together. A backlog (a full batch) is still acquired without a
 * pause, and an executor that has been idle longer than the pause still answers a new job at once. The
 * cost: a job added right after an acquisition starts up to the pause later.
 *
 * <p>Engine internals: the engine offers no setting for this; its acquisition loop
 * ({@code SequentialJobAcquisitionRunnable}) is replaceable only by a job executor subclass.
 */
public class PacedJobExecutor extends SpringJobExecutor {

    private final Duration pause;

    public PacedJobExecutor(Duration pause) {
        this.pause = pause;
    }

    /** Copies what the starter configured from {@code camunda.bpm.job-execution.*}. */
    public static PacedJobExecutor like(SpringJobExecutor configured, Duration pause) {
        PacedJobExecutor paced = new PacedJobExecutor(pause);
        paced.setTaskExecutor(configured.getTaskExecutor());
        paced.setRejectedJobsHandler(configured.getRejectedJobsHandler());
        paced.setLockTimeInMillis(configured.getLockTimeInMillis());
        paced.setMaxJobsPerAcquisition(configured.getMaxJobsPerAcquisition());
        paced.setWaitTimeInMillis(configured.getWaitTimeInMillis());
        paced.setMaxWait(configured.getMaxWait());
        paced.setBackoffTimeInMillis(configured.getBackoffTimeInMillis());
        paced.setMaxBackoff(configured.getMaxBackoff());
        paced.setBackoffDecreaseThreshold(configured.getBackoffDecreaseThreshold());
        paced.setWaitIncreaseFactor(configured.getWaitIncreaseFactor());
        return paced;
    }

    public Duration getPause() {
        return pause;
    }

    @Override
    protected void ensureInitialization() {
        super.ensureInitialization();
        if (!pause.isZero()) {
            acquireJobsRunnable = new PacedAcquisition(this, pause.toMillis());
        }
    }

    /** How long to wait before the next acquisition without waking for new jobs; 0 for none. */
    static long pauseBeforeNextAcquisition(
            boolean foundLessThanAFullBatch, long acquiredAt, long now, long pauseMillis) {
        if (!foundLessThanAFullBatch) {
            return 0; // a backlog: acquire again at once
        }
        return Math.max(0, acquiredAt + pauseMillis - now);
    }

    private static final class PacedAcquisition extends SequentialJobAcquisitionRunnable {

        private final long pauseMillis;

        PacedAcquisition(JobExecutor jobExecutor, long pauseMillis) {
            super(jobExecutor);
            this.pauseMillis = pauseMillis;
        }

        @Override
        protected void suspendAcquisition(long millis) {
            long pause = pauseBeforeNextAcquisition(
                    acquisitionContext.areAllEnginesIdle(),
                    acquisitionContext.getAcquisitionTime(),
                    System.currentTimeMillis(),
                    pauseMillis);
            if (pause > 0) {
                // not the engine's wait: a new job would end that at once. New jobs only set the flag
                // that makes the next cycle acquire them.
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            super.suspendAcquisition(millis - pause);
        }
    }
}
