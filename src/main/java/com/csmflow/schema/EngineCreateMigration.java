package com.csmflow.schema;

import java.sql.Connection;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates one part of the engine's schema with the engine's own create script
 * ({@code activiti.<db>.create.<part>.sql}). The engine itself only checks its tables at start
 * ({@code camunda.bpm.database.schema-update: false}).
 *
 * <p>A database whose engine tables were created by the engine itself (CSM Flow before the schema
 * moved to Flyway, docs/operations.md "Upgrading") already has the part: then the migration only
 * records it, provided ACT_GE_SCHEMA_LOG says the tables are at the version of the engine on the
 * classpath. Tables of another version stop the migration: they need Camunda's upgrade scripts first.
 */
abstract class EngineCreateMigration extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(EngineCreateMigration.class);

    private final String part;
    private final String markerTable;

    /**
     * @param part        Camunda's name of the schema part in its script names ("engine", "case.history", ...)
     * @param markerTable a table the part creates; the engine checks the same ones at start
     */
    EngineCreateMigration(String part, String markerTable) {
        this.part = part;
        this.markerTable = markerTable;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        String version = EngineScripts.engineVersion();
        if (EngineScripts.tableExists(connection, markerTable)) {
            if (!EngineScripts.schemaLogHas(connection, version)) {
                throw new FlywayException(
                        "The engine tables of part '" + part + "' exist, but ACT_GE_SCHEMA_LOG does not"
                                + " record version " + version + ": upgrade them with Camunda's upgrade scripts first");
            }
            log.info(
                    "Engine schema part '{}' exists already at version {} (created by the engine): recorded, not created",
                    part,
                    version);
            return;
        }
        String script = "create/activiti." + EngineScripts.databaseType(connection) + ".create." + part + ".sql";
        log.info("Creating engine schema part '{}' ({}, from the engine jar {})", part, script, version);
        EngineScripts.run(connection, script);
    }
}
