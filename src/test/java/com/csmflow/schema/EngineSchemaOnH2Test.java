package com.csmflow.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The H2 demo database gets its whole schema from the same migrations, and an H2 or PostgreSQL
 * database whose engine tables the engine created itself (before the schema moved to Flyway) is
 * taken over by the one-time out-of-order run described in docs/operations.md. Plain Flyway and a
 * standalone engine on in-memory H2: no Spring context (a second one would bring a second engine
 * "default").
 */
class EngineSchemaOnH2Test {

    private static final String[] LOCATIONS = {"classpath:db/migration", "classpath:db/vendor/h2"};

    @Test
    void aFreshH2DatabaseGetsTheEngineSchemaFromFlywayAndTheEngineStartsWithoutSchemaUpdate() {
        String url = newDatabase();
        flyway(url, engineMigrations()).migrate();

        JdbcTemplate jdbc = jdbc(url);
        assertThat(jdbc.queryForList(
                        "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL"
                                + " ORDER BY \"installed_rank\"",
                        String.class))
                .startsWith("0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "1")
                .doesNotContain("90");
        assertThat(jdbc.queryForList("SELECT VERSION_ FROM ACT_GE_SCHEMA_LOG", String.class))
                .containsExactly("7.24.0");
        assertEngineStartsAndRuns(url);
    }

    @Test
    void withoutTheEngineMigrationsTheEngineRefusesToStart() {
        // the check the fresh database passes above is real: schema-update false creates nothing
        String url = newDatabase();
        flyway(url, List.of()).migrate();

        assertThatThrownBy(() -> engine(url, "false"))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("ENGINE-03057"); // "There are no Camunda tables in the database"
    }

    @Test
    void anEngineCreatedSchemaIsTakenOverOnceOutOfOrderAndNotCreatedAgain() {
        // before: Flyway had applied our migrations, then the engine created its own tables (schema-update true)
        String url = newDatabase();
        flyway(url, List.of()).migrate();
        engine(url, "true").close();
        JdbcTemplate jdbc = jdbc(url);
        String createdAt = jdbc.queryForObject("SELECT TIMESTAMP_ FROM ACT_GE_SCHEMA_LOG", String.class);

        // the new version refuses the lower-numbered engine migrations on a database at V80 ...
        assertThatThrownBy(() -> flyway(url, engineMigrations()).migrate())
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("Detected resolved migration not applied to database: 0.1");
        // ... until the one-time run with out-of-order, which records them and creates nothing
        assertThat(oneTimeOutOfOrder(url).migrate().migrationsExecuted).isEqualTo(7);

        assertThat(jdbc.queryForList("SELECT TIMESTAMP_ FROM ACT_GE_SCHEMA_LOG", String.class))
                .containsExactly(createdAt);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM \"flyway_schema_history\" WHERE \"version\" LIKE '0.%'"
                                + " AND \"success\"",
                        Integer.class))
                .isEqualTo(7);
        // from then on the normal configuration validates and has nothing to do
        assertThat(flyway(url, engineMigrations()).migrate().migrationsExecuted).isZero();
        assertEngineStartsAndRuns(url);
    }

    @Test
    void engineTablesOfAnotherVersionAreNotTakenOver() {
        String url = newDatabase();
        flyway(url, List.of()).migrate();
        engine(url, "true").close();
        jdbc(url).update("UPDATE ACT_GE_SCHEMA_LOG SET VERSION_ = '7.23.0'");

        assertThatThrownBy(() -> oneTimeOutOfOrder(url).migrate())
                .isInstanceOf(FlywayException.class)
                .hasStackTraceContaining(
                        "does not record version 7.24.0: upgrade them with Camunda's upgrade scripts first");
    }

    @Test
    void anUpgradeMigrationRunsTheEngineUpgradeScriptUnlessTheSchemaIsAtItsTargetAlready() {
        List<JavaMigration> withUpgrade = new ArrayList<>(engineMigrations());
        withUpgrade.add(new V1000__Camunda_7_23_to_7_24());

        // created by the 7.24 scripts: at the target already, the upgrade runs nothing
        String fresh = newDatabase();
        flyway(fresh, withUpgrade).migrate();
        assertThat(jdbc(fresh).queryForList("SELECT ID_ FROM ACT_GE_SCHEMA_LOG", String.class))
                .containsExactly("0");

        // a schema at 7.23: the upgrade script of the engine jar runs and records 7.24.0 (its id 1300)
        String older = newDatabase();
        flyway(older, engineMigrations()).migrate();
        jdbc(older).update("UPDATE ACT_GE_SCHEMA_LOG SET VERSION_ = '7.23.0'");
        flyway(older, withUpgrade).migrate();
        assertThat(jdbc(older).queryForList("SELECT VERSION_ FROM ACT_GE_SCHEMA_LOG WHERE ID_ = '1300'", String.class))
                .containsExactly("7.24.0");
    }

    static class V1000__Camunda_7_23_to_7_24 extends EngineUpgradeMigration {
        V1000__Camunda_7_23_to_7_24() {
            super("7.23_to_7.24", "7.24.0");
        }
    }

    private static void assertEngineStartsAndRuns(String url) {
        ProcessEngine engine = engine(url, "false");
        try {
            engine.getRepositoryService()
                    .createDeployment()
                    .addModelInstance(
                            "probe.bpmn",
                            Bpmn.createExecutableProcess("probe")
                                    .camundaHistoryTimeToLive(1)
                                    .startEvent()
                                    .userTask("Task_Probe")
                                    .endEvent()
                                    .done())
                    .deploy();
            engine.getRuntimeService().startProcessInstanceByKey("probe");
            assertThat(engine.getTaskService()
                            .createTaskQuery()
                            .taskDefinitionKey("Task_Probe")
                            .count())
                    .isEqualTo(1);
            assertThat(engine.getHistoryService()
                            .createHistoricProcessInstanceQuery()
                            .count())
                    .isEqualTo(1);
        } finally {
            engine.close();
        }
    }

    private static List<JavaMigration> engineMigrations() {
        return EngineSchemaMigrations.all();
    }

    /** Flyway as application.yaml configures it on H2; the Java migrations are Spring beans there. */
    private static Flyway flyway(String url, List<JavaMigration> javaMigrations) {
        return Flyway.configure()
                .dataSource(url, "sa", "")
                .locations(LOCATIONS)
                .javaMigrations(javaMigrations.toArray(JavaMigration[]::new))
                .load();
    }

    /** The one-time step of docs/operations.md ("Upgrading an installation from before 0.x"). */
    private static Flyway oneTimeOutOfOrder(String url) {
        return Flyway.configure()
                .dataSource(url, "sa", "")
                .locations(LOCATIONS)
                .javaMigrations(engineMigrations().toArray(JavaMigration[]::new))
                .outOfOrder(true)
                .load();
    }

    private static ProcessEngine engine(String url, String schemaUpdate) {
        return ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                .setProcessEngineName("schema-test-" + UUID.randomUUID())
                .setJdbcDriver("org.h2.Driver")
                .setJdbcUrl(url)
                .setJdbcUsername("sa")
                .setJdbcPassword("")
                .setDatabaseSchemaUpdate(schemaUpdate)
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                .setJobExecutorActivate(false)
                .buildProcessEngine();
    }

    private static String newDatabase() {
        return "jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private static JdbcTemplate jdbc(String url) {
        return new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
    }
}
