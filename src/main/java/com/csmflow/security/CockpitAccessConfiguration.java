package com.csmflow.security;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link CockpitStatisticsGuard} behind Spring Security, which has identified Basic callers by then. */
@Configuration
class CockpitAccessConfiguration {

    @Bean
    FilterRegistrationBean<CockpitStatisticsGuard> cockpitStatisticsGuard(ProcessEngine processEngine) {
        FilterRegistrationBean<CockpitStatisticsGuard> registration = new FilterRegistrationBean<>(
                new CockpitStatisticsGuard(processEngine.getAuthorizationService(), processEngine.getName()));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*", "/camunda/api/cockpit/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
        return registration;
    }
}
