package com.csmflow.client;

import com.csmflow.api.InvalidFieldException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The client register as other capabilities see it: a client by its reference (its calendar, zone,
 * language and tier), and the one check every workflow makes before it takes new work for a client: the
 * client exists and is not retired (retired clients keep their history but get no new changes,
 * escalations or problems). The repository itself stays inside this package.
 */
@Component
public class Clients {

    private final ClientRepository clients;

    Clients(ClientRepository clients) {
        this.clients = clients;
    }

    /** The client with this reference, retired or not. */
    @Transactional(readOnly = true)
    public Optional<Client> findByReference(String reference) {
        return reference == null ? Optional.empty() : clients.findByReference(reference.trim());
    }

    /** The active clients whose designated CSM this user is. */
    @Transactional(readOnly = true)
    public List<Client> withDesignatedCsm(String userId) {
        return clients.findByDesignatedCsm(userId);
    }

    /**
     * The active client with this reference in any case ("alpenwerk" is ALPENWERK: references are upper
     * case only, see {@code ClientRequest}), or 400 naming {@code clientReference}. Callers keep
     * {@link Client#getReference()}, not what was typed.
     */
    @Transactional(readOnly = true)
    public Client require(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new InvalidFieldException("clientReference", "is required");
        }
        return clients.findByReference(reference.trim().toUpperCase(Locale.ROOT))
                .filter(client -> !client.isRetired())
                .orElseThrow(
                        () -> new InvalidFieldException("clientReference", "no active client with this reference"));
    }

    /** The active clients by name: what a person may choose where a form asks for a client. */
    @Transactional(readOnly = true)
    public List<Client> active() {
        return clients.search(null, false, Pageable.unpaged(Sort.by("name", "reference")))
                .getContent();
    }
}
