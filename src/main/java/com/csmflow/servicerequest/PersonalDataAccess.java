package com.csmflow.servicerequest;

import com.csmflow.security.RoleGroup;
import java.util.Set;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who may read personal data of the service registers (individual assessments and action reports, staff
 * profiles): the competence manager and HR always, the SM and DM of the service the person works in
 * (seed 003 §2.2.2-2.2.3 names them as the people in charge), administrators. A row check beside the
 * group check of {@code ApiAccessRules}, which cannot know a service's SM and DM.
 */
@Component
class PersonalDataAccess {

    private static final Set<String> ALWAYS =
            Set.of(RoleGroup.COMPETENCE_MANAGER.id(), RoleGroup.HR.id(), Groups.CAMUNDA_ADMIN);

    private final ServiceRegister register;

    PersonalDataAccess(ServiceRegister register) {
        this.register = register;
    }

    boolean mayReadPersonalDataOf(ManagedService service) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller != null && (always(caller) || service.isManagedBy(caller.getName()));
    }

    void requireProfileAccess(String userId) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        boolean allowed = caller != null
                && (always(caller)
                        || caller.getName().equals(userId)
                        || register.worksForManager(userId, caller.getName()));
        if (!allowed) {
            throw new AccessDeniedException("A profile is personal data: competence manager, HR, the person, "
                    + "and the SM and DM of the services the person works in");
        }
    }

    private static boolean always(Authentication caller) {
        return caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(ALWAYS::contains);
    }
}
