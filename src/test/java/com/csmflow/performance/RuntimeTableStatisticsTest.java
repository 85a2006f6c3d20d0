package com.csmflow.performance;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Tuning 14 of docs/performance.md: a table that filled up without planner statistics gets them. */
@CsmFlowTest
class RuntimeTableStatisticsTest {

    @Autowired
    RuntimeTableStatistics statistics;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void dropProbes() {
        jdbc.execute("DROP TABLE IF EXISTS stats_probe_big, stats_probe_small");
    }

    @Test
    void analyzesOnlyFilledTablesWithoutStatistics() {
        jdbc.execute("CREATE TABLE stats_probe_big (id int, task_id text)");
        jdbc.execute("INSERT INTO stats_probe_big SELECT g, NULL FROM generate_series(1, 20000) g");
        jdbc.execute("CREATE TABLE stats_probe_small (id int)");
        jdbc.execute("INSERT INTO stats_probe_small VALUES (1)");
        List<String> probes = List.of("stats_probe_big", "stats_probe_small");

        assertThat(statistics.analyzeTablesWithoutStatistics(probes, RuntimeTableStatistics.MIN_BYTES))
                .containsExactly("stats_probe_big");
        // the planner now knows every task_id is null
        assertThat(jdbc.queryForObject(
                        "SELECT null_frac FROM pg_stats WHERE tablename = 'stats_probe_big' "
                                + "AND attname = 'task_id'",
                        Double.class))
                .isEqualTo(1.0);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM pg_stats WHERE tablename = 'stats_probe_small'", Long.class))
                .isZero();

        // analyzed once: with statistics in place the next check leaves it to autovacuum
        assertThat(statistics.analyzeTablesWithoutStatistics(probes, RuntimeTableStatistics.MIN_BYTES))
                .isEmpty();
    }

    @Test
    void watchesTheEnginesRuntimeTables() {
        assertThat(jdbc.queryForList(
                        "SELECT relname::text FROM pg_class WHERE relname = ANY (?) AND relkind = 'r'",
                        String.class,
                        (Object) RuntimeTableStatistics.RUNTIME_TABLES.toArray(String[]::new)))
                .containsExactlyInAnyOrderElementsOf(RuntimeTableStatistics.RUNTIME_TABLES);
    }
}
