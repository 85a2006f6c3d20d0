package com.csmflow.engine;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Writing process variables from delegates. */
public final class ProcessVariables {

    private ProcessVariables() {}

    /**
     * Writes a value only when the variable is new or holds another value. With history "full", every
     * write costs a runtime update and two history rows (the variable and its update log), even when
     * the value did not change: a step that writes back what is there already adds nothing to the
     * audit trail but rows (docs/performance.md, tunings 12 and 17).
     */
    public static void setIfChanged(VariableScope scope, String name, Object value) {
        if (!scope.hasVariable(name) || !Objects.equals(scope.getVariable(name), value)) {
            scope.setVariable(name, value);
        }
    }
}
