package com.csmflow.infosec;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.ListFilters;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.register.BusinessKeys;
import com.csmflow.register.ProcessOrigin;
import com.csmflow.servicerequest.ManagedService;
import com.csmflow.servicerequest.ServiceDirectory;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The security events register (seed 004 PR6.4): events raised through the API (row first, then the
 * workflow in the same transaction, business key = reference), the Tasklist start form or another
 * workflow's message (the workflow's first step writes the row); the same checks for all three. Reads are
 * limited by {@link SecurityDataAccess}.
 */
@Service
class SecurityEvents {

    static final String REGISTER = "security-event";
    static final Set<String> EVENT_TYPES = Set.of(
            "malware",
            "unauthorised-access",
            "data-leak",
            "phishing",
            "vulnerability",
            "denial-of-service",
            "lost-device",
            "policy-violation",
            "other");
    static final Set<String> SOURCES = Set.of("siem", "client-system", "staff", "workflow");

    private final SecurityEventRepository events;
    private final SecurityAssetRepository assets;
    private final Clients clients;
    private final ServiceDirectory services;
    private final BusinessKeys businessKeys;
    private final RegisterAudit audit;
    private final RuntimeService runtimeService;
    private final Clock clock;
    private final EngineIdentity engineIdentity;
    private final SecurityDataAccess access;

    @SuppressWarnings("java:S107")
    SecurityEvents(
            SecurityEventRepository events,
            SecurityAssetRepository assets,
            Clients clients,
            ServiceDirectory services,
            BusinessKeys businessKeys,
            RegisterAudit audit,
            RuntimeService runtimeService,
            Clock clock,
            EngineIdentity engineIdentity,
            SecurityDataAccess access) {
        this.events = events;
        this.assets = assets;
        this.clients = clients;
        this.services = services;
        this.businessKeys = businessKeys;
        this.audit = audit;
        this.runtimeService = runtimeService;
        this.clock = clock;
        this.engineIdentity = engineIdentity;
        this.access = access;
    }

    /** What a caller reports: the same fields for the API, the start form and the message. */
    record Report(
            String clientReference,
            String serviceReference,
            String eventType,
            String asset,
            String assetCriticality,
            Boolean personalData,
            String description,
            String source,
            String assetReference) {

        /** A report that names no asset of the inventory. */
        Report(
                String clientReference,
                String serviceReference,
                String eventType,
                String asset,
                String assetCriticality,
                Boolean personalData,
                String description,
                String source) {
            this(
                    clientReference,
                    serviceReference,
                    eventType,
                    asset,
                    assetCriticality,
                    personalData,
                    description,
                    source,
                    null);
        }
    }

    /** Through the API: the row, then its workflow (classification and clock run in this transaction). */
    @Transactional
    SecurityEvent raise(Report report) {
        String reporter = SecurityContextHolder.getContext().getAuthentication() == null
                ? null
                : SecurityContextHolder.getContext().getAuthentication().getName();
        SecurityEvent event = write(null, report, reporter, null);
        audit.record(REGISTER, event.getReference(), RegisterAudit.CREATE, Map.of(), event.auditView());
        Map<String, Object> variables = new HashMap<>();
        variables.put(CaseVariables.CLIENT_REFERENCE.name(), event.getClientReference());
        variables.put(SecurityEventProcess.SERVICE_REFERENCE.name(), event.getServiceReference());
        variables.put(SecurityEventProcess.EVENT_TYPE.name(), event.getEventType());
        variables.put(SecurityEventProcess.ASSET.name(), event.getAsset());
        variables.put(
                SecurityEventProcess.ASSET_CRITICALITY.name(),
                event.getAssetCriticality().name().toLowerCase(Locale.ROOT));
        variables.put(SecurityEventProcess.PERSONAL_DATA.name(), event.isPersonalData());
        variables.put(SecurityEventProcess.DESCRIPTION.name(), event.getDescription());
        variables.put(SecurityEventProcess.SOURCE.name(), event.getSource());
        engineIdentity.asPlatform(() ->
                runtimeService.startProcessInstanceByKey(SecurityEventProcess.KEY, event.getReference(), variables));
        return event;
    }

    /**
     * Checks every field (400 naming it) and saves the row under {@code reference}, or a new SEC reference
     * when null; not audited here (the caller knows its context).
     */
    SecurityEvent write(String reference, Report report, String reportedBy, ProcessOrigin origin) {
        Client client = clients.require(report.clientReference());
        SecurityAsset named = inventoryAsset(client, report.assetReference());
        String serviceReference = blankToNull(report.serviceReference());
        if (serviceReference == null && named != null) {
            serviceReference = named.getServiceReference();
        }
        if (serviceReference != null) {
            ManagedService service = services.find(serviceReference)
                    .orElseThrow(() -> new InvalidFieldException("serviceReference", "no service with this reference"));
            if (!service.getClientReference().equals(client.getReference())) {
                throw new InvalidFieldException(
                        "serviceReference", "is a service of another client, not of " + client.getReference());
            }
            serviceReference = service.getReference();
        }
        String type = oneOf("eventType", report.eventType(), EVENT_TYPES);
        // an asset of the inventory brings its name and criticality; otherwise the reporter gives them
        String asset = named != null ? named.getName() : required("asset", report.asset(), 200);
        AssetCriticality criticality = named != null ? named.getCriticality() : criticality(report.assetCriticality());
        if (report.personalData() == null) {
            throw new InvalidFieldException("personalData", "is required (true or false)");
        }
        String description = required("description", report.description(), 4000);
        String source = report.source() == null || report.source().isBlank()
                ? "staff"
                : oneOf("source", report.source(), SOURCES);
        SecurityEvent event = new SecurityEvent(
                reference != null ? reference : businessKeys.next("SEC"),
                client.getReference(),
                serviceReference,
                type,
                asset,
                criticality,
                report.personalData(),
                description,
                source,
                reportedBy,
                clock.instant(),
                origin);
        if (named != null) {
            event.concerns(named.getReference());
        }
        return events.save(event);
    }

    /** The asset of the client's inventory the report names (400 naming assetReference otherwise), or null. */
    private SecurityAsset inventoryAsset(Client client, String assetReference) {
        String reference = blankToNull(assetReference);
        if (reference == null) {
            return null;
        }
        SecurityAsset asset = assets.findByReference(reference)
                .filter(SecurityAsset::isActive)
                .orElseThrow(() ->
                        new InvalidFieldException("assetReference", "no asset in the inventory with this reference"));
        if (!asset.getClientReference().equals(client.getReference())) {
            throw new InvalidFieldException(
                    "assetReference", "is an asset of another client, not of " + client.getReference());
        }
        return asset;
    }

    /** The event, if the caller may read it; otherwise it does not exist for them. */
    @Transactional(readOnly = true)
    SecurityEvent find(String reference) {
        return events.findByReference(reference)
                .filter(event -> access.mayRead(event.getServiceReference()))
                .orElseThrow(() -> new NotFoundException("security event", reference));
    }

    @Transactional(readOnly = true)
    Page<SecurityEvent> list(
            String clientReference,
            String serviceReference,
            SecuritySeverity severity,
            SecurityEventStatus status,
            PageParameters page) {
        Specification<SecurityEvent> visible = (root, query, cb) -> null;
        if (!access.seesAll()) {
            List<String> managed = access.managedServices();
            if (managed.isEmpty()) {
                return new PageImpl<>(List.of(), page.sortedBy(Sort.unsorted()), 0);
            }
            visible = (root, query, cb) -> root.get("serviceReference").in(managed);
        }
        return events.findAll(
                ListFilters.<SecurityEvent>allOf(
                        visible,
                        ListFilters.equal("clientReference", clientReference),
                        ListFilters.equal("serviceReference", serviceReference),
                        ListFilters.equal("severity", severity),
                        ListFilters.equal("status", status)),
                page.sortedBy(Sort.by(Sort.Order.desc("id"))));
    }

    static AssetCriticality criticality(String value) {
        return named("assetCriticality", value, AssetCriticality.class);
    }

    static SecuritySeverity severity(String value) {
        return named("severity", value, SecuritySeverity.class);
    }

    static SecurityEventStatus status(String value) {
        return named("status", value, SecurityEventStatus.class);
    }

    static <E extends Enum<E>> E named(String field, String value, Class<E> type) {
        String text = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(
                    field,
                    "must be one of "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                                    .toList());
        }
    }

    static String oneOf(String field, String value, Set<String> allowed) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(text)) {
            throw new InvalidFieldException(
                    field, "must be one of " + allowed.stream().sorted().toList());
        }
        return text;
    }

    static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required");
        }
        String text = value.trim();
        if (text.length() > max) {
            throw new InvalidFieldException(field, "has at most " + max + " characters");
        }
        return text;
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
