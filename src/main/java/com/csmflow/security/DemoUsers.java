package com.csmflow.security;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo profile only: one user per role group, whose id and password are the group id
 * (log in as {@code csm}/{@code csm}, {@code dc-head}/{@code dc-head}, ...), and the colleagues below, whose
 * password is their id too. Never in production.
 */
@Component
@Profile("demo")
@Order(1)
class DemoUsers implements ApplicationRunner {

    /**
     * Second members of a group, for what needs two people: {@code csm-backup} covers for {@code csm} as
     * the backup CSM of the demo client HUDSON-MUTUAL (ClientDemoData).
     */
    static final Map<String, RoleGroup> COLLEAGUES = Map.of("csm-backup", RoleGroup.CSM);

    private final IdentityService identityService;
    private final IdentitySetup identitySetup;

    DemoUsers(IdentityService identityService, IdentitySetup identitySetup) {
        this.identityService = identityService;
        this.identitySetup = identitySetup;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (RoleGroup role : RoleGroup.values()) {
            create(role.id(), "Demo", role);
        }
        COLLEAGUES.forEach((userId, role) -> create(userId, "Backup", role));
    }

    private void create(String userId, String firstName, RoleGroup role) {
        if (identityService.createUserQuery().userId(userId).count() == 0) {
            User user = identityService.newUser(userId);
            user.setFirstName(firstName);
            user.setLastName(role.displayName());
            user.setEmail(userId + "@demo.csmflow.example");
            user.setPassword(userId);
            identityService.saveUser(user);
        }
        identitySetup.addMembership(userId, role.id());
    }
}
