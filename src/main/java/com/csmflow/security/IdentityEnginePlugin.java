package com.csmflow.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Puts the platform's identity rules into the engine, so that they hold for the REST APIs, the
 * webapps and Java callers alike: the login throttle and the e-mail rule ({@link GuardedIdentityProvider})
 * and the password policy ({@link StaffPasswordPolicy}).
 * <p>
 * Engine internals: an engine plugin, the identity session factory and a command interceptor are the only
 * hooks that reach every identity call; the public API has no such extension point.
 */
@Component
class IdentityEnginePlugin extends AbstractProcessEnginePlugin {

    /** What the engine's SaveUserCmd throws for a password the policy refuses. */
    static final String ENGINE_POLICY_MESSAGE = "Password does not match policy";

    private final LoginThrottle throttle;
    private final StaffPasswordPolicy passwordPolicy;
    private final boolean staffMayChangeEmail;

    IdentityEnginePlugin(
            LoginThrottle throttle,
            StaffPasswordPolicy passwordPolicy,
            @Value("${csmflow.identity.staff-may-change-email:false}") boolean staffMayChangeEmail) {
        this.throttle = throttle;
        this.passwordPolicy = passwordPolicy;
        this.staffMayChangeEmail = staffMayChangeEmail;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setIdentityProviderSessionFactory(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                // the engine registers it as the writable provider too because of this type
                return DbIdentityServiceProvider.class;
            }

            @Override
            public Session openSession() {
                return new GuardedIdentityProvider(throttle, staffMayChangeEmail);
            }
        });
        configuration.setEnablePasswordPolicy(true);
        configuration.setPasswordPolicy(passwordPolicy);
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(new PolicyViolationIsABadRequest(passwordPolicy.violationMessage()));
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    /**
     * The engine refuses a weak password with a plain ProcessEngineException, which its REST API
     * answers with 500 and no hint. As a BadUserRequestException it is a 400 that says what to do.
     */
    static final class PolicyViolationIsABadRequest extends CommandInterceptor {

        private final String message;

        PolicyViolationIsABadRequest(String message) {
            this.message = message;
        }

        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            } catch (ProcessEngineException e) {
                if (command instanceof SaveUserCmd
                        && e.getClass() == ProcessEngineException.class
                        && ENGINE_POLICY_MESSAGE.equals(e.getMessage())) {
                    throw new BadUserRequestException(message, e);
                }
                throw e;
            }
        }
    }
}
