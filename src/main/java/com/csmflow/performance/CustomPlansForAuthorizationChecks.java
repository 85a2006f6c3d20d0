package com.csmflow.performance;

import java.sql.Connection;
import java.sql.Statement;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.postgresql.PGStatement;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, plans the engine's list and count queries that join authorizations (the task list of
 * Tasklist, say) with their parameter values, every time, and leaves every other statement to the
 * server's plan cache (docs/performance.md, tunings 1 and 13).
 *
 * <p>Such a query filters {@code ACT_RU_AUTHORIZATION} on {@code PERMS_ & ? = ?}. Only with the
 * permission bits known can the planner use the statistics on them (PostgresPlannerStatistics); a
 * generic plan of the prepared statement guesses 0.5 % of the rows, and for a user whose group has
 * thousands of open tasks picks a join that compares every task with every authorization. Forcing
 * custom plans for the whole connection ({@code plan_cache_mode}) fixed that, but also had the server
 * plan again every insert, update, delete, job acquisition, permission check and foreign-key check of
 * the engine, on every execution. Here the JDBC driver sends just those queries unprepared (prepare
 * threshold 0), which the server always plans with their values. A single permission check ("may this
 * user complete this task?") looks its few rows up by resource id and keeps its cached plan.
 */
@Component
class CustomPlansForAuthorizationChecks extends AbstractProcessEnginePlugin {

    /** How the engine's PostgreSQL mappings write a permission check ({@code bitand} is " & " there). */
    static final String PERMISSION_CHECK = "PERMS_ & ";

    /** The engine's list and count queries are named select...ByQueryCriteria in its mappings. */
    static final String QUERY_STATEMENT = "ByQueryCriteria";

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if ("postgres".equals(configuration.getDatabaseType())) {
            Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
            mybatis.addInterceptor(new UnpreparedAuthorizationChecks(mybatis));
        }
    }

    @Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = {Connection.class, Integer.class}))
    static final class UnpreparedAuthorizationChecks implements Interceptor {

        /** MyBatis wraps the statement handler of each call in a RoutingStatementHandler. */
        private static final String MAPPED_STATEMENT = "delegate.mappedStatement";

        private final Configuration mybatis;

        UnpreparedAuthorizationChecks(Configuration mybatis) {
            this.mybatis = mybatis;
        }

        @Override
        public Object intercept(Invocation invocation) throws Throwable {
            Object prepared = invocation.proceed();
            StatementHandler handler = (StatementHandler) invocation.getTarget();
            if (prepared instanceof Statement statement && statement.isWrapperFor(PGStatement.class)
                    && statementId(handler).contains(QUERY_STATEMENT)
                    && handler.getBoundSql().getSql().contains(PERMISSION_CHECK)) {
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            return prepared;
        }

        /** The mapped statement's id, e.g. "selectTaskByQueryCriteria", or "" when it cannot be read. */
        private String statementId(StatementHandler handler) {
            // The configuration's meta objects share one reflector cache. SystemMetaObject.forObject builds
            // a new cache per call, i.e. reflects over the handler classes for every statement of the
            // engine: 14-18 % of the JVM's CPU in the benchmark (docs/performance.md, tuning 15).
            MetaObject meta = mybatis.newMetaObject(handler);
            return meta.hasGetter(MAPPED_STATEMENT) && meta.getValue(MAPPED_STATEMENT) instanceof MappedStatement statement
                    ? statement.getId() : "";
        }
    }
}
