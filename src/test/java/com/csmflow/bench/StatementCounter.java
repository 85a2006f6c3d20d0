package com.csmflow.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * A JDBC counting proxy around the application's DataSource: every statement sent to the database
 * (execute*, and each addBatch of a JDBC batch) counts once, and so does every commit. Statements run while the current thread
 * is marked as "driver" (the benchmark's own polling queries) are counted apart, so the cost per
 * instance shows what the platform does, not how the simulated users look for work.
 */
final class StatementCounter {

    static final LongAdder PLATFORM = new LongAdder();
    static final LongAdder DRIVER = new LongAdder();
    static final LongAdder PLATFORM_COMMITS = new LongAdder();
    static final LongAdder DRIVER_COMMITS = new LongAdder();
    private static final ThreadLocal<Boolean> DRIVING = ThreadLocal.withInitial(() -> false);
    private static final Set<String> EXECUTING =
            Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");

    private StatementCounter() {}

    static long platform() {
        return PLATFORM.sum();
    }

    static long platformCommits() {
        return PLATFORM_COMMITS.sum();
    }

    static long driver() {
        return DRIVER.sum();
    }

    /** Runs work as benchmark driver (its statements are not the platform's cost). */
    static <T> T asDriver(java.util.function.Supplier<T> work) {
        DRIVING.set(true);
        try {
            return work.get();
        } finally {
            DRIVING.set(false);
        }
    }

    static DataSource wrap(DataSource target) {
        return proxy(
                DataSource.class,
                target,
                (method, result) -> result instanceof Connection connection && !(result instanceof Proxy)
                        ? proxy(Connection.class, connection, StatementCounter::wrapStatement)
                        : result);
    }

    private static Object wrapStatement(Method method, Object result) {
        if (result instanceof CallableStatement statement) {
            return proxy(CallableStatement.class, statement, StatementCounter::none);
        }
        if (result instanceof PreparedStatement statement) {
            return proxy(PreparedStatement.class, statement, StatementCounter::none);
        }
        if (result instanceof Statement statement) {
            return proxy(Statement.class, statement, StatementCounter::none);
        }
        return result;
    }

    private static Object none(Method method, Object result) {
        return result;
    }

    private interface ResultWrapper {
        Object wrap(Method method, Object result);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, ResultWrapper wrapper) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (Statement.class.isAssignableFrom(type) && EXECUTING.contains(method.getName())) {
                (DRIVING.get() ? DRIVER : PLATFORM).increment();
            } else if (type == Connection.class && method.getName().equals("commit")) {
                (DRIVING.get() ? DRIVER_COMMITS : PLATFORM_COMMITS).increment();
            }
            if (method.getName().equals("unwrap")
                    && args != null
                    && args[0] instanceof Class<?> iface
                    && iface.isInstance(proxy)) {
                return proxy;
            }
            try {
                return wrapper.wrap(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
