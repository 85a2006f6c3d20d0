package com.csmflow.performance;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Tunings 1 and 9 of docs/performance.md: what the application sets up in PostgreSQL at start-up. */
@CsmFlowTest
class PostgresPlannerStatisticsTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void permissionBitsHaveStatisticsAndSubtasksAnIndex() {
        assertThat(jdbc.queryForList("SELECT stxname FROM pg_statistic_ext", String.class))
                .contains("csmflow_authorization_perms");
        assertThat(jdbc.queryForList(
                        "SELECT indexdef FROM pg_indexes WHERE indexname = 'csmflow_idx_task_parent'", String.class))
                .singleElement()
                .asString()
                .contains("parent_task_id_");
    }
}
