package com.csmflow.engine;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.Statement;
import org.apache.ibatis.executor.statement.BaseStatementHandler;
import org.apache.ibatis.executor.statement.RoutingStatementHandler;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.postgresql.PGStatement;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;

/**
 * On PostgreSQL, plans the engine's list and count queries that join authorizations (the task list of
 * Tasklist, say) with their parameter values, every time, and leaves every other statement to the
 * server's plan cache (docs/performance.md, tunings 1 and 13).
 *
 * <p>Such a query filters {@code ACT_RU_AUTHORIZATION} on {@code PERMS_ & ? = ?}. Only with the
 * permission bits known can the planner use the statistics on them ({@code PostgresPlannerStatistics}); a
 * generic plan of the prepared statement guesses 0.5 % of the rows, and for a user whose group has
 * thousands of open tasks picks a join that compares every task with every authorization. Forcing
 * custom plans for the whole connection ({@code plan_cache_mode}) fixed that, but also had the server
 * plan again every insert, update, delete, job acquisition, permission check and foreign-key check of
 * the engine, on every execution. Here the JDBC driver sends just those queries unprepared (prepare
 * threshold 0), which the server always plans with their values. A single permission check ("may this
 * user complete this task?") looks its few rows up by resource id and keeps its cached plan.
 * <p>
 * Engine internals: the engine's MyBatis session factory is reachable only through its internal
 * configuration; no public API lets a statement choose how PostgreSQL plans it. Its test fails loudly if an
 * engine upgrade renames the statements or fields it relies on.
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
            configuration.getSqlSessionFactory().getConfiguration().addInterceptor(new UnpreparedAuthorizationChecks());
        }
    }

    @Intercepts(
            @Signature(
                    type = StatementHandler.class,
                    method = "prepare",
                    args = {Connection.class, Integer.class}))
    static final class UnpreparedAuthorizationChecks implements Interceptor {

        // MyBatis wraps the statement handler of each call in a RoutingStatementHandler; its delegate holds
        // the mapped statement. Both fields are private: read once here, with no per-call reflection.
        // MetaObject walks properties on every call, and SystemMetaObject.forObject even reflects over the
        // handler classes anew: 14-18 % of the JVM's CPU in the benchmark (docs/performance.md, tuning 15).
        private static final Field DELEGATE = accessible(RoutingStatementHandler.class, "delegate");
        private static final Field MAPPED_STATEMENT = accessible(BaseStatementHandler.class, "mappedStatement");

        private static Field accessible(Class<?> type, String name) {
            Field field = ReflectionUtils.findField(type, name);
            if (field == null) {
                throw new IllegalStateException("MyBatis " + type.getSimpleName() + " has no field " + name);
            }
            ReflectionUtils.makeAccessible(field);
            return field;
        }

        @Override
        public Object intercept(Invocation invocation) throws Throwable {
            Object prepared = invocation.proceed();
            StatementHandler handler = (StatementHandler) invocation.getTarget();
            if (prepared instanceof Statement statement
                    && statement.isWrapperFor(PGStatement.class)
                    && statementId(handler).contains(QUERY_STATEMENT)
                    && handler.getBoundSql().getSql().contains(PERMISSION_CHECK)) {
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            return prepared;
        }

        /** The mapped statement's id, e.g. "selectTaskByQueryCriteria", or "" for another kind of handler. */
        private static String statementId(StatementHandler handler) {
            if (handler instanceof RoutingStatementHandler routing
                    && ReflectionUtils.getField(DELEGATE, routing) instanceof BaseStatementHandler delegate
                    && ReflectionUtils.getField(MAPPED_STATEMENT, delegate) instanceof MappedStatement statement) {
                return statement.getId();
            }
            return "";
        }
    }
}
