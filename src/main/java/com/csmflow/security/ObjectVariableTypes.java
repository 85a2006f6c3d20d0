package com.csmflow.security;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.DeserializationTypeValidator;

/**
 * The Java types an Object variable may have on this platform, and the engine's check before it turns
 * a stored Object variable back into Java (Jackson builds whatever class a variable names).
 * <p>
 * The platform's own Object variables are JSON lists and maps: {@code cabVoters} and
 * {@code sipActionReferences} ({@code ArrayList<String>}), {@code camunda:list}/{@code camunda:map}
 * inputs and untyped JSON values sent over REST ({@code ArrayList}/{@code LinkedHashMap} of JSON
 * scalars, lists and maps). Form-js values arrive as Spin {@code Json}, which is never mapped to a Java
 * class. Stricter than the engine's default validator, which lets through all of {@code java.lang}
 * (e.g. {@code java.lang.Class}, whose deserializer loads and initializes any class by name).
 */
final class ObjectVariableTypes implements DeserializationTypeValidator {

    static final Set<String> ALLOWED = Set.of(
            "java.util.ArrayList",
            "java.util.LinkedHashMap",
            "java.util.HashMap",
            "java.lang.Object",
            "java.lang.String",
            "java.lang.Boolean",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Double",
            "java.math.BigInteger",
            "java.math.BigDecimal");

    /** Jackson's canonical type names: class names, type parameters in {@code <>}, array brackets. */
    private static final Pattern CANONICAL = Pattern.compile("[\\w.$]+(\\[])*|[<>,\\s]");

    private static final Pattern CLASS_NAME = Pattern.compile("[\\w.$]+");

    /** Called by the engine for each class of a type (the list and its element type separately). */
    @Override
    public boolean validate(String className) {
        return className != null && ALLOWED.contains(className);
    }

    /**
     * Whether a caller may send an Object variable of this {@code objectTypeName}: every class named
     * in it, type parameters included, is allowed. Read as text, so no class is loaded to decide.
     */
    static boolean permits(String objectTypeName) {
        if (objectTypeName == null || objectTypeName.isBlank()) {
            return false;
        }
        Matcher syntax = CANONICAL.matcher(objectTypeName);
        int end = 0;
        while (syntax.lookingAt()) {
            end = syntax.end();
            syntax.region(end, objectTypeName.length());
        }
        if (end != objectTypeName.length()) {
            return false;
        }
        Matcher names = CLASS_NAME.matcher(objectTypeName);
        while (names.find()) {
            if (!ALLOWED.contains(names.group())) {
                return false;
            }
        }
        return true;
    }
}
