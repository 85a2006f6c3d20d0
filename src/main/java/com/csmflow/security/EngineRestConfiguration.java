package com.csmflow.security;

import jakarta.ws.rs.ApplicationPath;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/**
 * The engine REST API with our guards added, the way the Camunda Spring Boot REST starter documents
 * it (a bean extending {@link CamundaJerseyResourceConfig} replaces the starter's own).
 */
@Component
@ApplicationPath("/engine-rest")
class EngineRestConfiguration extends CamundaJerseyResourceConfig {

    private final ProcessEngine processEngine;

    EngineRestConfiguration(ProcessEngine processEngine) {
        this.processEngine = processEngine;
    }

    @Override
    protected void registerAdditionalResources() {
        register(new EngineRestRequestGuard(processEngine));
        register(EngineRestExceptionMappers.NullValue.class);
        register(EngineRestExceptionMappers.OptimisticLocking.class);
    }
}
