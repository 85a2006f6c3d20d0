package com.csmflow.onboarding;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.InvalidInputException;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.register.BusinessKeys;
import com.csmflow.register.ProcessOrigin;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The client document register: recording documents and telling which required ones a client still lacks. */
@Service
public class ClientDocuments {

    static final String REGISTER = "client_document";

    private final ClientDocumentRepository documents;
    private final Clients clients;
    private final BusinessKeys businessKeys;
    private final RegisterAudit audit;
    private final Clock clock;

    ClientDocuments(
            ClientDocumentRepository documents,
            Clients clients,
            BusinessKeys businessKeys,
            RegisterAudit audit,
            Clock clock) {
        this.documents = documents;
        this.clients = clients;
        this.businessKeys = businessKeys;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    ClientDocument record(
            String clientReference,
            String kind,
            String title,
            String version,
            String owner,
            String location,
            LocalDate nextReviewDate) {
        String client = clientOf(clientReference);
        DocumentKind parsedKind = parseKind(kind);
        if (!nextReviewDate.isAfter(LocalDate.now(clock))) {
            throw new InvalidFieldException("nextReviewDate", "must be in the future");
        }
        ClientDocument document = documents.save(new ClientDocument(
                businessKeys.next("DOC"),
                client,
                parsedKind,
                title.trim(),
                version.trim(),
                owner.trim(),
                location.trim(),
                nextReviewDate,
                currentUser(),
                clock.instant(),
                null));
        audit.record(REGISTER, document.getReference(), RegisterAudit.CREATE, Map.of(), document.auditView());
        return document;
    }

    /**
     * A new version of the client's latest document of {@code kind}, recorded by a workflow step (same title,
     * owner, place and review date, the step's case as origin, audited under it). Refused naming
     * {@code field} when the client has no such document yet or the version is the current one.
     */
    ClientDocument newVersion(
            DelegateExecution execution, String clientReference, DocumentKind kind, String version, String field) {
        ClientDocument current = documents.findByClientReference(clientReference).stream()
                .filter(document -> document.getKind() == kind)
                .max(java.util.Comparator.comparing(ClientDocument::getId))
                .orElseThrow(() -> new InvalidInputException(
                        field,
                        "the client has no " + kind.label() + " in its document register yet: register it first"
                                + " (POST /api/clients/" + clientReference + "/documents)"));
        if (current.getVersion().equalsIgnoreCase(version.trim())) {
            throw new InvalidInputException(
                    field, "must be a new version; the register holds version " + current.getVersion());
        }
        if (version.trim().length() > 32) {
            throw new InvalidInputException(field, "at most 32 characters");
        }
        ClientDocument document = documents.save(new ClientDocument(
                businessKeys.next("DOC"),
                clientReference,
                kind,
                current.getTitle(),
                version.trim(),
                current.getOwner(),
                current.getLocation(),
                current.getNextReviewDate(),
                currentUser(),
                clock.instant(),
                ProcessOrigin.of(execution)));
        audit.record(
                execution, REGISTER, document.getReference(), RegisterAudit.CREATE, Map.of(), document.auditView());
        return document;
    }

    @Transactional(readOnly = true)
    Page<ClientDocument> of(String clientReference, PageParameters page) {
        return documents.findByClientReference(
                clientOf(clientReference), page.sortedBy(Sort.by(Sort.Direction.DESC, "id")));
    }

    /** The required kinds the client has no document of yet, in the order of {@link DocumentKind}. */
    @Transactional(readOnly = true)
    public List<DocumentKind> missing(String clientReference, boolean continuityAgreed) {
        Set<DocumentKind> missing = EnumSet.noneOf(DocumentKind.class);
        missing.addAll(DocumentKind.required(continuityAgreed));
        documents.findByClientReference(clientReference).forEach(found -> missing.remove(found.getKind()));
        return List.copyOf(missing);
    }

    /** The client named in the path, as the register spells it, or 404. */
    private String clientOf(String reference) {
        return clients.findByReference(reference == null ? "" : reference.trim().toUpperCase(Locale.ROOT))
                .filter(client -> !client.isRetired())
                .map(Client::getReference)
                .orElseThrow(() -> new NotFoundException("Client", reference));
    }

    private static DocumentKind parseKind(String kind) {
        try {
            return DocumentKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidFieldException("kind", "must be one of " + List.of(DocumentKind.values()));
        }
    }

    private static String currentUser() {
        var caller = SecurityContextHolder.getContext().getAuthentication();
        return caller == null ? null : caller.getName();
    }
}
