package com.csmflow.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns the missing admin password into Spring Boot's short start-up failure report, not a stack trace. */
class MissingAdminPasswordFailureAnalyzer extends AbstractFailureAnalyzer<MissingAdminPasswordException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingAdminPasswordException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "export CSMFLOW_ADMIN_PASSWORD=<a strong password> (and optionally CSMFLOW_ADMIN_USER) and start again",
                cause);
    }
}
