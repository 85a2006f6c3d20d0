package com.csmflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.springframework.beans.factory.annotation.Autowired;

/** Tuning 10 of docs/performance.md: the engine's batches of inserts reach PostgreSQL as multi-row inserts. */
@CsmFlowTest
class PostgresBatchedInsertsTest {

    @Autowired
    DataSource dataSource;

    @Test
    void theApplicationsConnectionsRewriteBatchedInserts() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection
                            .unwrap(BaseConnection.class)
                            .getQueryExecutor()
                            .isReWriteBatchedInsertsEnabled())
                    .isTrue();
            connection.setAutoCommit(false);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TEMPORARY TABLE batched_insert_probe (id int) ON COMMIT DROP");
            }
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO batched_insert_probe VALUES (?)")) {
                for (int id = 1; id <= 4; id++) {
                    insert.setInt(1, id);
                    insert.addBatch();
                }
                // rewritten into one multi-row insert (chunks of a power of two), the driver cannot count each row
                assertThat(insert.executeBatch()).containsOnly(Statement.SUCCESS_NO_INFO);
            }
            connection.rollback();
        }
    }

    @Test
    void onlyPostgresPoolsWithoutAnExplicitChoiceAreChanged() {
        PostgresBatchedInserts processor = new PostgresBatchedInserts();

        HikariDataSource h2 = new HikariDataSource();
        h2.setJdbcUrl("jdbc:h2:mem:probe");
        processor.postProcessBeforeInitialization(h2, "dataSource");
        assertThat(h2.getDataSourceProperties()).doesNotContainKey(PostgresBatchedInserts.PROPERTY);

        HikariDataSource explicit = new HikariDataSource();
        explicit.setJdbcUrl("jdbc:postgresql://db.example/csmflow");
        explicit.addDataSourceProperty(PostgresBatchedInserts.PROPERTY, "false");
        processor.postProcessBeforeInitialization(explicit, "dataSource");
        assertThat(explicit.getDataSourceProperties()).containsEntry(PostgresBatchedInserts.PROPERTY, "false");

        HikariDataSource postgres = new HikariDataSource();
        postgres.setJdbcUrl("jdbc:postgresql://db.example/csmflow");
        processor.postProcessBeforeInitialization(postgres, "dataSource");
        assertThat(postgres.getDataSourceProperties()).containsEntry(PostgresBatchedInserts.PROPERTY, "true");
    }
}
