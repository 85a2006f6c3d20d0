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

    /**
     * The workflows whose process variables are security data: the engine shows their variables (runtime,
     * history, task) to ISEC, IT and the administrators only ({@code IdentitySetup}, with the engine's
     * {@code enforceSpecificVariablePermission}). Cockpit's managers still see the instances, not what is
     * in them. Literal keys: the workflows' packages depend on this one, not the other way round.
     */
    public static final Set<String> SECURITY_PROCESSES =
            Set.of("infosec", "security-event", "access-right", "access-review");

    /**
     * The decision tables whose inputs are security data (an event's type, its asset's criticality, whether
     * personal data is involved): their history (Cockpit's decision instances, {@code /history/decision-instance})
     * is for ISEC, IT and the administrators, like the security workflows' variables.
     */
    public static final Set<String> SECURITY_DECISIONS = Set.of("security-event-severity");

    /** The audit log's registers that are security data: {@code /api/audit} leaves them out for others. */
    public static final Set<String> SECURITY_REGISTERS = Set.of(
            "infosec-plan",
            "infosec-criteria",
            "infosec-monitoring",
            "infosec-plan-action",
            "security-event",
            "access-right",
            "access-review",
            "access-review-decision",
            "security-control",
            "security-asset");

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
