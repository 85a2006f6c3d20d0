package com.csmflow.cmdb;

import com.csmflow.api.ConflictException;
import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.ListFilters;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Clients;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.register.BusinessKeys;
import com.csmflow.register.ProcessOrigin;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The CMDB: a client's configuration items, registered through {@code /api/cis} or the onboarding's CMDB
 * set-up, checked when a change names them, and changed by the change workflow's CMDB step (each change a
 * {@link ConfigurationItemChange} row linked to the change's reference). Every write of an item is audited.
 * The bean has a name of its own: a change's variable and form field {@code configurationItems} must not
 * resolve to it (SubmittedVariablesTest).
 */
@Service("configurationItemRegister")
public class ConfigurationItems {

    public static final String REGISTER = "configuration_item";
    static final String PREFIX = "CI";

    /** One choice of a configuration item in a form: what the person reads and what the form submits. */
    public record Choice(String label, String value) {}

    private final ConfigurationItemRepository items;
    private final ConfigurationItemChangeRepository changes;
    private final Clients clients;
    private final BusinessKeys businessKeys;
    private final RegisterAudit audit;
    private final EngineIdentity engineIdentity;
    private final Clock clock;

    ConfigurationItems(
            ConfigurationItemRepository items,
            ConfigurationItemChangeRepository changes,
            Clients clients,
            BusinessKeys businessKeys,
            RegisterAudit audit,
            EngineIdentity engineIdentity,
            Clock clock) {
        this.items = items;
        this.changes = changes;
        this.clients = clients;
        this.businessKeys = businessKeys;
        this.audit = audit;
        this.engineIdentity = engineIdentity;
        this.clock = clock;
    }

    /**
     * Registers an item for an active client (400 naming {@code clientReference} otherwise); status PLANNED
     * unless given. From a process step pass its execution (the audit entry then names the case), else null.
     */
    @Transactional
    public ConfigurationItem create(CiInput input, DelegateExecution execution) {
        String client = clients.require(input.clientReference()).getReference();
        String name = required("name", input.name());
        CiType type = type(required("type", input.type()));
        String group = required("technologyGroup", input.technologyGroup());
        CiStatus status =
                input.status() == null || input.status().isBlank() ? CiStatus.PLANNED : status(input.status());
        if (status == CiStatus.RETIRED) {
            throw new InvalidFieldException("status", "a new configuration item cannot be retired");
        }
        ConfigurationItem item = items.save(new ConfigurationItem(
                businessKeys.next(PREFIX),
                client,
                name,
                type,
                group,
                optional(input.location()),
                optional(input.owner()),
                status,
                optional(input.version()),
                currentUser(),
                clock.instant(),
                execution == null ? null : ProcessOrigin.of(execution)));
        record(execution, item, RegisterAudit.CREATE, Map.of());
        return item;
    }

    /**
     * Replaces (PUT, {@code partial} false) or changes (PATCH) an item's fields. The client never changes (400
     * naming {@code clientReference}); a retired item is not edited (409).
     */
    @Transactional
    ConfigurationItem edit(String reference, CiInput input, boolean partial) {
        ConfigurationItem item = require(reference);
        if (input.clientReference() != null
                && !input.clientReference().isBlank()
                && !input.clientReference().trim().equalsIgnoreCase(item.getClientReference())) {
            throw new InvalidFieldException("clientReference", "cannot be changed: register a new item instead");
        }
        if (item.getStatus() == CiStatus.RETIRED) {
            throw new ConflictException("Configuration item " + item.getReference() + " is retired");
        }
        Map<String, Object> before = item.auditView();
        String name = partial && input.name() == null ? item.getName() : required("name", input.name());
        CiType type = partial && input.type() == null ? item.getType() : type(required("type", input.type()));
        String group = partial && input.technologyGroup() == null
                ? item.getTechnologyGroup()
                : required("technologyGroup", input.technologyGroup());
        String location = partial && input.location() == null ? item.getLocation() : optional(input.location());
        String owner = partial && input.owner() == null ? item.getOwner() : optional(input.owner());
        String version = partial && input.version() == null ? item.getVersion() : optional(input.version());
        item.edit(name, type, group, location, owner, version);
        if (input.status() != null && !input.status().isBlank()) {
            item.status(status(input.status()));
        } else if (!partial) {
            throw new InvalidFieldException("status", "is required");
        }
        items.saveAndFlush(item);
        record(null, item, RegisterAudit.UPDATE, before);
        return item;
    }

    @Transactional(readOnly = true)
    public ConfigurationItem require(String reference) {
        String wanted = reference == null ? "" : reference.trim().toUpperCase(Locale.ROOT);
        return items.findByReference(wanted).orElseThrow(() -> new NotFoundException("Configuration item", reference));
    }

    /** The CMDB filtered by client, type, technology group and status, by client then name. */
    @Transactional(readOnly = true)
    Page<ConfigurationItem> search(
            String clientReference, String type, String technologyGroup, String status, PageParameters page) {
        Specification<ConfigurationItem> filter = ListFilters.allOf(
                ListFilters.equal(
                        "clientReference",
                        clientReference == null ? null : clientReference.trim().toUpperCase(Locale.ROOT)),
                ListFilters.equal("type", type == null ? null : type(type)),
                ListFilters.equal("technologyGroup", technologyGroup),
                ListFilters.equal("status", status == null ? null : status(status)));
        return items.findAll(filter, page.sortedBy(Sort.by("clientReference", "name", "id")));
    }

    /** What changes did to the item, newest first. */
    @Transactional(readOnly = true)
    List<ConfigurationItemChange> history(String reference) {
        return changes.findByCiReferenceOrderByIdDesc(require(reference).getReference());
    }

    /** The CI changes a change recorded, in the order recorded. */
    @Transactional(readOnly = true)
    public List<ConfigurationItemChange> changesOf(String changeReference) {
        return changes.findByChangeReferenceOrderByIdAsc(changeReference);
    }

    /**
     * The references as the register spells them, each an item of the client that is not retired; 400 naming
     * {@code field} for an unknown item, another client's, or a retired one. Duplicates collapse.
     */
    @Transactional(readOnly = true)
    public List<String> requireOfClient(String clientReference, Collection<String> references, String field) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String reference : references) {
            if (reference != null && !reference.isBlank()) {
                wanted.add(reference.trim().toUpperCase(Locale.ROOT));
            }
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        if (wanted.size() > 50) {
            throw new InvalidFieldException(field, "name at most 50 configuration items");
        }
        Map<String, ConfigurationItem> found = items.findByReferenceIn(wanted).stream()
                .collect(Collectors.toMap(ConfigurationItem::getReference, Function.identity()));
        for (String reference : wanted) {
            ConfigurationItem item = found.get(reference);
            if (item == null) {
                throw new InvalidFieldException(field, "no configuration item " + reference);
            }
            if (!item.getClientReference().equalsIgnoreCase(clientReference)) {
                throw new InvalidFieldException(
                        field, "configuration item " + reference + " belongs to another client");
            }
            if (item.getStatus() == CiStatus.RETIRED) {
                throw new InvalidFieldException(field, "configuration item " + reference + " is retired");
            }
        }
        return List.copyOf(wanted);
    }

    /** Items of the client not retired: what the CMDB set-up of onboarding needs at least one of. */
    @Transactional(readOnly = true)
    public long registeredCount(String clientReference) {
        return items.countByClientReferenceAndStatusNot(clientReference, CiStatus.RETIRED);
    }

    /** The client's active device items (servers, network devices, firewalls, storage, endpoints). */
    @Transactional(readOnly = true)
    public long activeDeviceCount(String clientReference) {
        return items.countByClientReferenceAndStatusAndTypeIn(clientReference, CiStatus.ACTIVE, CiType.devices());
    }

    /**
     * Items not retired as form choices: the client's only when a client is given, otherwise every client's,
     * labelled with the client.
     */
    @Transactional(readOnly = true)
    public List<Choice> choices(String clientReference) {
        List<ConfigurationItem> listed = clientReference == null
                ? items.findByStatusNotOrderByClientReferenceAscNameAscIdAsc(CiStatus.RETIRED)
                : items.findByClientReferenceAndStatusNotOrderByNameAscIdAsc(clientReference, CiStatus.RETIRED);
        List<Choice> choices = new ArrayList<>();
        for (ConfigurationItem item : listed) {
            String label = item.getName() + " (" + item.getReference() + ", "
                    + item.getType().label() + (clientReference == null ? ", " + item.getClientReference() : "") + ")";
            choices.add(new Choice(label, item.getReference()));
        }
        return choices;
    }

    /**
     * Records what a change did to an item of the change's client: the new status and version (unchanged
     * when null) on the item, audited under the change's case, and a history row linked to the change. A
     * second record of the same item by the same change replaces the first (a repeated step).
     */
    @Transactional
    public ConfigurationItemChange recordChange(
            DelegateExecution execution,
            String changeReference,
            String ciReference,
            CiStatus newStatus,
            String newVersion,
            String notes) {
        ConfigurationItem item = require(ciReference);
        Map<String, Object> before = item.auditView();
        CiStatus statusAfter = newStatus == null ? item.getStatus() : newStatus;
        String versionAfter = newVersion == null || newVersion.isBlank() ? item.getVersion() : newVersion.trim();
        String by = currentUser();
        ConfigurationItemChange change = changes.findByCiReferenceAndChangeReference(
                        item.getReference(), changeReference)
                .orElse(null);
        if (change == null) {
            change = new ConfigurationItemChange(
                    item,
                    changeReference,
                    statusAfter,
                    versionAfter,
                    notes,
                    by,
                    clock.instant(),
                    execution == null ? null : execution.getProcessInstanceId());
        } else {
            // the state before the change's first record stays what it was
            change.again(statusAfter, versionAfter, notes, by, clock.instant());
        }
        change = changes.save(change);
        if (newStatus != null) {
            item.status(newStatus);
        }
        if (newVersion != null && !newVersion.isBlank()) {
            item.version(newVersion.trim());
        }
        items.saveAndFlush(item);
        if (!before.equals(item.auditView())) {
            record(execution, item, RegisterAudit.UPDATE, before);
        }
        return change;
    }

    /** A status by name, any case; 400 naming {@code field} otherwise. */
    public static CiStatus status(String status, String field) {
        try {
            return CiStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidFieldException(field, "must be one of " + Arrays.toString(CiStatus.values()));
        }
    }

    private static CiStatus status(String status) {
        return status(status, "status");
    }

    private static CiType type(String type) {
        try {
            return CiType.valueOf(type.trim().toUpperCase(Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidFieldException("type", "must be one of " + Arrays.toString(CiType.values()));
        }
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required");
        }
        return value.trim();
    }

    private static String optional(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private void record(
            DelegateExecution execution, ConfigurationItem item, String action, Map<String, Object> before) {
        if (execution == null) {
            audit.record(REGISTER, item.getReference(), action, before, item.auditView());
        } else {
            audit.record(execution, REGISTER, item.getReference(), action, before, item.auditView());
        }
    }

    private String currentUser() {
        var caller = SecurityContextHolder.getContext().getAuthentication();
        return engineIdentity.currentUserIdOr(caller == null ? null : caller.getName());
    }
}
