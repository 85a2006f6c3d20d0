package com.csmflow.security;

import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * The engine's database identity provider with two changes, so that they hold on every path that
 * reaches the identity service (HTTP Basic on /api and /engine-rest, the webapps' login,
 * {@code /identity/verify}, the Admin webapp):
 * <ul>
 * <li>password checks go through {@link LoginThrottle} instead of the engine's own lock, which
 *     became permanent after ten failures and never applied to unknown ids;</li>
 * <li>outside the demo profile only an admin changes a user's e-mail address: notifications go
 *     there, so a staff member must not redirect them.</li>
 * </ul>
 * <p>
 * Engine internals: the identity service provider is replaceable only through the engine's internal
 * session factories; no public API intercepts password checks or profile saves on every path.
 */
class GuardedIdentityProvider extends DbIdentityServiceProvider {

    static final String OWN_EMAIL_REFUSED =
            "email: only an administrator can change a user's e-mail address (notifications are sent to it)";

    private final LoginThrottle throttle;
    private final boolean staffMayChangeEmail;

    GuardedIdentityProvider(LoginThrottle throttle, boolean staffMayChangeEmail) {
        this.throttle = throttle;
        this.staffMayChangeEmail = staffMayChangeEmail;
    }

    @Override
    public boolean checkPassword(String userId, String password) {
        // Known and unknown ids take the same way: locked ids are refused before any lookup.
        if (userId == null || throttle.isLocked(userId)) {
            return false;
        }
        UserEntity user = userId.length() > LoginThrottle.MAX_ID_LENGTH ? null : findUserById(userId);
        if (user != null && password != null && matchPassword(password, user)) {
            throttle.succeeded(userId);
            // clears a lock the engine itself set before this provider existed
            super.unlockUser(userId);
            return true;
        }
        throttle.failed(userId);
        return false;
    }

    /** The Admin webapp's "Unlock" and {@code IdentityService.unlockUser} also end a throttle lock. */
    @Override
    public IdentityOperationResult unlockUser(String userId) {
        throttle.forget(userId);
        return super.unlockUser(userId);
    }

    @Override
    public IdentityOperationResult saveUser(User user) {
        if (!staffMayChangeEmail
                && user instanceof UserEntity entity
                && entity.getRevision() > 0
                && getCurrentAuthentication() != null
                && !getAuthorizationManager().isCamundaAdmin(getCurrentAuthentication())) {
            UserEntity stored = getDbEntityManager().selectById(UserEntity.class, user.getId());
            if (stored != null && !Objects.equals(stored.getEmail(), user.getEmail())) {
                throw new AuthorizationException(OWN_EMAIL_REFUSED);
            }
        }
        return super.saveUser(user);
    }
}
