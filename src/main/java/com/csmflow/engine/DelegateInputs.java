package com.csmflow.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.core.variable.mapping.InputParameter;

/**
 * The inputs of an {@link InputReadingDelegate}, read all at once: the activity's
 * {@code camunda:inputParameter}s. Asking for a name the delegate did not declare is a bug and
 * fails at once, so template, {@code inputNames()} and code cannot drift apart silently.
 * <p>
 * Engine internals: the modelled inputs are the engine's {@code InputParameter}s, kept on the activity by
 * {@link DelegateInputsPlugin}; no public API evaluates an input parameter outside the engine's own mapping.
 */
public final class DelegateInputs {

    private final Map<String, Object> values;

    private DelegateInputs(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Reads every declared input (absent ones as {@code null}) before any validation happens: evaluated
     * from the model when {@link DelegateInputsPlugin} took the task's inputs off the engine's mapping,
     * else from the local variables the engine's mapping created.
     */
    public static DelegateInputs read(DelegateExecution execution, Set<String> inputNames) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<InputParameter> modelled = DelegateInputsPlugin.inputsOf(execution);
        for (String name : inputNames) {
            values.put(name, modelled == null ? execution.getVariableLocal(name) : null);
        }
        if (modelled != null) {
            for (InputParameter input : modelled) {
                if (inputNames.contains(input.getName())) {
                    values.put(input.getName(), input.getValueProvider().getValue(execution));
                }
            }
        }
        return new DelegateInputs(Collections.unmodifiableMap(values));
    }

    /** The raw value, or {@code null} when the input is absent or empty. */
    public Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a declared input of this delegate");
        }
        Object value = values.get(name);
        return value instanceof String text && text.isBlank() ? null : value;
    }

    /** A text input, trimmed; {@code null} when absent or blank. */
    public String text(String name) {
        Object value = get(name);
        return value == null ? null : value.toString().trim();
    }

    /** A required text input; a BPMN modelling error when missing. */
    public String requiredText(String name) {
        String value = text(name);
        if (value == null) {
            throw new IllegalArgumentException("Input '" + name + "' is required");
        }
        return value;
    }
}
