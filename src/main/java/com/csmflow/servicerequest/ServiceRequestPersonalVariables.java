package com.csmflow.servicerequest;

import com.csmflow.engine.PersonalVariables;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The service's personal answers: the individual assessment, its lessons and planned actions (slots), the individual action
 * reports (moved to the work and action registers by {@code ${recordServiceWork}}), and the team's training
 * status shown on the staffing follow-up. The engine keeps no history of them (docs/registers.md, "Personal
 * data and the engine's history").
 */
@Component
class ServiceRequestPersonalVariables implements PersonalVariables {

    @Override
    public Set<String> names() {
        Set<String> names = new HashSet<>(ServiceRequestProcess.INDIVIDUAL_ACTION_SLOTS.names());
        names.addAll(Set.of(
                ServiceRequestProcess.INDIVIDUAL_ASSESSMENT.name(),
                ServiceRequestProcess.INDIVIDUAL_LESSONS_LEARNED.name(),
                ServiceRequestProcess.INDIVIDUAL_ACTION_REPORT.name(),
                ServiceRequestProcess.TRAINING_STATUS.name()));
        return Set.copyOf(names);
    }
}
