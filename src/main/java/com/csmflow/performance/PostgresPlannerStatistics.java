package com.csmflow.performance;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Lets PostgreSQL plan the engine's authorization checks well (docs/performance.md, "task queries").
 *
 * <p>Every task query of an authenticated user joins ACT_RU_AUTHORIZATION with conditions like
 * {@code PERMS_ & 2 = 2}. PostgreSQL has no statistics for such an expression and guesses 0.5 % of the
 * rows, so with one authorization per candidate-group task it expects ~15 rows where there are tens of
 * thousands, and compares every task with every authorization (quadratic: 1.8 s for 3,000 tasks of the
 * group). Statistics on the permission bits the queries test give it the real row count, and then it
 * looks each task's authorizations up through the resource id index (see also random_page_cost in
 * application-postgres.yaml). Also adds one index the engine's schema lacks ({@link #SUBTASK_INDEX}).
 * Runs once the engine has created its tables; a no-op elsewhere (H2).
 */
@Component
@Order(100)
class PostgresPlannerStatistics implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PostgresPlannerStatistics.class);
    /** READ (2) on tasks and instances, READ_TASK (64) and READ_INSTANCE (512) on process definitions. */
    static final String STATISTICS = "CREATE STATISTICS IF NOT EXISTS csmflow_authorization_perms "
            + "ON (perms_ & 2), (perms_ & 64), (perms_ & 512) FROM act_ru_authorization";

    /**
     * Completing or cancelling a task looks for its subtasks ({@code select * from ACT_RU_TASK where
     * PARENT_TASK_ID_ = ?}), a column Camunda's PostgreSQL schema does not index: a scan of every open
     * task for every completed one (1.3 ms at 10,000 open tasks in the timer storm, growing with the
     * queue). docs/performance.md, tuning 9.
     */
    static final String SUBTASK_INDEX = "CREATE INDEX IF NOT EXISTS csmflow_idx_task_parent "
            + "ON act_ru_task (parent_task_id_)";

    private final DataSource dataSource;

    PostgresPlannerStatistics(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void run(ApplicationArguments args) {
        try (Connection connection = dataSource.getConnection()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute(STATISTICS);
                statement.execute("ANALYZE act_ru_authorization");
                statement.execute(SUBTASK_INDEX);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            // only planning gets worse without it; the application works
            log.warn("Could not create planner statistics or the subtask index: {}", e.getMessage());
        }
    }
}
