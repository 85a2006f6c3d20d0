package com.csmflow.schema;

import java.util.List;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * The engine's schema as Flyway migrations, in the order in which the engine itself would create it
 * (Camunda's {@code DbSqlSession.dbSchemaCreate}: engine, history, identity, case engine, case history,
 * decision engine, decision history). Versions 0.x sort before our own migrations (db/migration, V1
 * onwards). Spring beans, because Spring Boot hands every JavaMigration bean to Flyway.
 *
 * <p>An engine upgrade later (a new minor version, or Operaton) is a migration after ours that runs
 * the engine's upgrade script: see {@link EngineUpgradeMigration}.
 */
final class EngineSchemaMigrations {

    private EngineSchemaMigrations() {}

    /** The same migrations for a Flyway run outside the application (tests, a one-off tool). */
    static List<JavaMigration> all() {
        return List.of(
                new V0_1__Camunda_engine(),
                new V0_2__Camunda_history(),
                new V0_3__Camunda_identity(),
                new V0_4__Camunda_case_engine(),
                new V0_5__Camunda_case_history(),
                new V0_6__Camunda_decision_engine(),
                new V0_7__Camunda_decision_history());
    }

    @Component
    static class V0_1__Camunda_engine extends EngineCreateMigration {
        V0_1__Camunda_engine() {
            super("engine", "ACT_GE_PROPERTY");
        }
    }

    @Component
    static class V0_2__Camunda_history extends EngineCreateMigration {
        V0_2__Camunda_history() {
            super("history", "ACT_HI_PROCINST");
        }
    }

    @Component
    static class V0_3__Camunda_identity extends EngineCreateMigration {
        V0_3__Camunda_identity() {
            super("identity", "ACT_ID_USER");
        }
    }

    @Component
    static class V0_4__Camunda_case_engine extends EngineCreateMigration {
        V0_4__Camunda_case_engine() {
            super("case.engine", "ACT_RE_CASE_DEF");
        }
    }

    @Component
    static class V0_5__Camunda_case_history extends EngineCreateMigration {
        V0_5__Camunda_case_history() {
            super("case.history", "ACT_HI_CASEINST");
        }
    }

    @Component
    static class V0_6__Camunda_decision_engine extends EngineCreateMigration {
        V0_6__Camunda_decision_engine() {
            super("decision.engine", "ACT_RE_DECISION_DEF");
        }
    }

    @Component
    static class V0_7__Camunda_decision_history extends EngineCreateMigration {
        V0_7__Camunda_decision_history() {
            super("decision.history", "ACT_HI_DECINST");
        }
    }
}
