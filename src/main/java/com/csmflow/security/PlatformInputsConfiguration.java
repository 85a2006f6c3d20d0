package com.csmflow.security;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the marker of requests to the engine's own API (business keys and workflow messages, issue 14). */
@Configuration
class PlatformInputsConfiguration {

    @Bean
    FilterRegistrationBean<ExternalEngineCallFilter> externalEngineCallFilter() {
        FilterRegistrationBean<ExternalEngineCallFilter> registration =
                new FilterRegistrationBean<>(new ExternalEngineCallFilter());
        // the whole webapp API: Tasklist start forms, Cockpit's modifications and the engine API all reach the engine
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
        return registration;
    }
}
