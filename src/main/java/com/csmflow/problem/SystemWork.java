package com.csmflow.problem;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs engine calls that the REST API makes on a caller's behalf without the caller's engine
 * authorization: the API has already checked the caller's role ({@code @RequiresGroup}), and starting
 * or correlating a problem is the system's work, not a Tasklist start by that user.
 */
final class SystemWork {

    private SystemWork() {
    }

    static <T> T run(IdentityService identityService, Supplier<T> work) {
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return work.get();
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }
}
