package com.csmflow.engine;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who the engine is working for: the signed-in user of the current request or Tasklist action, or
 * nobody (the platform itself: jobs, timers, the domain API after its own role check).
 * <p>
 * Engine internals: {@link IdentityService#getCurrentAuthentication()} is public but returns the
 * engine's internal {@code Authentication} type; this is the one class that touches it.
 */
@Component
public class EngineIdentity {

    private final IdentityService identityService;

    EngineIdentity(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** The user the engine is acting for, or {@code null} when the platform acts by itself. */
    public String currentUserId() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }

    /** The user the engine is acting for, or {@code fallback} when the platform acts by itself. */
    public String currentUserIdOr(String fallback) {
        String userId = currentUserId();
        return userId == null ? fallback : userId;
    }

    /**
     * Runs engine calls as the platform, without the caller's engine authorizations: for work the caller
     * is entitled to through the platform's own rules (the domain API's role check, a register step, a
     * message between workflows) but would not be allowed to do through the engine directly. Works both
     * outside the engine and inside a delegate (the engine reads the current authentication from the
     * identity service for every nested call). The caller's authentication is restored afterwards.
     */
    public <T> T asPlatform(Supplier<T> work) {
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

    /** {@link #asPlatform(Supplier)} for work without a result. */
    public void asPlatform(Runnable work) {
        asPlatform(() -> {
            work.run();
            return null;
        });
    }
}
