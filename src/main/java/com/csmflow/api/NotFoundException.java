package com.csmflow.api;

/** An id in the URL that names nothing: answered with 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what, Object id) {
        super(what + " '" + id + "' not found");
    }
}
