package com.csmflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tuning 13 of docs/performance.md: the engine's list and count queries with authorization checks are
 * planned with their values on every execution; its other statements, single permission checks
 * included, become prepared statements with a cached plan.
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

    @Autowired
    AuthorizationService authorizationService;

    @Test
    void authorizedTaskQueriesStayUnpreparedWhileOtherStatementsArePrepared() {
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
                repositoryService
                        .createProcessDefinitionQuery()
                        .processDefinitionKey("change-request")
                        .list();
                authorizationService.isUserAuthorized(
                        "plan-probe", List.of("csm"), Permissions.READ, Resources.TASK, "task-" + run);
            }

            List<String> prepared = jdbc.queryForList("SELECT statement FROM pg_prepared_statements", String.class);
            String permissionCheck = CustomPlansForAuthorizationChecks.PERMISSION_CHECK;
            assertThat(prepared).anyMatch(sql -> sql.contains("ACT_RE_PROCDEF"));
            assertThat(prepared)
                    .as("a single permission check keeps its cached plan")
                    .anyMatch(sql -> sql.contains(permissionCheck) && !sql.contains("ACT_RU_TASK"));
            assertThat(prepared)
                    .as("the task list and count of a user are planned with their values")
                    .noneMatch(sql -> sql.contains(permissionCheck) && sql.contains("ACT_RU_TASK"));
        });
    }
}
