package com.csmflow.api;

/** A field that passed bean validation but breaks a business rule: 400 naming the field. */
public class InvalidFieldException extends RuntimeException {
    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
