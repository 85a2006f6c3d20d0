package com.csmflow.infosec;

import com.csmflow.servicerequest.TrainingKind;
import com.csmflow.servicerequest.TrainingRecords;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Records the InfoSec training of a team member in the platform's training-record register
 * ({@code /api/training-records}, kind {@code INFOSEC_AWARENESS}), where the staffing follow-up of the
 * service sees it: the course names the plan version it was given for.
 */
@Component
class RegisterTrainingRecorder implements TrainingRecorder {

    /** Who the register names as the recorder: the loop's training step, after isec's task. */
    static final String RECORDED_BY = "infosec-loop";

    private final TrainingRecords trainingRecords;

    RegisterTrainingRecorder(TrainingRecords trainingRecords) {
        this.trainingRecords = trainingRecords;
    }

    @Override
    public void record(
            DelegateExecution execution,
            String serviceReference,
            String userId,
            String topic,
            String material,
            LocalDate trainedOn,
            long planVersion) {
        trainingRecords.recordGivenInStep(
                userId,
                courseName(topic, planVersion),
                TrainingKind.INFOSEC_AWARENESS,
                trainedOn,
                material,
                serviceReference,
                RECORDED_BY);
    }

    /** The course as the register shows it: the topic and the plan version it belongs to. */
    static String courseName(String topic, long planVersion) {
        String course = topic + " (InfoSec plan v" + planVersion + ")";
        return course.length() > 200 ? course.substring(0, 200) : course;
    }
}
