package com.csmflow.performance;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tuning 13 of docs/performance.md: the engine's authorization checks are planned with their values on
 * every execution; its other statements become prepared statements with a cached plan.
 */
@CsmFlowTest
class CustomPlansForAuthorizationChecksTest {

    /** More than the driver's default prepare threshold (5): a statement run this often is server-prepared. */
    static final int RUNS = 8;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TaskService taskService;

    @Autowired
    IdentityService identityService;

    @Autowired
    RepositoryService repositoryService;

    @Test
    void authorizationChecksStayUnpreparedWhileOtherStatementsArePrepared() {
        // one transaction, so that the engine and the check below share one connection and its statements
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            identityService.setAuthentication("plan-probe", List.of("csm"));
            try {
                for (int run = 0; run < RUNS; run++) {
                    taskService.createTaskQuery().taskCandidateGroup("csm").listPage(0, 10);
                    taskService.createTaskQuery().taskCandidateGroup("csm").count();
                }
            } finally {
                identityService.clearAuthentication();
            }
            for (int run = 0; run < RUNS; run++) { // no user: no authorization check in this query
                repositoryService.createProcessDefinitionQuery().processDefinitionKey("change-request").list();
            }

            List<String> prepared = jdbc.queryForList("SELECT statement FROM pg_prepared_statements", String.class);
            assertThat(prepared).anyMatch(sql -> sql.contains("ACT_RE_PROCDEF"));
            assertThat(prepared).noneMatch(sql -> sql.contains(CustomPlansForAuthorizationChecks.PERMISSION_CHECK));
        });
    }
}
