package com.csmflow.client;

import jakarta.persistence.PrePersist;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Stamps a new client row's creation from the platform clock (Hibernate gets this listener from Spring,
 * which injects the clock), so the entity never reads the system time itself.
 */
@Component
class ClientTimestamps {

    private final Clock clock;

    ClientTimestamps(Clock clock) {
        this.clock = clock;
    }

    @PrePersist
    void stampCreation(Client client) {
        client.stampCreation(clock.instant());
    }
}
