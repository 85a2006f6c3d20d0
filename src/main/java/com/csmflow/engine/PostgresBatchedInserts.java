package com.csmflow.engine;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Turns the engine's JDBC batches of INSERTs into multi-row INSERTs on PostgreSQL (docs/performance.md,
 * tuning 10).
 *
 * <p>Camunda flushes a transaction's new rows as JDBC batches, one per table (a change's 12 start
 * variables are 12 inserts into ACT_RU_VARIABLE, 12 into ACT_HI_VARINST and 12 into ACT_HI_DETAIL).
 * Without {@code reWriteBatchedInserts} the PostgreSQL driver still sends and executes them one by one;
 * with it, one statement carries up to 128 rows. Camunda supports the option (it does not read the row
 * counts of inserts, which the driver then cannot report). Set here rather than in the URL, so that it
 * holds for whatever {@code SPRING_DATASOURCE_URL} an operator gives; other databases are left alone.
 */
@Component
class PostgresBatchedInserts implements BeanPostProcessor {

    static final String PROPERTY = "reWriteBatchedInserts";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool
                && isPostgres(pool.getJdbcUrl())
                && !pool.getDataSourceProperties().containsKey(PROPERTY)) { // an explicit choice wins
            pool.addDataSourceProperty(PROPERTY, "true");
        }
        return bean;
    }

    private static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
    }
}
