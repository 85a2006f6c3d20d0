package com.csmflow.audit;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.PageParameters;
import com.csmflow.security.RoleGroup;
import com.csmflow.security.SecurityDataReaders;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read-only view of the register audit log, for the managers who answer "who changed this, and when". */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final RegisterAudit audit;
    private final ObjectMapper objectMapper;

    AuditController(RegisterAudit audit, ObjectMapper objectMapper) {
        this.audit = audit;
        this.objectMapper = objectMapper;
    }

    /** By business key ({@code ?businessKey=CHG-2026-0042}), by row ({@code ?register=client&reference=ACME}) or by register. */
    @GetMapping
    ResponseEntity<List<AuditEntryView>> find(
            @RequestParam(required = false) String businessKey,
            @RequestParam(required = false) String register,
            @RequestParam(required = false) String reference,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        PageParameters paging = new PageParameters(page, size);
        RegisterAudit.Scope hidden = scope();
        if (businessKey != null && !businessKey.isBlank()) {
            return PageParameters.response(audit.find(businessKey, null, null, hidden, paging), this::view);
        }
        if (register != null && !register.isBlank()) {
            return PageParameters.response(
                    audit.find(
                            null,
                            register,
                            reference == null || reference.isBlank() ? null : reference,
                            hidden,
                            paging),
                    this::view);
        }
        throw new InvalidFieldException("businessKey", "give a businessKey, or a register (and reference)");
    }

    /**
     * The security registers' history is security data too (issue 19): the managers read every register
     * but those, ISEC and IT only those, the admin everything.
     */
    private static RegisterAudit.Scope scope() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        Set<String> groups = caller == null
                ? Set.of()
                : caller.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .collect(Collectors.toSet());
        if (groups.contains(Groups.CAMUNDA_ADMIN)) {
            return RegisterAudit.Scope.ALL;
        }
        boolean manager = Arrays.stream(RoleGroup.values())
                .anyMatch(role -> role.watchesOperations() && groups.contains(role.id()));
        boolean securityReader = SecurityDataReaders.callerReadsEverything();
        if (manager && securityReader) {
            return RegisterAudit.Scope.ALL;
        }
        return securityReader
                ? new RegisterAudit.Scope(SecurityDataReaders.SECURITY_REGISTERS, true)
                : new RegisterAudit.Scope(SecurityDataReaders.SECURITY_REGISTERS, false);
    }

    private AuditEntryView view(AuditEntry entry) {
        JsonNode changes;
        try {
            changes = objectMapper.readTree(entry.getChanges());
        } catch (JsonProcessingException e) {
            changes = objectMapper.getNodeFactory().textNode(entry.getChanges());
        }
        return new AuditEntryView(
                entry.getId(),
                entry.getRegister(),
                entry.getReference(),
                entry.getBusinessKey(),
                entry.getProcessInstanceId(),
                entry.getActivityId(),
                entry.getUserId(),
                entry.getChangedAt(),
                entry.getAction(),
                changes);
    }

    record AuditEntryView(
            Long id,
            String register,
            String reference,
            String businessKey,
            String processInstanceId,
            String activityId,
            String userId,
            Instant changedAt,
            String action,
            JsonNode changes) {}
}
