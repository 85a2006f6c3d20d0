package com.csmflow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.EmbeddedPostgres17;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two nodes starting at once on an EMPTY PostgreSQL database race for the schema; Flyway's own lock
 * lets one node at a time apply a migration, so each is applied once (before Flyway owned the engine's
 * tables, both engines created them and the second died on a duplicate table, docs/operations.md).
 * Two Flyway runs configured as the application's, started together on a database of their own in
 * the test JVM's embedded PostgreSQL.
 */
class ConcurrentMigrationTest {

    @Test
    void twoNodesMigratingAnEmptyDatabaseAtOnceCreateTheSchemaOnce() throws Exception {
        try (EmbeddedPostgres17.Lease lease = EmbeddedPostgres17.lease()) {
            String url = lease.freshDatabase("csmflow_concurrent_migration");
            CyclicBarrier together = new CyclicBarrier(2);

            CompletableFuture<MigrateResult> node1 = CompletableFuture.supplyAsync(() -> migrate(url, together));
            CompletableFuture<MigrateResult> node2 = CompletableFuture.supplyAsync(() -> migrate(url, together));

            List<MigrateResult> results = List.of(node1.get(), node2.get());
            assertThat(results).allMatch(result -> result.success);
            // every migration ran on exactly one of the two. Not always the same one for all: Flyway
            // holds its lock per migration, so the nodes may take turns (seen: 22 on one, 19 on the other)
            assertThat(results.stream()
                            .mapToInt(result -> result.migrationsExecuted)
                            .sum())
                    .isEqualTo(flyway(url).info().applied().length);
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", "postgres"));
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM flyway_schema_history WHERE version IS NOT NULL"
                                    + " GROUP BY version ORDER BY count(*) DESC LIMIT 1",
                            Integer.class))
                    .isEqualTo(1);
            assertThat(jdbc.queryForList("SELECT version_ FROM act_ge_schema_log", String.class))
                    .containsExactly("7.24.0");
        }
    }

    private static MigrateResult migrate(String url, CyclicBarrier together) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return flyway(url).migrate();
    }

    /** Flyway as application.yaml configures it on PostgreSQL. */
    private static Flyway flyway(String url) {
        return Flyway.configure()
                .dataSource(url, "postgres", "postgres")
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .javaMigrations(EngineSchemaMigrations.all().toArray(JavaMigration[]::new))
                .load();
    }
}
