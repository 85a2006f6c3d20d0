package com.csmflow.api;

/** The request is well-formed but clashes with the current state (duplicate, retired, ...): 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
