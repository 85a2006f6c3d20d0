package com.csmflow.infosec;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Where the InfoSec training of a team member is recorded (seed 003 §2.2.5 step 5). The platform's
 * training-record register (issue 17, {@code /api/training-records}) is its home; until it is on main,
 * {@link GenericRegisterTrainingRecorder} keeps each record as a generic register row, and the integrator
 * swaps the implementation for a call to that register.
 */
public interface TrainingRecorder {

    /** The generic register the stand-in writes ({@code /api/registers/training-record}). */
    String REGISTER = "training-record";

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
