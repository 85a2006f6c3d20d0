package com.csmflow.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on embedded PostgreSQL 17, demo users present, job executor off so that
 * tests fire timers and async jobs themselves. Tests that share this annotation share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camunda.bpm.job-execution.enabled=false", "server.shutdown=immediate"})
@ActiveProfiles("demo")
@Import(EmbeddedPostgresConfiguration.class)
@ContextConfiguration(initializers = TestServers.class)
public @interface CsmFlowTest {
}
