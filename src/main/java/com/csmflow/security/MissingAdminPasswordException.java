package com.csmflow.security;

/** Thrown at start-up when a non-demo profile has no admin password in its environment. */
public class MissingAdminPasswordException extends IllegalStateException {
    MissingAdminPasswordException(String message) {
        super(message);
    }
}
