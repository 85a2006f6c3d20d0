package com.csmflow.onboarding;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.register.BusinessKeys;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
