package com.csmflow.api;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A value a person or a caller supplied to the engine (start form, task form, engine REST variables) that
 * breaks a rule of the platform. It is a {@link BadUserRequestException}, which the engine REST API and the
 * webapps' engine API answer with 400 and this message, so Tasklist shows it on the form and the task stays
 * open (the engine's transaction rolls back). The message names the field. A delegate or listener that
 * validates user input throws this, never a bare {@code IllegalArgumentException} (that would be a 500).
 */
public class InvalidInputException extends BadUserRequestException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The same rule broken on the domain API's side, carried over to the engine path. */
    public static InvalidInputException of(InvalidFieldException invalid) {
        return new InvalidInputException(invalid.field(), invalid.getMessage());
    }

    public String field() {
        return field;
    }
}
