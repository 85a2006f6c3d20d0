package com.csmflow.infosec;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Where the InfoSec training of a team member is recorded (seed 003 §2.2.5 step 5): the platform's
 * training-record register ({@code /api/training-records}, {@link RegisterTrainingRecorder}).
 */
public interface TrainingRecorder {

    /** Records that the team member took the training, inside the step's transaction, once per step. */
    void record(
            DelegateExecution execution,
            String serviceReference,
            String userId,
            String topic,
            String material,
            LocalDate trainedOn,
            long planVersion);
}
