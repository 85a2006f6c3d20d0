package com.csmflow.servicedesk;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.ListFilters;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.register.BusinessKeys;
import com.csmflow.register.ProcessOrigin;
import com.csmflow.sla.SlaPriority;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service desk register: requests raised through the API (row first, then the workflow in the same
 * transaction, business key = reference) or the Tasklist start form (the workflow's first step writes the
 * row); the same rules for both.
 */
@Service
class ServiceDeskRequests {

    static final String REGISTER = "service-desk-request";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final ServiceDeskRequestRepository requests;
    private final Clients activeClients;
    private final BusinessKeys businessKeys;
    private final RegisterAudit audit;
    private final RuntimeService runtimeService;
    private final Clock clock;
    private final EngineIdentity engineIdentity;

    ServiceDeskRequests(
            ServiceDeskRequestRepository requests,
            Clients activeClients,
            BusinessKeys businessKeys,
            RegisterAudit audit,
            RuntimeService runtimeService,
            Clock clock,
            EngineIdentity engineIdentity) {
        this.requests = requests;
        this.activeClients = activeClients;
        this.businessKeys = businessKeys;
        this.audit = audit;
        this.runtimeService = runtimeService;
        this.clock = clock;
        this.engineIdentity = engineIdentity;
    }

    /** Through the API: the row, then its workflow; the first steps (clock, acknowledgement job) run in this transaction. */
    @Transactional
    ServiceDeskRequest raise(
            String clientReference,
            String category,
            String priority,
            String subject,
            String description,
            String requesterEmail) {
        ServiceDeskRequest request =
                write(null, clientReference, category, priority, subject, description, requesterEmail, null);
        audit.record(REGISTER, request.getReference(), RegisterAudit.CREATE, Map.of(), request.auditView());
        engineIdentity.asPlatform(() -> runtimeService.startProcessInstanceByKey(
                ServiceDeskRequestProcess.KEY,
                request.getReference(),
                Map.of(
                        CaseVariables.CLIENT_REFERENCE.name(), request.getClientReference(),
                        CaseVariables.PRIORITY.name(), request.getPriority(),
                        ServiceDeskRequestProcess.CATEGORY.name(), request.getCategory(),
                        ServiceDeskRequestProcess.SUBJECT.name(), request.getSubject(),
                        ServiceDeskRequestProcess.DESCRIPTION.name(),
                                request.getDescription() == null ? "" : request.getDescription(),
                        ServiceDeskRequestProcess.REQUESTER_EMAIL.name(), request.getRequesterEmail())));
        return request;
    }

    /**
     * Checks every field (400 naming it) and saves the row under {@code reference}, or a new SDR reference
     * when null; not audited here (the caller knows its context).
     */
    ServiceDeskRequest write(
            String reference,
            String clientReference,
            String category,
            String priority,
            String subject,
            String description,
            String requesterEmail,
            ProcessOrigin origin) {
        String client = activeClients.require(clientReference).getReference();
        ServiceDeskCategory type = category(category);
        String normalisedPriority;
        try {
            normalisedPriority = SlaPriority.parse(priority).name();
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("priority", e.getMessage());
        }
        String title = required("subject", subject, 200);
        String text = description == null || description.isBlank() ? null : limited("description", description, 4000);
        String email = required("requesterEmail", requesterEmail, 255);
        if (!EMAIL.matcher(email).matches()) {
            throw new InvalidFieldException("requesterEmail", "is not an email address");
        }
        if (reference != null && reference.length() > 32) {
            throw new InvalidFieldException("businessKey", "has at most 32 characters");
        }
        return requests.save(new ServiceDeskRequest(
                reference != null ? reference : businessKeys.next("SDR"),
                client,
                type,
                normalisedPriority,
                title,
                text,
                email.toLowerCase(Locale.ROOT),
                clock.instant(),
                origin));
    }

    @Transactional(readOnly = true)
    ServiceDeskRequest find(String reference) {
        return requests.findByReference(reference)
                .orElseThrow(() -> new NotFoundException("service desk request", reference));
    }

    @Transactional(readOnly = true)
    Page<ServiceDeskRequest> list(
            String clientReference, ServiceDeskCategory category, ServiceDeskStatus status, PageParameters page) {
        return requests.findAll(
                ListFilters.<ServiceDeskRequest>allOf(
                        ListFilters.equal("clientReference", clientReference),
                        ListFilters.equal("category", category),
                        ListFilters.equal("status", status)),
                page.sortedBy(Sort.by(Sort.Order.desc("id"))));
    }

    static ServiceDeskCategory category(String value) {
        return named("category", value, ServiceDeskCategory.class);
    }

    static ServiceDeskStatus status(String value) {
        return named("status", value, ServiceDeskStatus.class);
    }

    private static <E extends Enum<E>> E named(String field, String value, Class<E> type) {
        String text = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required");
        }
        return limited(field, value, max);
    }

    private static String limited(String field, String value, int max) {
        String text = value.trim();
        if (text.length() > max) {
            throw new InvalidFieldException(field, "has at most " + max + " characters");
        }
        return text;
    }
}
