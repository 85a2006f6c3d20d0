package com.csmflow.cases;

import com.csmflow.security.RoleGroup;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The case beside a task (Tasklist's "Case" tab) or an instance (Cockpit's): register row, SLA clocks, what
 * was sent, audit trail. Read with the caller's own engine rights: a case the caller may not read is a 404.
 */
@RestController
@RequestMapping("/api/cases")
class CaseController {

    /** Roles that talk to the client or answer for the service: they see addresses and contact details. */
    private static final Set<String> SEE_PERSONAL_DATA = EnumSet.of(
                    RoleGroup.CSM,
                    RoleGroup.ACCOUNT_MANAGER,
                    RoleGroup.SERVICE_MANAGER,
                    RoleGroup.DELIVERY_MANAGER,
                    RoleGroup.DC_HEAD)
            .stream()
            .map(RoleGroup::id)
            .collect(Collectors.toUnmodifiableSet());

    private final CaseFiles cases;

    CaseController(CaseFiles cases) {
        this.cases = cases;
    }

    @ApiResponse(responseCode = "200", description = "The case")
    @ApiResponse(
            responseCode = "404",
            description = "No case with this reference, or none of its instances and tasks is readable by the caller")
    @GetMapping("/{reference}")
    CaseFiles.CaseView byReference(@PathVariable String reference, Authentication caller) {
        return cases.byReference(reference.trim(), seesPersonalData(caller));
    }

    @ApiResponse(responseCode = "200", description = "The case the process instance works on")
    @ApiResponse(
            responseCode = "404",
            description = "No such instance, the caller may read neither it nor its tasks, or it has no business key")
    @GetMapping("/of-instance/{processInstanceId}")
    CaseFiles.CaseView byProcessInstance(@PathVariable String processInstanceId, Authentication caller) {
        return cases.byProcessInstance(processInstanceId.trim(), seesPersonalData(caller));
    }

    private static boolean seesPersonalData(Authentication caller) {
        return caller != null
                && caller.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(group -> SEE_PERSONAL_DATA.contains(group) || Groups.CAMUNDA_ADMIN.equals(group));
    }
}
