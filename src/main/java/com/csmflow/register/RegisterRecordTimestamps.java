package com.csmflow.register;

import jakarta.persistence.PreUpdate;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Stamps {@code updated_at} of a register row on every update, from the platform clock (the engine's,
 * so a test that moves the engine clock sees it here too). Hibernate gets this listener from Spring
 * (Spring Boot configures Hibernate's bean container), which is how it gets the clock injected.
 */
@Component
class RegisterRecordTimestamps {

    private final Clock clock;

    RegisterRecordTimestamps(Clock clock) {
        this.clock = clock;
    }

    @PreUpdate
    void stampUpdate(RegisterRecord record) {
        record.touch(clock.instant());
    }
}
