package com.csmflow.api;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A value a person or a caller supplied to the engine (start form, task form, engine REST variables) that
 * breaks a rule of the platform; the message names the field ({@code field: reason}). A delegate or
 * listener that validates user input throws this, never a bare {@code IllegalArgumentException}.
 * <p>
 * Why a form-field validation exception and not {@code BadUserRequestException}: the engine REST resources
 * that complete tasks and submit forms (in {@code /engine-rest} and in the webapps' engine API that Tasklist
 * calls) catch every {@code ProcessEngineException} and answer 500, except this type, which they answer with
 * 400 and its message; Tasklist shows it on the form and the task stays open (the transaction rolls back).
 * {@code EngineRestExceptionMapper.RefusedInput} gives the same 400 where a resource has no such exception (plain start).
 * <p>
 * Engine internals: {@code FormFieldValidationException} is an internal type, and the only one those
 * resources turn into a 400; no public exception does.
 */
public class InvalidInputException extends FormFieldValidationException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(field, field + ": " + message);
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
