package com.csmflow.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo profile only: one user per role group, whose id and password are the group id
 * (log in as {@code csm}/{@code csm}, {@code dc-head}/{@code dc-head}, ...). Never in production.
 */
@Component
@Profile("demo")
@Order(1)
class DemoUsers implements ApplicationRunner {

    private final IdentityService identityService;
    private final IdentitySetup identitySetup;

    DemoUsers(IdentityService identityService, IdentitySetup identitySetup) {
        this.identityService = identityService;
        this.identitySetup = identitySetup;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (RoleGroup role : RoleGroup.values()) {
            String userId = role.id();
            if (identityService.createUserQuery().userId(userId).count() == 0) {
                User user = identityService.newUser(userId);
                user.setFirstName("Demo");
                user.setLastName(role.displayName());
                user.setEmail(userId + "@demo.csmflow.example");
                user.setPassword(userId);
                identityService.saveUser(user);
            }
            identitySetup.addMembership(userId, role.id());
        }
    }
}
