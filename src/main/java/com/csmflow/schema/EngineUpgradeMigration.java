package com.csmflow.schema;

import java.sql.Connection;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of a migration that upgrades the engine's schema with the engine's own upgrade script
 * ({@code upgrade/<db>_engine_<from>_to_<to>.sql}) when the engine on the classpath gets a new minor
 * version: e.g. {@code @Component class V100__Camunda_7_24_to_7_25 extends EngineUpgradeMigration}
 * calling {@code super("7.24_to_7.25", "7.25.0")}, numbered after every migration that exists then.
 *
 * <p>A database created fresh by the newer engine's create scripts (the 0.x migrations read them
 * from the jar on the classpath) is at the target already: ACT_GE_SCHEMA_LOG records it (every
 * create and upgrade script writes its version there), and the migration runs nothing.
 */
abstract class EngineUpgradeMigration extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(EngineUpgradeMigration.class);

    private final String step;
    private final String targetVersion;

    /**
     * @param step          the script's name part, e.g. "7.24_to_7.25"
     * @param targetVersion the version the script writes into ACT_GE_SCHEMA_LOG, e.g. "7.25.0"
     */
    EngineUpgradeMigration(String step, String targetVersion) {
        this.step = step;
        this.targetVersion = targetVersion;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (EngineScripts.schemaLogHas(connection, targetVersion)) {
            log.info(
                    "Engine schema is at {} already (created by that version): upgrade {} not needed",
                    targetVersion,
                    step);
            return;
        }
        String script = "upgrade/" + EngineScripts.databaseType(connection) + "_engine_" + step + ".sql";
        log.info("Upgrading the engine schema: {}", script);
        EngineScripts.run(connection, script);
    }
}
