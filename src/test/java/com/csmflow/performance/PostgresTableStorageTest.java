package com.csmflow.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.csmflow.harness.CsmFlowTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Tuning 12 of docs/performance.md: room in the pages of the engine's busiest runtime tables. */
@CsmFlowTest
class PostgresTableStorageTest {

    private static final int JOBS = 200;

    @Autowired
    DataSource dataSource;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theBusiestRuntimeTablesLeaveRoomOnEachPage() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            for (String table : PostgresTableStorage.UPDATED_IN_PLACE) {
                assertThat(PostgresTableStorage.currentFillfactor(connection, table)).as(table).isEqualTo(70);
            }
            assertThat(PostgresTableStorage.currentFillfactor(connection, "no_such_table")).isNull();
        }
    }

    /**
     * What the room is for: the job executor locking a job, on a page filled by the jobs inserted after
     * it, rewrites the row in place and touches none of the table's nine indexes. On a page packed full
     * (fill factor 100) the same update moves the row and counts as an ordinary update.
     */
    @Test
    void lockingAJobUpdatesItsRowInPlace() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO act_ru_job (id_, rev_, type_, "
                        + "exclusive_, retries_, handler_type_, handler_cfg_, suspension_state_, priority_, duedate_) "
                        + "VALUES (?, 1, 'timer', true, 3, 'timer-transition', 'fillfactor-probe', 1, 0, now())")) {
                    for (int i = 0; i < JOBS; i++) {
                        insert.setString(1, "fillfactor-probe-" + i);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("UPDATE act_ru_job SET rev_ = 2, lock_owner_ = 'probe-node', "
                            + "lock_exp_time_ = now() + interval '5 minutes' WHERE id_ = 'fillfactor-probe-0'");
                    try (ResultSet rs = statement.executeQuery("SELECT pg_stat_get_xact_tuples_updated(oid), "
                            + "pg_stat_get_xact_tuples_hot_updated(oid) FROM pg_class WHERE oid = 'act_ru_job'::regclass")) {
                        rs.next();
                        assertThat(rs.getLong(1)).as("updates").isEqualTo(1);
                        assertThat(rs.getLong(2)).as("of them in place (heap-only)").isEqualTo(1);
                    }
                }
            } finally {
                connection.rollback();
            }
        }
    }

    /**
     * The other half of tuning 12: with Camunda's default acquisition, the lock update wrote NULL into
     * the indexed ROOT_PROC_INST_ID_ of every job it locked, so no lock could stay in place. With
     * jobExecutorAcquireExclusiveOverProcessHierarchies the job executor's own acquisition keeps it.
     */
    @Test
    void theJobExecutorsLockKeepsTheJobsRootInstance() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String deployment = engine.getRepositoryService().createDeployment().name("job-lock-probe")
                .addModelInstance("job-lock-probe.bpmn", Bpmn.createExecutableProcess("job-lock-probe")
                        .camundaHistoryTimeToLive(30).startEvent().serviceTask().camundaAsyncBefore()
                        .camundaExpression("${true}").endEvent().done())
                .deploy().getId();
        try {
            ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("job-lock-probe");
            AcquiredJobs acquired = configuration.getCommandExecutorTxRequired()
                    .execute(new AcquireJobsCmd(configuration.getJobExecutor(), 10_000));
            try {
                String jobId = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                        .singleResult().getId();
                assertThat(acquired.contains(jobId)).as("the probe's job was acquired").isTrue();
                Map<String, Object> row = jdbc.queryForMap(
                        "SELECT lock_owner_, root_proc_inst_id_ FROM act_ru_job WHERE id_ = ?", jobId);
                assertThat(row.get("lock_owner_")).isEqualTo(configuration.getJobExecutor().getLockOwner());
                assertThat(row.get("root_proc_inst_id_")).isEqualTo(instance.getId());
            } finally {
                // leave no job of other tests locked: they run their jobs themselves
                List<String> locked = acquired.getJobIdBatches().stream().flatMap(List::stream).toList();
                locked.forEach(id -> jdbc.update(
                        "UPDATE act_ru_job SET lock_owner_ = NULL, lock_exp_time_ = NULL WHERE id_ = ?", id));
            }
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment, true);
        }
    }

    @Test
    void readsTheFillfactorPostgresListsAndRefusesImpossibleValues() {
        assertThat(PostgresTableStorage.fillfactorOf(null)).isEqualTo(100);
        assertThat(PostgresTableStorage.fillfactorOf("autovacuum_enabled=true,fillfactor=70")).isEqualTo(70);
        assertThat(PostgresTableStorage.fillfactorOf("toast.fillfactor=50")).isEqualTo(100);
        assertThatThrownBy(() -> new PostgresTableStorage(dataSource, 5))
                .hasMessageContaining(PostgresTableStorage.PROPERTY).hasMessageContaining("between 10 and 100");
    }
}
