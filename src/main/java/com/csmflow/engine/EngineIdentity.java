package com.csmflow.engine;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Who the engine is working for: the signed-in user of the current request or Tasklist action, or
 * nobody (the platform itself: jobs, timers, the domain API after its own role check).
 * <p>
 * Engine internals: {@link IdentityService#getCurrentAuthentication()} is public but returns the
 * engine's internal {@code Authentication} type, and switching authorization checks off while the user
 * stays recorded exists only on the engine's internal command context; this is the one class that
 * touches either.
 */
@Component
public class EngineIdentity {

    private final IdentityService identityService;
    private final ProcessEngineConfigurationImpl configuration;

    EngineIdentity(IdentityService identityService, ProcessEngineConfiguration configuration) {
        this.identityService = identityService;
        this.configuration = (ProcessEngineConfigurationImpl) configuration;
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
     * message between workflows) but would not be allowed to do through the engine directly. The caller
     * stays the engine's current user, so history, the audit trail and {@code camunda:initiator} still
     * name who asked. Inside a delegate it runs in the delegate's command; outside, in a new one.
     */
    public <T> T asPlatform(Supplier<T> work) {
        CommandContext running = Context.getCommandContext();
        if (running != null) {
            return running.runWithoutAuthorization(work::get);
        }
        return configuration
                .getCommandExecutorTxRequired()
                .execute(commandContext -> commandContext.runWithoutAuthorization(work::get));
    }

    /** {@link #asPlatform(Supplier)} for work without a result. */
    public void asPlatform(Runnable work) {
        asPlatform(() -> {
            work.run();
            return null;
        });
    }
}
