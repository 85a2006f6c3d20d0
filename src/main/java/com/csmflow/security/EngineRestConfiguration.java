package com.csmflow.security;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.ws.rs.ApplicationPath;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The engine REST API with our guard and exception mappers added, the way the Camunda Spring Boot REST
 * starter documents it (a bean extending {@link CamundaJerseyResourceConfig} replaces the starter's
 * own). The webapps' engine API ({@code /camunda/api/engine}) is a JAX-RS application of its own that
 * the webapp starter registers as the servlet "Engine Api"; it gets the same providers through Jersey's
 * provider class names property.
 */
@Component
@ApplicationPath("/engine-rest")
class EngineRestConfiguration extends CamundaJerseyResourceConfig {

    static final Class<?>[] PROVIDERS = {
        EngineRestRequestGuard.class,
        EngineRestExceptionMapper.class,
        EngineRestExceptionMapper.MissingBody.class,
        EngineRestExceptionMapper.RefusedInput.class
    };

    @Override
    protected void registerAdditionalResources() {
        registerClasses(PROVIDERS);
    }

    /**
     * Set once all servlets are registered (the webapp starter adds "Engine Api" in its own initializer)
     * and before the servlet starts, which happens on its first request.
     */
    @Bean
    static ServletContextInitializer webappEngineApiProviders() {
        return servletContext -> servletContext.addListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                // the context handed to onStartup: the listener's own view may not look up servlets
                ServletRegistration engineApi = servletContext.getServletRegistration("Engine Api");
                if (engineApi != null) {
                    StringBuilder names = new StringBuilder();
                    for (Class<?> provider : PROVIDERS) {
                        names.append(names.isEmpty() ? "" : ",").append(provider.getName());
                    }
                    engineApi.setInitParameter("jersey.config.server.provider.classnames", names.toString());
                }
            }
        });
    }
}
