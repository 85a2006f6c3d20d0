package com.csmflow.engine;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable with its name and type in one place: declared once per workflow (e.g.
 * {@code ChangeProcess.CLIENT_REFERENCE}) and used by delegates, services, tests and the benchmark, so a
 * name is never typed twice and a value is read as what it is. Variables that several workflows share
 * (the client of a case, its priority) are declared in {@link CaseVariables}.
 *
 * @param <T> the Java type the engine stores for it (String, Boolean, Date, a List of Strings, ...)
 */
public final class ProcessVariable<T> {

    private final String name;
    private final Class<?> type;

    private ProcessVariable(String name, Class<?> type) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
    }

    public static ProcessVariable<String> text(String name) {
        return new ProcessVariable<>(name, String.class);
    }

    public static ProcessVariable<Boolean> flag(String name) {
        return new ProcessVariable<>(name, Boolean.class);
    }

    public static ProcessVariable<java.util.Date> instant(String name) {
        return new ProcessVariable<>(name, java.util.Date.class);
    }

    public static ProcessVariable<Long> number(String name) {
        return new ProcessVariable<>(name, Long.class);
    }

    /** A list of texts, stored as a list (never comma-joined), e.g. CAB voters or SIP references. */
    public static ProcessVariable<List<String>> texts(String name) {
        return new ProcessVariable<>(name, List.class);
    }

    /** A value of another type (a Spin JSON node, a map): read as the engine hands it over. */
    public static <V> ProcessVariable<V> of(String name, Class<V> type) {
        return new ProcessVariable<>(name, type);
    }

    public String name() {
        return name;
    }

    /** The value from the scope or its parents, or {@code null} when absent. */
    @SuppressWarnings("unchecked")
    public T get(VariableScope scope) {
        Object value = scope.getVariable(name);
        if (value == null) {
            return null;
        }
        if (type == String.class && !(value instanceof String)) {
            return (T) value.toString(); // a number or enum typed into a text field
        }
        if (!type.isInstance(value)) {
            throw new IllegalStateException("Process variable '" + name + "' holds a "
                    + value.getClass().getSimpleName() + ", expected a " + type.getSimpleName());
        }
        return (T) value;
    }

    /** The value, or {@code fallback} when absent. */
    public T get(VariableScope scope, T fallback) {
        T value = get(scope);
        return value == null ? fallback : value;
    }

    /** A text value trimmed, or {@code null} when absent or blank. */
    public String text(VariableScope scope) {
        Object value = scope.getVariable(name);
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    public void set(VariableScope scope, T value) {
        scope.setVariable(name, value);
    }

    /** Writes only when the value changes (see {@link ProcessVariables#setIfChanged}). */
    public void setIfChanged(VariableScope scope, T value) {
        ProcessVariables.setIfChanged(scope, name, value);
    }

    public boolean isPresent(VariableScope scope) {
        return scope.getVariable(name) != null;
    }

    @Override
    public String toString() {
        return name;
    }
}
