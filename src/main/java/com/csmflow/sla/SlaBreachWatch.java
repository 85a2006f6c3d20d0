package com.csmflow.sla;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where the SLA kernel notices a breach as it happens. A clock is breached the instant its due passes while
 * it runs (the workflows' own breach timers fire then; the clock row itself only records BREACHED when it
 * stops), so this watch looks for clocks of <b>client-facing</b> targets ({@code sla_target.client_facing})
 * that are running past their due, or stopped breached, and not yet announced; it claims each one
 * ({@code breach_announced_at}, once per clock even with several nodes) and publishes {@link
 * SlaClockBreached} in the claiming transaction. A paused clock is not breached (its due moves on resume).
 *
 * <p>Only clocks that fell due within {@code csmflow.sla.breach-notices.lookback} (default one day) are
 * announced, so the first run after an upgrade does not tell clients of old breaches. The watch runs where
 * the job executor runs (tests, with the executor off, call {@link #announceDueBreaches()} themselves).
 */
@Component
public class SlaBreachWatch {

    private static final Logger log = LoggerFactory.getLogger(SlaBreachWatch.class);
    private static final int BATCH = 100;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration lookback;
    private final boolean enabled;

    SlaBreachWatch(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${csmflow.sla.breach-notices.lookback:P1D}") Duration lookback,
            @Value("${camunda.bpm.job-execution.enabled:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.clock = clock;
        this.lookback = lookback;
        this.enabled = enabled;
    }

    @Scheduled(
            initialDelayString = "${csmflow.sla.breach-notices.watch-ms:60000}",
            fixedDelayString = "${csmflow.sla.breach-notices.watch-ms:60000}")
    void scheduled() {
        if (enabled) {
            announceDueBreaches();
        }
    }

    /** Announces every unannounced breach of a client-facing target due by now; returns the clocks announced. */
    public List<SlaClockBreached> announceDueBreaches() {
        Instant now = clock.instant();
        List<SlaClockBreached> due = jdbc.query(
                """
                SELECT c.id, c.business_key, c.process_instance_id, c.clock_name, c.metric, c.client_reference,
                       c.priority, c.due_at
                FROM sla_clock c
                JOIN sla_target t ON t.tier = c.tier AND t.priority = c.priority AND t.metric = c.metric
                WHERE t.client_facing AND c.breach_announced_at IS NULL
                  AND c.state IN ('RUNNING', 'BREACHED') AND c.due_at <= ? AND c.due_at > ?
                ORDER BY c.due_at, c.id
                LIMIT %d""".formatted(BATCH),
                (rs, row) -> new SlaClockBreached(
                        rs.getLong("id"),
                        rs.getString("business_key"),
                        rs.getString("process_instance_id"),
                        rs.getString("clock_name"),
                        rs.getString("metric"),
                        rs.getString("client_reference"),
                        rs.getString("priority"),
                        rs.getTimestamp("due_at").toInstant()),
                Timestamp.from(now),
                Timestamp.from(now.minus(lookback)));
        List<SlaClockBreached> announced = new ArrayList<>();
        for (SlaClockBreached breach : due) {
            try {
                Boolean claimed = transactions.execute(status -> {
                    int rows = jdbc.update(
                            "UPDATE sla_clock SET breach_announced_at = ? WHERE id = ? AND breach_announced_at IS NULL",
                            Timestamp.from(now),
                            breach.clockId());
                    if (rows == 1) {
                        events.publishEvent(breach);
                    }
                    return rows == 1;
                });
                if (Boolean.TRUE.equals(claimed)) {
                    announced.add(breach);
                }
            } catch (RuntimeException e) {
                // left unannounced: the next run tries again
                log.warn(
                        "Could not announce the breach of SLA clock {} ({}): {}",
                        breach.clockId(),
                        breach.businessKey(),
                        e.getMessage());
            }
        }
        return announced;
    }
}
