package com.csmflow.cases;

import com.csmflow.api.NotFoundException;
import com.csmflow.audit.AuditEntry;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.notification.SentNotifications;
import com.csmflow.notification.SentNotifications.SentNotification;
import com.csmflow.register.CaseRegister;
import com.csmflow.register.RegisterRecord;
import com.csmflow.sla.SlaClockRow;
import com.csmflow.sla.SlaClocks;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The case behind a business key, put together from each capability's public services: the register row,
 * the SLA clocks, what was sent, the audit trail, the instances. Who may see it is the engine's decision:
 * the caller must be authorized to read one of the case's process instances or one of its tasks (runtime
 * or history); otherwise the case does not exist for them (404).
 */
@Service
class CaseFiles {

    /** The audit trail a case view shows: its newest entries. */
    static final int AUDIT_LIMIT = 200;

    /** Register columns and audit fields with a person's contact details. */
    private static final Pattern PERSONAL = Pattern.compile("(?i).*(email|contact|phone|recipient|address).*");

    private static final String HIDDEN = "(hidden)";

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final HistoryService historyService;
    private final EngineIdentity engineIdentity;
    private final List<CaseRegister> registers;
    private final SlaClocks clocks;
    private final SentNotifications notifications;
    private final RegisterAudit audit;
    private final Clients clients;
    private final ObjectMapper objectMapper;

    CaseFiles(
            RuntimeService runtimeService,
            TaskService taskService,
            HistoryService historyService,
            EngineIdentity engineIdentity,
            List<CaseRegister> registers,
            SlaClocks clocks,
            SentNotifications notifications,
            RegisterAudit audit,
            Clients clients,
            ObjectMapper objectMapper) {
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.historyService = historyService;
        this.engineIdentity = engineIdentity;
        this.registers = registers;
        this.clocks = clocks;
        this.notifications = notifications;
        this.audit = audit;
        this.clients = clients;
        this.objectMapper = objectMapper;
    }

    /** The case whose reference (business key) this is, if the caller may read one of its instances or tasks. */
    @Transactional(readOnly = true)
    public CaseView byReference(String reference, boolean personalData) {
        if (!mayReadCase(reference)) {
            throw new NotFoundException("case", reference);
        }
        return build(reference, personalData);
    }

    /** The case of a process instance, if the caller may read the instance or one of its tasks. */
    @Transactional(readOnly = true)
    public CaseView byProcessInstance(String processInstanceId, boolean personalData) {
        if (!mayReadInstance(processInstanceId)) {
            throw new NotFoundException("process instance", processInstanceId);
        }
        HistoricProcessInstance instance = engineIdentity.asPlatform(() -> historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId)
                .singleResult());
        if (instance == null || instance.getBusinessKey() == null) {
            throw new NotFoundException("case of process instance", processInstanceId);
        }
        return build(instance.getBusinessKey(), personalData);
    }

    // Each query runs with the caller's engine authorizations (set for the request by the security filter).
    private boolean mayReadCase(String businessKey) {
        return runtimeService
                                .createProcessInstanceQuery()
                                .processInstanceBusinessKey(businessKey)
                                .count()
                        > 0
                || taskService
                                .createTaskQuery()
                                .processInstanceBusinessKey(businessKey)
                                .count()
                        > 0
                || historyService
                                .createHistoricProcessInstanceQuery()
                                .processInstanceBusinessKey(businessKey)
                                .count()
                        > 0
                || historyService
                                .createHistoricTaskInstanceQuery()
                                .processInstanceBusinessKey(businessKey)
                                .count()
                        > 0;
    }

    private boolean mayReadInstance(String processInstanceId) {
        return runtimeService
                                .createProcessInstanceQuery()
                                .processInstanceId(processInstanceId)
                                .count()
                        > 0
                || taskService
                                .createTaskQuery()
                                .processInstanceId(processInstanceId)
                                .count()
                        > 0
                || historyService
                                .createHistoricProcessInstanceQuery()
                                .processInstanceId(processInstanceId)
                                .count()
                        > 0
                || historyService
                                .createHistoricTaskInstanceQuery()
                                .processInstanceId(processInstanceId)
                                .count()
                        > 0;
    }

    private CaseView build(String reference, boolean personalData) {
        Optional<RegisterView> record = registers.stream()
                .map(register -> register.find(reference).map(row -> RegisterView.of(register.name(), row)))
                .flatMap(Optional::stream)
                .findFirst()
                .map(view -> personalData ? view : view.withoutPersonalData());
        List<InstanceView> instances = engineIdentity
                .asPlatform(() -> historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(reference)
                        .orderByProcessInstanceStartTime()
                        .asc()
                        .list())
                .stream()
                .map(InstanceView::of)
                .toList();
        String clientReference = record.map(RegisterView::clientReference).orElse(null);
        List<SlaClockRow> clockRows = clocks.search(reference, null, null, SentNotifications.LIMIT).stream()
                .map(clocks::status)
                .map(SlaClockRow::of)
                .toList();
        if (clientReference == null && !clockRows.isEmpty()) {
            clientReference = clockRows.get(0).clientReference();
        }
        Optional<Client> client = Optional.ofNullable(clientReference).flatMap(clients::findByReference);
        List<SentNotification> sent = notifications.forBusinessKey(reference).stream()
                .map(row -> personalData ? row : row.withoutRecipient())
                .toList();
        List<AuditEntry> trail = audit.forBusinessKey(reference);
        List<AuditView> auditViews = trail.subList(Math.max(0, trail.size() - AUDIT_LIMIT), trail.size()).stream()
                .map(entry -> auditView(entry, personalData))
                .toList();
        return new CaseView(
                reference,
                clientReference,
                client.map(Client::getName).orElse(null),
                client.map(c -> c.getTimeZone().getId()).orElse(null),
                record.orElse(null),
                instances,
                clockRows,
                sent,
                auditViews,
                personalData);
    }

    private AuditView auditView(AuditEntry entry, boolean personalData) {
        JsonNode changes;
        try {
            changes = objectMapper.readTree(entry.getChanges());
        } catch (JsonProcessingException e) {
            changes = objectMapper.getNodeFactory().textNode(entry.getChanges());
        }
        if (!personalData && changes instanceof ObjectNode fields) {
            List<String> names = new java.util.ArrayList<>();
            fields.fieldNames().forEachRemaining(names::add);
            names.stream().filter(CaseFiles::personal).forEach(name -> fields.put(name, HIDDEN));
        }
        return new AuditView(
                entry.getId(),
                entry.getRegister(),
                entry.getReference(),
                entry.getUserId(),
                entry.getChangedAt(),
                entry.getAction(),
                changes);
    }

    static boolean personal(String field) {
        return PERSONAL.matcher(field).matches();
    }

    /** The case as the tab beside a task or an instance shows it. */
    record CaseView(
            String reference,
            String clientReference,
            String clientName,
            String clientTimeZone,
            RegisterView record,
            List<InstanceView> instances,
            List<SlaClockRow> clocks,
            List<SentNotification> notifications,
            List<AuditView> audit,
            boolean personalDataShown) {}

    /** The register row: which register, and its columns as the audit log knows them. */
    record RegisterView(
            String register,
            String reference,
            String clientReference,
            Instant createdAt,
            Instant updatedAt,
            Map<String, Object> fields) {

        static RegisterView of(String register, RegisterRecord row) {
            return new RegisterView(
                    register,
                    row.getReference(),
                    row.getClientReference(),
                    row.getCreatedAt(),
                    row.getUpdatedAt(),
                    new LinkedHashMap<>(row.auditView()));
        }

        RegisterView withoutPersonalData() {
            Map<String, Object> shown = new LinkedHashMap<>();
            fields.forEach((name, value) -> shown.put(name, personal(name) && value != null ? HIDDEN : value));
            return new RegisterView(register, reference, clientReference, createdAt, updatedAt, shown);
        }
    }

    /** A process instance of the case (running or ended), for the link to Cockpit. */
    record InstanceView(
            String id,
            String processDefinitionKey,
            String processDefinitionName,
            String state,
            Instant startTime,
            Instant endTime) {

        static InstanceView of(HistoricProcessInstance instance) {
            return new InstanceView(
                    instance.getId(),
                    instance.getProcessDefinitionKey(),
                    instance.getProcessDefinitionName(),
                    instance.getState() == null ? null : instance.getState().toLowerCase(Locale.ROOT),
                    instance.getStartTime() == null
                            ? null
                            : instance.getStartTime().toInstant(),
                    instance.getEndTime() == null ? null : instance.getEndTime().toInstant());
        }
    }

    /** One audit entry; field values with contact details hidden from readers who need not see them. */
    record AuditView(
            Long id,
            String register,
            String reference,
            String userId,
            Instant changedAt,
            String action,
            JsonNode changes) {}
}
