package com.csmflow.sla;

import java.util.Locale;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Input names shared by the SLA clock delegates and their element templates, and their parsing. */
final class SlaClockInputs {

    static final String CLOCK_NAME = "clockName";
    static final String METRIC = "metric";
    static final String PRIORITY = "priority";
    static final String CLIENT_REFERENCE = "clientReference";

    /** Clock names become variable prefixes ({@code cabDecisionDue}), so they must be identifiers. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");

    private SlaClockInputs() {}

    /** {@code cab.decision} -> {@code cabDecision}, {@code emergency-cab.decision} -> {@code emergencyCabDecision}. */
    static String defaultClockName(String metric) {
        StringBuilder name = new StringBuilder();
        for (String word : metric.split("[.\\-_]")) {
            if (word.isEmpty()) {
                continue;
            }
            name.append(
                    name.isEmpty()
                            ? word.toLowerCase(Locale.ROOT)
                            : Character.toUpperCase(word.charAt(0))
                                    + word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    static String checkedClockName(String clockName) {
        if (clockName == null || !IDENTIFIER.matcher(clockName).matches()) {
            throw new IllegalArgumentException(
                    "Input '" + CLOCK_NAME + "' must be an identifier such as cabDecision, was '" + clockName + "'");
        }
        return clockName;
    }

    /** The business key the clock is filed under: the process's, or its instance id when it has none. */
    static String businessKey(DelegateExecution execution) {
        String key = execution.getProcessBusinessKey();
        return key == null || key.isBlank() ? execution.getProcessInstanceId() : key;
    }
}
