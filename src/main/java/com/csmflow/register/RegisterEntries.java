package com.csmflow.register;

import com.csmflow.audit.RegisterAudit;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Writes rows of the generic registers (billing records, undelivered messages, ...) from a workflow
 * step, with their audit entry, in the engine's transaction. Insert-if-absent per (process instance,
 * step, register, reference): when the step runs again for the same instance (a retried job after an
 * ambiguous failure, a replay through process modification, a loop back), the existing row stands and
 * nothing is written twice.
 */
@Component
public class RegisterEntries {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private final RegisterEntryRepository entries;
    private final RegisterAudit audit;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    RegisterEntries(RegisterEntryRepository entries, RegisterAudit audit, ObjectMapper objectMapper, Clock clock) {
        this.entries = entries;
        this.audit = audit;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    /** Whether this step of this instance already wrote the row. */
    public boolean writtenByThisStep(DelegateExecution execution, String register, String reference) {
        return entries.existsByOriginProcessInstanceIdAndActivityIdAndRegisterAndReference(
                execution.getProcessInstanceId(), execution.getCurrentActivityId(), register, reference);
    }

    /** The data of the newest row for the reference, if any. */
    public Optional<Map<String, Object>> latest(String register, String reference) {
        return entries.findFirstByRegisterAndReferenceOrderByIdDesc(register, reference)
                .map(previous -> read(previous.getData()));
    }

    /**
     * Writes the row and its audit entry unless this step already wrote it; {@code action} null means
     * CREATE for a new reference and UPDATE otherwise. Returns whether a row was written.
     */
    public boolean recordOnce(
            DelegateExecution execution, String register, String reference, String action, Map<String, Object> data) {
        if (writtenByThisStep(execution, register, reference)) {
            return false;
        }
        Map<String, Object> before = latest(register, reference).orElse(null);
        String effectiveAction = action != null ? action : before == null ? RegisterAudit.CREATE : RegisterAudit.UPDATE;
        entries.save(new RegisterEntry(
                register,
                reference,
                ProcessOrigin.of(execution),
                execution.getCurrentActivityId(),
                effectiveAction,
                write(data),
                clock.instant()));
        audit.record(execution, register, reference, effectiveAction, before == null ? Map.of() : before, data);
        return true;
    }

    private String write(Map<String, Object> data) {
        try {
            return objectMapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Register data cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    private Map<String, Object> read(String json) {
        try {
            return objectMapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored register row is not a JSON object", e);
        }
    }
}
