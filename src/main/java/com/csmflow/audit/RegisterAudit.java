package com.csmflow.audit;

import com.csmflow.api.PageParameters;
import com.csmflow.engine.EngineIdentity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log of all registers. Every capability that changes a register row calls one of the
 * {@code record} methods in the same transaction as the change, so row and audit entry commit or roll
 * back together. It stores who (the engine's current user, {@code "system"} for jobs and startup
 * code), when (engine clock), from which process instance and step, and what changed: the fields
 * whose JSON value differs between {@code before} and {@code after}.
 */
@Service
public class RegisterAudit {

    /** Conventional actions; any upper-case word is accepted. */
    public static final String CREATE = "CREATE";

    public static final String UPDATE = "UPDATE";
    public static final String RETIRE = "RETIRE";

    static final String SYSTEM_USER = "system";
    private static final Pattern ACTION = Pattern.compile("[A-Z][A-Z_]{0,31}");

    private final AuditEntryRepository entries;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final EngineIdentity engineIdentity;

    RegisterAudit(AuditEntryRepository entries, ObjectMapper objectMapper, Clock clock, EngineIdentity engineIdentity) {
        this.engineIdentity = engineIdentity;
        this.clock = clock;
        this.entries = entries;
        this.objectMapper = objectMapper;
    }

    /** A change made outside any process (REST API, startup code): no business key, no step. */
    @Transactional
    public AuditEntry record(
            String register, String reference, String action, Map<String, ?> before, Map<String, ?> after) {
        return save(register, reference, action, before, after, null, null, null);
    }

    /** A change made by a process step: business key, process instance and activity come from the execution. */
    @Transactional
    public AuditEntry record(
            DelegateExecution execution,
            String register,
            String reference,
            String action,
            Map<String, ?> before,
            Map<String, ?> after) {
        return save(
                register,
                reference,
                action,
                before,
                after,
                execution.getProcessBusinessKey(),
                execution.getProcessInstanceId(),
                execution.getCurrentActivityId());
    }

    @Transactional(readOnly = true)
    public List<AuditEntry> forBusinessKey(String businessKey) {
        return entries.findByBusinessKeyOrderByChangedAtAscIdAsc(businessKey);
    }

    @Transactional(readOnly = true)
    public List<AuditEntry> forRow(String register, String reference) {
        return entries.findByRegisterAndReferenceOrderByChangedAtAscIdAsc(register, reference);
    }

    /** Which registers' entries a reader gets: all, all but some, or only some. */
    record Scope(Set<String> registers, boolean only) {
        static final Scope ALL = new Scope(Set.of(), false);
    }

    /**
     * One page of entries in the order they were written; by business key, else by row or register. The
     * scope is applied in the query, so pages and totals stay right.
     */
    @Transactional(readOnly = true)
    Page<AuditEntry> find(String businessKey, String register, String reference, Scope scope, PageParameters page) {
        Pageable pageable = page.sortedBy(Sort.by("changedAt", "id"));
        Set<String> registers = scope.registers();
        if (scope.only()) {
            if (businessKey != null) {
                return entries.findByBusinessKeyAndRegisterIn(businessKey, registers, pageable);
            }
            return reference == null
                    ? entries.findByRegisterAndRegisterIn(register, registers, pageable)
                    : entries.findByRegisterAndReferenceAndRegisterIn(register, reference, registers, pageable);
        }
        if (registers.isEmpty()) {
            if (businessKey != null) {
                return entries.findByBusinessKey(businessKey, pageable);
            }
            return reference == null
                    ? entries.findByRegister(register, pageable)
                    : entries.findByRegisterAndReference(register, reference, pageable);
        }
        if (businessKey != null) {
            return entries.findByBusinessKeyAndRegisterNotIn(businessKey, registers, pageable);
        }
        return reference == null
                ? entries.findByRegisterAndRegisterNotIn(register, registers, pageable)
                : entries.findByRegisterAndReferenceAndRegisterNotIn(register, reference, registers, pageable);
    }

    @Transactional(readOnly = true)
    public List<AuditEntry> forRegister(String register) {
        return entries.findByRegisterOrderByChangedAtAscIdAsc(register);
    }

    private AuditEntry save(
            String register,
            String reference,
            String action,
            Map<String, ?> before,
            Map<String, ?> after,
            String businessKey,
            String processInstanceId,
            String activityId) {
        if (register == null || register.isBlank() || reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("An audit entry needs a register and a reference");
        }
        if (action == null || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("An audit action is an upper-case word, not '" + action + "'");
        }
        return entries.save(new AuditEntry(
                register,
                reference,
                businessKey,
                processInstanceId,
                activityId,
                currentUser(),
                clock.instant(),
                action,
                changes(before, after)));
    }

    private String currentUser() {
        return engineIdentity.currentUserIdOr(SYSTEM_USER);
    }

    /** {@code {"field": {"old": .., "new": ..}}} for every field whose JSON value differs. */
    String changes(Map<String, ?> before, Map<String, ?> after) {
        Map<String, ?> old = before == null ? Map.of() : before;
        Map<String, ?> current = after == null ? Map.of() : after;
        Set<String> fields = new LinkedHashSet<>(old.keySet());
        fields.addAll(current.keySet());
        ObjectNode result = objectMapper.createObjectNode();
        for (String field : fields) {
            JsonNode oldValue = json(old.get(field));
            JsonNode newValue = json(current.get(field));
            if (!oldValue.equals(newValue)) {
                ObjectNode change = result.putObject(field);
                change.set("old", oldValue);
                change.set("new", newValue);
            }
        }
        try {
            return objectMapper.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write audit changes as JSON", e);
        }
    }

    private JsonNode json(Object value) {
        return value == null ? NullNode.getInstance() : objectMapper.valueToTree(value);
    }
}
