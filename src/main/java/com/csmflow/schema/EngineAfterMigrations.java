package com.csmflow.schema;

import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Builds the engine only after Flyway has migrated: the engine finds its tables instead of creating
 * them. Spring Boot orders JPA and JdbcTemplate after database initialization by itself, but not the
 * Camunda starter's beans; the engine configuration is created before the engine factory builds the
 * engine, so waiting there is enough. Registered in META-INF/spring.factories.
 */
class EngineAfterMigrations extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(ProcessEngineConfiguration.class);
    }
}
