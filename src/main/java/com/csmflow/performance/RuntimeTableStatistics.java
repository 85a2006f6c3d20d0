package com.csmflow.performance;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Analyzes the engine's runtime tables that filled up before PostgreSQL ever analyzed them
 * (docs/performance.md, tuning 14).
 *
 * <p>A table without statistics gets plans made for default guesses. Seen in the timer storm: on a
 * new database ACT_RU_VARIABLE grew to 50,000 rows in a minute and autovacuum, busy with the much
 * larger history tables, did not analyze it for another two minutes; meanwhile the engine's variable
 * lookup of an execution guessed that few rows have no task and intersected its index with all
 * 50,000 of them: 2 ms instead of microseconds, twice per fired timer. Only tables with no statistics
 * at all are analyzed here, so in a database that has been running a while this does nothing and
 * autovacuum keeps the statistics current. A no-op on other databases.
 */
@Component
class RuntimeTableStatistics {

    private static final Logger log = LoggerFactory.getLogger(RuntimeTableStatistics.class);

    static final List<String> RUNTIME_TABLES = List.of(
            "act_ru_execution",
            "act_ru_variable",
            "act_ru_task",
            "act_ru_job",
            "act_ru_identitylink",
            "act_ru_authorization",
            "act_ru_event_subscr");

    /** 64 pages of 8 kB: a few thousand rows, where default guesses start to cost. */
    static final long MIN_BYTES = 64 * 8192;

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    RuntimeTableStatistics(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.postgres = isPostgres(dataSource);
    }

    @Scheduled(
            initialDelayString = "${csmflow.performance.analyze-check-ms:15000}",
            fixedDelayString = "${csmflow.performance.analyze-check-ms:15000}")
    void analyzeRuntimeTablesWithoutStatistics() {
        if (postgres) {
            analyzeTablesWithoutStatistics(RUNTIME_TABLES, MIN_BYTES);
        }
    }

    /** Runs ANALYZE on those of the tables that have no statistics and at least minBytes of data. */
    List<String> analyzeTablesWithoutStatistics(List<String> tables, long minBytes) {
        try {
            List<String> unanalyzed = jdbc.queryForList(
                    "SELECT c.relname FROM pg_class c "
                            + "WHERE c.relname = ANY (?) AND c.relkind = 'r' AND pg_table_is_visible(c.oid) "
                            + "AND pg_relation_size(c.oid) >= ? AND NOT EXISTS (SELECT 1 FROM pg_stats s "
                            + "WHERE s.tablename = c.relname AND s.schemaname = c.relnamespace::regnamespace::text)",
                    String.class,
                    tables.toArray(String[]::new),
                    minBytes);
            for (String table : unanalyzed) {
                jdbc.execute("ANALYZE " + table); // names from the fixed list above, matched by pg_class
                log.info("Analyzed {}: it had filled up without planner statistics", table);
            }
            return unanalyzed;
        } catch (DataAccessException e) {
            // plans stay as they are until autovacuum gets there; nothing else depends on this
            log.warn("Could not check the runtime tables' planner statistics: {}", e.getMessage());
            return List.of();
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            return false;
        }
    }
}
