package com.csmflow.sla;

import java.time.Instant;

/**
 * A clock on a client-facing target has passed its due instant (announced once per clock by {@link
 * SlaBreachWatch}, in the transaction that records the announcement): whoever tells the client listens.
 */
public record SlaClockBreached(
        long clockId,
        String businessKey,
        String processInstanceId,
        String clockName,
        String metric,
        String clientReference,
        String priority,
        Instant dueAt) {}
