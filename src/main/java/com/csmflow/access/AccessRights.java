package com.csmflow.access;

import com.csmflow.api.ConflictException;
import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.ListFilters;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.forms.FormOptions;
import com.csmflow.register.BusinessKeys;
import com.csmflow.register.CaseRegister;
import com.csmflow.register.ProcessOrigin;
import com.csmflow.security.RoleGroup;
import com.csmflow.servicerequest.ManagedService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The access register (004 PR6.5): requests through the API (row first, then the {@code access-right}
 * workflow in the same transaction, business key = reference) or the Tasklist start form (the workflow's
 * first step writes the row), with the same checks; reading with the row check of {@link SecurityData};
 * revocations handed to the right's workflow as the {@value AccessRightProcess#MESSAGE_REVOCATION} message.
 */
@Service
class AccessRights {

    static final String REGISTER = "access-right";
    private static final String SERVICE_REGISTER = "service";

    private final AccessRightRepository rights;
    private final Clients clients;
    private final FormOptions people;
    private final BusinessKeys businessKeys;
    private final RegisterAudit audit;
    private final RuntimeService runtimeService;
    private final Clock clock;
    private final EngineIdentity engineIdentity;
    private final SecurityData securityData;
    private final List<CaseRegister> caseRegisters;

    AccessRights(
            AccessRightRepository rights,
            Clients clients,
            FormOptions people,
            BusinessKeys businessKeys,
            RegisterAudit audit,
            RuntimeService runtimeService,
            Clock clock,
            EngineIdentity engineIdentity,
            SecurityData securityData,
            List<CaseRegister> caseRegisters) {
        this.rights = rights;
        this.clients = clients;
        this.people = people;
        this.businessKeys = businessKeys;
        this.audit = audit;
        this.runtimeService = runtimeService;
        this.clock = clock;
        this.engineIdentity = engineIdentity;
        this.securityData = securityData;
        this.caseRegisters = caseRegisters;
    }

    /** What a request says, unchecked (from the API body or the start form's variables). */
    record Request(
            String clientReference,
            String grantee,
            String asset,
            String permission,
            String reason,
            Object validUntil,
            String approver,
            String serviceReference,
            String supersedes) {}

    /** Through the API: the row, then its workflow, started as the platform (the caller is recorded). */
    @Transactional
    AccessRight request(Request request, String requestedBy) {
        AccessRight right = write(request, requestedBy, null);
        audit.record(REGISTER, right.getReference(), RegisterAudit.CREATE, Map.of(), right.auditView());
        Map<String, Object> variables = new HashMap<>();
        variables.put(CaseVariables.CLIENT_REFERENCE.name(), right.getClientReference());
        engineIdentity.asPlatform(() ->
                runtimeService.startProcessInstanceByKey(AccessRightProcess.KEY, right.getReference(), variables));
        return right;
    }

    /** Checks every field (400 naming it) and saves a new REQUESTED row with its own ACR reference. */
    AccessRight write(Request request, String requestedBy, ProcessOrigin origin) {
        Client client = clients.require(request.clientReference());
        String grantee = person("grantee", request.grantee(), true);
        String asset = required("asset", request.asset(), 200);
        String permission = required("permission", request.permission(), 200);
        String reason = required("reason", request.reason(), 2000);
        Instant endsAt = endsAt(request.validUntil(), client);
        String approver = person("approver", request.approver(), false);
        String serviceReference = blankToNull(request.serviceReference());
        ManagedService service = null;
        if (serviceReference != null) {
            service = service(serviceReference)
                    .filter(found -> found.getClientReference().equals(client.getReference()))
                    .orElseThrow(() -> new InvalidFieldException(
                            "serviceReference", "is not a service of client " + client.getReference()));
        }
        String supersedes = blankToNull(request.supersedes());
        if (supersedes != null) {
            AccessRight replaced = rights.findByReference(supersedes)
                    .filter(found -> found.getClientReference().equals(client.getReference()))
                    .filter(found -> found.getStatus() == AccessRightStatus.ACTIVE)
                    .orElseThrow(() -> new InvalidFieldException(
                            "supersedes", "is not an active right of client " + client.getReference()));
            if (!replaced.getGrantee().equals(grantee)) {
                throw new InvalidFieldException("supersedes", "is a right of another person");
            }
        }
        return rights.save(new AccessRight(
                businessKeys.next("ACR"),
                client.getReference(),
                new AccessRightRequest(
                        service == null ? null : service.getReference(),
                        service == null ? null : service.getServiceManager(),
                        service == null ? null : service.getDeliveryManager(),
                        grantee,
                        asset,
                        permission,
                        reason,
                        endsAt,
                        approver,
                        blankToNull(requestedBy),
                        supersedes),
                clock.instant(),
                origin));
    }

    @Transactional(readOnly = true)
    AccessRight find(String reference) {
        AccessRight right =
                rights.findByReference(reference).orElseThrow(() -> new NotFoundException("access right", reference));
        securityData.requireReadable(right);
        return right;
    }

    @Transactional(readOnly = true)
    Page<AccessRight> list(
            String clientReference,
            AccessRightStatus status,
            String grantee,
            String serviceReference,
            PageParameters page) {
        return rights.findAll(
                ListFilters.<AccessRight>allOf(
                        securityData.readableRights(),
                        ListFilters.equal("clientReference", clientReference),
                        ListFilters.equal("status", status),
                        ListFilters.equal("grantee", grantee),
                        ListFilters.equal("serviceReference", serviceReference)),
                page.sortedBy(Sort.by(Sort.Order.desc("id"))));
    }

    /**
     * Asks the right's workflow to revoke it: 409 unless the right is active and no revocation is under way.
     * Checked before correlating: a failed correlation would mark the caller's transaction rollback-only.
     */
    @Transactional
    AccessRight revoke(String reference, String reason, String by) {
        AccessRight right = find(reference);
        String why = required("reason", reason, 2000);
        if (!requestRevocation(right, RevocationKind.REQUESTED, why, by)) {
            throw new ConflictException("Access right " + reference + " is " + right.getStatus()
                    + (right.getRevocationKind() == null ? "" : ", its revocation is under way"));
        }
        return right;
    }

    /**
     * Sends the revocation message to the right's workflow when it waits for one; false when it does not
     * (the right is not active, or its revocation is already under way).
     */
    boolean requestRevocation(AccessRight right, RevocationKind kind, String reason, String by) {
        if (right.getStatus() != AccessRightStatus.ACTIVE || right.getRevocationKind() != null) {
            return false;
        }
        return engineIdentity.asPlatform(() -> {
            boolean waiting = runtimeService
                            .createExecutionQuery()
                            .processInstanceBusinessKey(right.getReference())
                            .processDefinitionKey(AccessRightProcess.KEY)
                            .messageEventSubscriptionName(AccessRightProcess.MESSAGE_REVOCATION)
                            .count()
                    > 0;
            if (!waiting) {
                return false;
            }
            Map<String, Object> variables = new HashMap<>();
            variables.put(AccessRightProcess.REVOCATION_KIND.name(), kind.name());
            variables.put(AccessRightProcess.REVOCATION_REASON.name(), reason);
            variables.put(AccessRightProcess.REVOCATION_REQUESTED_BY.name(), by);
            runtimeService
                    .createMessageCorrelation(AccessRightProcess.MESSAGE_REVOCATION)
                    .processInstanceBusinessKey(right.getReference())
                    .setVariables(variables)
                    .correlate();
            return true;
        });
    }

    /** The right's end as the workflow's timer wants it, null when open-ended. */
    static Date endDate(AccessRight right) {
        return right.getValidUntil() == null ? null : Date.from(right.getValidUntil());
    }

    /**
     * The last valid day (yyyy-mm-dd, or a form's date or date-time) as the instant the right lapses:
     * midnight after it in the client's time zone; it must lie in the future.
     */
    private Instant endsAt(Object validUntil, Client client) {
        LocalDate lastDay;
        if (validUntil == null || validUntil.toString().isBlank()) {
            return null;
        } else if (validUntil instanceof Date date) {
            lastDay = LocalDate.ofInstant(date.toInstant(), client.getTimeZone());
        } else if (validUntil instanceof LocalDate date) {
            lastDay = date;
        } else {
            String text = validUntil.toString().trim();
            try {
                lastDay = LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
            } catch (DateTimeParseException e) {
                throw new InvalidFieldException("validUntil", "is not a date (yyyy-mm-dd): " + text);
            }
        }
        Instant endsAt = lastDay.plusDays(1).atStartOfDay(client.getTimeZone()).toInstant();
        if (!endsAt.isAfter(clock.instant())) {
            throw new InvalidFieldException("validUntil", "has passed");
        }
        return endsAt;
    }

    private String person(String field, String userId, boolean required) {
        String id = blankToNull(userId);
        if (id == null) {
            if (required) {
                throw new InvalidFieldException(field, "is required");
            }
            return null;
        }
        if (!people.isMemberOfAny(id, Arrays.asList(RoleGroup.values()))) {
            throw new InvalidFieldException(field, "is not a member of the staff: " + id);
        }
        return id;
    }

    private java.util.Optional<ManagedService> service(String reference) {
        return caseRegisters.stream()
                .filter(register -> SERVICE_REGISTER.equals(register.name()))
                .findFirst()
                .flatMap(register -> register.find(reference))
                .filter(ManagedService.class::isInstance)
                .map(ManagedService.class::cast);
    }

    static AccessRightStatus status(String value) {
        String text = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        try {
            return AccessRightStatus.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("status", "must be one of " + Arrays.toString(AccessRightStatus.values()));
        }
    }

    static String required(String field, String value, int max) {
        String text = blankToNull(value);
        if (text == null) {
            throw new InvalidFieldException(field, "is required");
        }
        if (text.length() > max) {
            throw new InvalidFieldException(field, "has at most " + max + " characters");
        }
        return text;
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
