package com.csmflow.client;

import com.csmflow.api.InvalidFieldException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one check every workflow makes before it takes new work for a client: the client exists and is
 * not retired (retired clients keep their history but get no new changes, escalations or problems).
 */
@Component
public class ActiveClients {

    private final ClientRepository clients;

    ActiveClients(ClientRepository clients) {
        this.clients = clients;
    }

    /** The active client with this reference, or 400 naming {@code clientReference}. */
    @Transactional(readOnly = true)
    public Client require(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new InvalidFieldException("clientReference", "is required");
        }
        return clients.findByReference(reference.trim()).filter(client -> !client.isRetired())
                .orElseThrow(() -> new InvalidFieldException("clientReference", "no active client with this reference"));
    }
}
