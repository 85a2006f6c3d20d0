package com.csmflow.servicerequest;

import com.csmflow.security.RoleGroup;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who may read personal data of the service registers (individual assessments, individual actions and
 * action reports, staff profiles, training records): the competence manager and HR always (training
 * records also HRDC, who plans knowledge acquisition), the SM and DM of the service the person works in
 * (seed 003 §2.2.2-2.2.3 names them as the people in charge), administrators; a profile and training
 * records also the person. A row check beside the group check of {@code ApiAccessRules}, which cannot know
 * a service's SM and DM.
 */
@Component
class PersonalDataAccess {

    private static final Set<String> ALWAYS =
            Set.of(RoleGroup.COMPETENCE_MANAGER.id(), RoleGroup.HR.id(), Groups.CAMUNDA_ADMIN);

    /** Training records: the keepers of personal data and the HR development committee. */
    private static final Set<String> TRAINING_READERS =
            Set.of(RoleGroup.COMPETENCE_MANAGER.id(), RoleGroup.HR.id(), RoleGroup.HRDC.id(), Groups.CAMUNDA_ADMIN);
    /** Who records trainings for anybody: the readers and the InfoSec committee (awareness trainings). */
    private static final Set<String> TRAINING_WRITERS = Set.of(
            RoleGroup.COMPETENCE_MANAGER.id(),
            RoleGroup.HR.id(),
            RoleGroup.HRDC.id(),
            RoleGroup.ISEC.id(),
            Groups.CAMUNDA_ADMIN);

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

    /** Whether the caller may read every service's personal data (CM, HR, administrators). */
    boolean mayReadAllPersonalData() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller != null && always(caller);
    }

    /** The caller's user id, or null outside a request. */
    String caller() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller == null ? null : caller.getName();
    }

    /**
     * Whose training records the caller may read: empty for everybody's (CM, HR, HRDC, administrators),
     * otherwise the caller and the members of the services the caller runs as SM or DM.
     */
    Optional<Set<String>> trainingRecordsVisible() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null) {
            return Optional.of(Set.of());
        }
        if (in(caller, TRAINING_READERS)) {
            return Optional.empty();
        }
        Set<String> visible = new HashSet<>(register.membersOfServicesManagedBy(caller.getName()));
        visible.add(caller.getName());
        return Optional.of(visible);
    }

    /** Records a training for the person: the keepers and ISEC for anybody, an SM or DM for their team. */
    void requireTrainingWrite(String userId) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        boolean allowed =
                caller != null && (in(caller, TRAINING_WRITERS) || register.worksForManager(userId, caller.getName()));
        if (!allowed) {
            throw new AccessDeniedException("Training records are personal data: competence manager, HR, HRDC, "
                    + "ISEC, and the SM and DM of the services the person works in");
        }
    }

    private static boolean always(Authentication caller) {
        return in(caller, ALWAYS);
    }

    private static boolean in(Authentication caller, Set<String> groups) {
        return caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(groups::contains);
    }
}
