package com.csmflow.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Nodes of a cluster start one after the other on PostgreSQL: from just before the engine is built
 * until the application is ready, a node holds a PostgreSQL advisory lock, and a second node starting
 * at the same moment waits for it.
 * <p>
 * Why: the start-up runners check, then insert: the identity setup (admin, role groups,
 * authorizations, filters) and the demo data; two nodes doing that at once both insert and the second
 * dies on a duplicate key. Process deployments are serialised by the engine's own deployment lock
 * anyway; with this lock they also happen one node at a time. The schema is no longer a reason: Flyway
 * creates it (engine tables included) before the engine is built, under its own advisory lock (at
 * first both engines created their tables on an empty database and the second died on a duplicate
 * table, found with ops/cluster.sh). On other databases (H2 in the demo) there is only ever one node,
 * and nothing is locked.
 * <p>
 * Engine internals: the lock must be taken before the engine is built and its deployments run, and an
 * engine plugin ({@code AbstractProcessEnginePlugin}, internal) is the only hook at that moment.
 */
@Component
class StartupLock extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(StartupLock.class);
    /** "CSMFlow" in ASCII: one lock id for the whole application, used for nothing else. */
    static final long LOCK_ID = 0x43534D466C6F77L;

    private final DataSource dataSource;
    private Connection held;

    StartupLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public synchronized void preInit(ProcessEngineConfigurationImpl configuration) {
        try {
            Connection connection = dataSource.getConnection();
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                connection.close();
                return;
            }
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                if (!statement
                                .executeQuery("SELECT pg_try_advisory_lock(" + LOCK_ID + ")")
                                .next()
                        || !statement.getResultSet().getBoolean(1)) {
                    log.info("Another node is starting on this database; waiting for it to finish");
                    statement.execute("SELECT pg_advisory_lock(" + LOCK_ID + ")");
                }
            }
            held = connection;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the start-up lock on the database", e);
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        // keep holding: deployment and start-up runners come later
    }

    @EventListener({ApplicationReadyEvent.class, ApplicationFailedEvent.class})
    synchronized void release() {
        if (held == null) {
            return;
        }
        try (Connection connection = held;
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + LOCK_ID + ")");
        } catch (SQLException e) {
            log.warn("Could not release the start-up lock; it goes with the connection", e);
        } finally {
            held = null;
        }
    }
}
