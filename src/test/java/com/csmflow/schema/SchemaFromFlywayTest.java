package com.csmflow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fresh PostgreSQL database (the test JVM's embedded PostgreSQL 17) gets its whole schema from
 * Flyway, the engine's tables included, and the engine starts on it without creating anything.
 */
@CsmFlowTest
class SchemaFromFlywayTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProcessEngine processEngine;

    @Test
    void theEngineSchemaComesFromFlywayBeforeOurMigrations() {
        List<String> applied = jdbc.queryForList(
                "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank",
                String.class);

        assertThat(applied)
                .startsWith("0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "1")
                .contains("80", "90"); // 90: PostgreSQL only (db/vendor/postgresql)
        assertThat(jdbc.queryForList(
                        "SELECT description FROM flyway_schema_history WHERE version LIKE '0.%'"
                                + " ORDER BY installed_rank",
                        String.class))
                .containsExactly(
                        "Camunda engine",
                        "Camunda history",
                        "Camunda identity",
                        "Camunda case engine",
                        "Camunda case history",
                        "Camunda decision engine",
                        "Camunda decision history");
    }

    @Test
    void theEngineOnlyChecksItsTablesAndFindsThemAtItsVersion() {
        assertThat(processEngine.getProcessEngineConfiguration().getDatabaseSchemaUpdate())
                .isEqualTo("false");
        assertThat(jdbc.queryForObject(
                        "SELECT value_ FROM act_ge_property WHERE name_ = 'schema.version'", String.class))
                .isEqualTo("fox"); // what the engine compares at start
        assertThat(jdbc.queryForList("SELECT version_ FROM act_ge_schema_log", String.class))
                .containsExactly("7.24.0");
        // the engine works on these tables: the models were deployed at start
        assertThat(processEngine
                        .getRepositoryService()
                        .createProcessDefinitionQuery()
                        .processDefinitionKey("change-request")
                        .count())
                .isPositive();
    }
}
