package com.csmflow.security;

import java.util.Set;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who reads every row of the security data (access rights and reviews, InfoSec plans, security events):
 * ISEC, IT and the administrators. The capabilities add their own row rule for a service's SM and DM.
 */
public final class SecurityDataReaders {

    private static final Set<String> ALL_ROWS = Set.of(RoleGroup.ISEC.id(), RoleGroup.IT.id(), Groups.CAMUNDA_ADMIN);

    private SecurityDataReaders() {}

    /** Whether the signed-in caller reads every row of the security data. */
    public static boolean callerReadsEverything() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller != null
                && caller.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(ALL_ROWS::contains);
    }
}
