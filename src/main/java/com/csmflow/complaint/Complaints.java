package com.csmflow.complaint;

import com.csmflow.api.ConflictException;
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
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The complaint register (004 PR7.5, 002): complaints raised through the API (row first, then the workflow in
 * the same transaction, business key = reference) or the Tasklist start form (the workflow's first step writes
 * the row), the same rules for both; the client's agreement to close; the counts the service report reads.
 */
@Service
public class Complaints {

    static final String REGISTER = "complaint";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final ComplaintRepository complaints;
    private final Clients activeClients;
    private final BusinessKeys businessKeys;
    private final RegisterAudit audit;
    private final RuntimeService runtimeService;
    private final Clock clock;
    private final EngineIdentity engineIdentity;

    Complaints(
            ComplaintRepository complaints,
            Clients activeClients,
            BusinessKeys businessKeys,
            RegisterAudit audit,
            RuntimeService runtimeService,
            Clock clock,
            EngineIdentity engineIdentity) {
        this.complaints = complaints;
        this.activeClients = activeClients;
        this.businessKeys = businessKeys;
        this.audit = audit;
        this.runtimeService = runtimeService;
        this.clock = clock;
        this.engineIdentity = engineIdentity;
    }

    /** Complaints of one client in a period, as the service report reads them. */
    public record ComplaintCounts(long received, long closed, long openAtEnd) {}

    /** Received and closed in {@code [from, to)}, and still open at {@code to}. */
    @Transactional(readOnly = true)
    public ComplaintCounts counts(String clientReference, Instant from, Instant to) {
        return new ComplaintCounts(
                complaints.countReceived(clientReference, from, to),
                complaints.countClosed(clientReference, from, to),
                complaints.countOpenAt(clientReference, to));
    }

    /** Through the API: the row, then its workflow (the clock starts in this transaction). */
    @Transactional
    Complaint raise(String clientReference, String contact, String category, String priority, String description) {
        Complaint complaint = write(clientReference, contact, category, priority, description, null);
        audit.record(REGISTER, complaint.getReference(), RegisterAudit.CREATE, Map.of(), complaint.auditView());
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(CaseVariables.CLIENT_REFERENCE.name(), complaint.getClientReference());
        variables.put(CaseVariables.PRIORITY.name(), complaint.getPriority());
        variables.put(ComplaintProcess.CONTACT.name(), complaint.getContact());
        variables.put(ComplaintProcess.CATEGORY.name(), complaint.getCategory().name());
        variables.put(ComplaintProcess.DESCRIPTION.name(), complaint.getDescription());
        engineIdentity.asPlatform(() ->
                runtimeService.startProcessInstanceByKey(ComplaintProcess.KEY, complaint.getReference(), variables));
        return complaint;
    }

    /** Checks every field (400 naming it) and saves the row under a new CMP reference; not audited here. */
    Complaint write(
            String clientReference,
            String contact,
            String category,
            String priority,
            String description,
            ProcessOrigin origin) {
        String client = activeClients.require(clientReference).getReference();
        String email = required("contact", contact, 320);
        if (!EMAIL.matcher(email).matches()) {
            throw new InvalidFieldException("contact", "is not an email address");
        }
        ComplaintCategory type = category(category);
        String normalisedPriority;
        try {
            normalisedPriority = priority == null || priority.isBlank()
                    ? SlaPriority.P3.name()
                    : SlaPriority.parse(priority).name();
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("priority", e.getMessage());
        }
        String text = required("description", description, 4000);
        return complaints.save(new Complaint(
                businessKeys.next("CMP"),
                client,
                email.toLowerCase(Locale.ROOT),
                type,
                normalisedPriority,
                text,
                clock.instant(),
                origin));
    }

    /**
     * The client's answer to the proposed resolution, from the client's side: agreed closes the complaint,
     * not agreed sends it back to handling. 409 when the complaint is not waiting for the client.
     */
    @Transactional
    Complaint clientAgreement(String reference, Boolean agreed, String note) {
        Complaint complaint = find(reference);
        if (agreed == null) {
            throw new InvalidFieldException("agreed", "is required (true or false)");
        }
        if (note != null && note.length() > 4000) {
            throw new InvalidFieldException("note", "has at most 4000 characters");
        }
        if (complaint.getStatus() != ComplaintStatus.RESOLVED) {
            throw new ConflictException("Complaint " + reference + " is " + complaint.getStatus()
                    + ": it is not waiting for the client's agreement");
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(ComplaintProcess.CLIENT_AGREEMENT.name(), agreed ? "agreed" : "not-agreed");
        variables.put(ComplaintProcess.CLIENT_AGREEMENT_NOTE.name(), note == null ? "" : note.trim());
        try {
            engineIdentity.asPlatform(() -> runtimeService
                    .createMessageCorrelation(ComplaintProcess.CLIENT_AGREEMENT_MESSAGE)
                    .processInstanceBusinessKey(reference)
                    .setVariables(variables)
                    .correlateWithResult());
        } catch (MismatchingMessageCorrelationException | OptimisticLockingException raced) {
            throw new ConflictException("Complaint " + reference + " is not waiting for the client's agreement");
        }
        return complaint;
    }

    @Transactional(readOnly = true)
    Complaint find(String reference) {
        return complaints.findByReference(reference).orElseThrow(() -> new NotFoundException("complaint", reference));
    }

    @Transactional(readOnly = true)
    Page<Complaint> list(
            String clientReference, ComplaintCategory category, ComplaintStatus status, PageParameters page) {
        return complaints.findAll(
                ListFilters.<Complaint>allOf(
                        ListFilters.equal("clientReference", clientReference),
                        ListFilters.equal("category", category),
                        ListFilters.equal("status", status)),
                page.sortedBy(Sort.by(Sort.Order.desc("id"))));
    }

    static ComplaintCategory category(String value) {
        return named("category", value, ComplaintCategory.class);
    }

    static ComplaintStatus status(String value) {
        return named("status", value, ComplaintStatus.class);
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
        String text = value.trim();
        if (text.length() > max) {
            throw new InvalidFieldException(field, "has at most " + max + " characters");
        }
        return text;
    }
}
