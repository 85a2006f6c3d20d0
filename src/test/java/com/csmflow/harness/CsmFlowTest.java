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
 * Process test coverage is measured for classes named {@code *ProcessTest} and enforced per class
 * (see {@link ProcessCoverageConfiguration}: the coverage library registers its test execution listener
 * for every Spring test by itself); reports land in {@code target/process-test-coverage}.
 * Mail goes to GreenMail and HTTP calls to WireMock, both on free ports ({@link TestServers}).
 * Don't add {@code @Import}, {@code @MockBean}, properties or profiles next to it: a second context
 * starts a second engine "default", which the Camunda container refuses in the same JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camunda.bpm.job-execution.enabled=false", "server.shutdown=immediate"})
@ActiveProfiles("demo")
@Import({EmbeddedPostgresConfiguration.class, ProcessCoverageConfiguration.class})
@ContextConfiguration(initializers = TestServers.class)
public @interface CsmFlowTest {}
