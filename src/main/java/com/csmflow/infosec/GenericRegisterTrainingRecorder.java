package com.csmflow.infosec;

import com.csmflow.register.RegisterEntries;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The stand-in for the training-record register: one generic register row per person, service and plan
 * version ({@code training-record}, reference {@code <service>:<user>:v<version>}), audited like every
 * register write. Replace with the training-record register's service once it is on main.
 */
@Component
class GenericRegisterTrainingRecorder implements TrainingRecorder {

    private final RegisterEntries entries;

    GenericRegisterTrainingRecorder(RegisterEntries entries) {
        this.entries = entries;
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
        String reference = serviceReference + ":" + userId + ":v" + planVersion;
        if (reference.length() > 64) {
            reference = reference.substring(0, 64);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serviceReference", serviceReference);
        data.put("userId", userId);
        data.put("kind", "infosec");
        data.put("topic", topic);
        data.put("material", material);
        data.put("trainedOn", trainedOn.toString());
        data.put("planVersion", planVersion);
        entries.recordOnce(execution, REGISTER, reference, null, data);
    }
}
