package com.csmflow.schema;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.camunda.bpm.engine.ProcessEngine;
import org.flywaydb.core.api.FlywayException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The SQL scripts Camunda ships inside the engine jar ({@code org/camunda/bpm/engine/db/create} and
 * {@code .../upgrade}, one per database), run by our Flyway migrations. They are read from the jar
 * rather than copied into this repository, so they are exactly what the engine on the classpath
 * expects. Camunda's PostgreSQL and H2 scripts are plain statements separated by ';' (no function
 * bodies with ';' inside), which is what {@link ScriptUtils} splits on; it also drops the comments.
 */
final class EngineScripts {

    private static final String ROOT = "org/camunda/bpm/engine/db/";

    private EngineScripts() {}

    /** The engine version on the classpath as its jar names it ("7.24.0"), also what ACT_GE_SCHEMA_LOG records. */
    static String engineVersion() {
        String version = ProcessEngine.class.getPackage().getImplementationVersion();
        if (version == null) {
            throw new FlywayException("The Camunda engine jar on the classpath names no version");
        }
        return version;
    }

    /** Camunda's name of the connection's database in its script names: "postgres" or "h2". */
    static String databaseType(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        return switch (product) {
            case "PostgreSQL" -> "postgres";
            case "H2" -> "h2";
            default ->
                throw new FlywayException("No engine schema scripts for " + product
                        + ": CSM Flow runs on PostgreSQL (production) and H2 (demo)");
        };
    }

    /** Runs the engine's script {@code path} (below org/camunda/bpm/engine/db/) on {@code connection}. */
    static void run(Connection connection, String path) {
        ClassPathResource script = new ClassPathResource(ROOT + path, ProcessEngine.class.getClassLoader());
        if (!script.exists()) {
            throw new FlywayException("The Camunda engine jar has no script " + ROOT + path);
        }
        ScriptUtils.executeSqlScript(connection, new EncodedResource(script, StandardCharsets.UTF_8));
    }

    static boolean tableExists(Connection connection, String table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        // PostgreSQL keeps unquoted names in lower case, H2 in upper case
        for (String name : new String[] {table.toLowerCase(), table.toUpperCase()}) {
            try (ResultSet tables = metaData.getTables(null, connection.getSchema(), name, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the engine's ACT_GE_SCHEMA_LOG records that its schema reached {@code version}. */
    static boolean schemaLogHas(Connection connection, String version) throws SQLException {
        if (!tableExists(connection, "ACT_GE_SCHEMA_LOG")) {
            return false;
        }
        try (PreparedStatement query =
                connection.prepareStatement("SELECT count(*) FROM ACT_GE_SCHEMA_LOG WHERE VERSION_ = ?")) {
            query.setString(1, version);
            try (ResultSet count = query.executeQuery()) {
                return count.next() && count.getInt(1) > 0;
            }
        }
    }
}
