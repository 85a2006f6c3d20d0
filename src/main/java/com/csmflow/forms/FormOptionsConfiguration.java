package com.csmflow.forms;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link FormOptionsFilter} in front of both ways to the engine's API. */
@Configuration
class FormOptionsConfiguration {

    @Bean
    FilterRegistrationBean<FormOptionsFilter> formOptionsFilter(FormOptions options, ObjectMapper objectMapper) {
        FilterRegistrationBean<FormOptionsFilter> registration =
                new FilterRegistrationBean<>(new FormOptionsFilter(options, objectMapper));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        // after authentication: only an answer the engine gave the signed-in user is filled
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 3);
        return registration;
    }
}
