package com.csmflow.notification;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/**
 * The delivery jobs (tuning 23: a job without a process instance per batch of mail) that a case decided,
 * found by its business key, for tests that run the engine's jobs themselves (the job executor is off).
 */
public final class DeliveryJobs {

    private DeliveryJobs() {}

    /** The open delivery jobs of the case with this business key. */
    public static List<Job> of(ManagementService management, String businessKey) {
        return management.createJobQuery().messages().list().stream()
                .filter(job -> {
                    NotificationDeliveryJob.Batch batch = NotificationDeliveryJob.batchOf(job);
                    return batch != null && Objects.equals(batch.businessKey(), businessKey);
                })
                .toList();
    }

    /** Runs the open delivery jobs of the case with this business key once each. */
    public static void run(ManagementService management, String businessKey) {
        of(management, businessKey).forEach(job -> management.executeJob(job.getId()));
    }
}
