package com.csmflow.harness;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Points the application (engine, JPA, Flyway) at the JVM's embedded PostgreSQL 17. */
@TestConfiguration(proxyBeanMethods = false)
public class EmbeddedPostgresConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres17.Lease embeddedPostgresLease() {
        return EmbeddedPostgres17.lease();
    }

    @Bean(destroyMethod = "close")
    @Primary
    DataSource dataSource(EmbeddedPostgres17.Lease lease) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(lease.jdbcUrl());
        dataSource.setUsername("postgres");
        dataSource.setPassword("postgres");
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }
}
