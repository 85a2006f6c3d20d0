package com.csmflow.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The platform's administrator. Outside the demo profile nobody knows a default password, so the
 * application refuses to start until one is given in the environment.
 */
@Component
class AdminAccount {

    static final String MISSING_PASSWORD =
            "No admin password: set CSMFLOW_ADMIN_PASSWORD (only the demo profile has a default)";

    private final String userId;
    private final String password;

    AdminAccount(
            @Value("${csmflow.admin.user:admin}") String userId, @Value("${csmflow.admin.password:}") String password) {
        requirePassword(password);
        this.userId = userId;
        this.password = password;
    }

    static void requirePassword(String password) {
        if (password == null || password.isBlank()) {
            throw new MissingAdminPasswordException(MISSING_PASSWORD);
        }
    }

    String userId() {
        return userId;
    }

    String password() {
        return password;
    }
}
