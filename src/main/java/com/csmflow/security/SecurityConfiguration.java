package com.csmflow.security;

import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

import com.csmflow.api.ProblemAccessDeniedHandler;
import com.csmflow.api.ProblemAuthenticationEntryPoint;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Who may call what. Paths are matched as plain Ant patterns because the engine REST API and the
 * webapps are servlets of their own, outside Spring MVC.
 * The REST APIs (engine and domain) take HTTP Basic against the engine's identity
 * service and run with engine authorization for the caller; the webapps keep their own login; only
 * the health probe and the client's survey link ({@code /api/surveys/{token}}, {@link ApiAccessRules#PUBLIC_PATTERNS})
 * are open; the admin webapp's first-user setup is closed for good.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain restApis(HttpSecurity http, IdentityService identityService) throws Exception {
        ProviderManager identityServiceLogin =
                new ProviderManager(new IdentityServiceAuthenticationProvider(identityService));
        return http.securityMatcher(new OrRequestMatcher(antMatcher("/engine-rest/**"), antMatcher("/api/**")))
                .authorizeHttpRequests(requests -> {
                    ApiAccessRules.apply(requests);
                    requests.anyRequest().authenticated();
                })
                .exceptionHandling(errors -> errors.accessDeniedHandler(new ProblemAccessDeniedHandler()))
                .httpBasic(basic -> basic.realmName("CSM Flow")
                        .authenticationEntryPoint(new ProblemAuthenticationEntryPoint("CSM Flow")))
                .authenticationManager(identityServiceLogin)
                // the webapps' plugins (case tab, SLA board) read /api with the user's webapp login
                .addFilterBefore(new WebappSessionAuthentication(identityService), BasicAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        // a webapp session read by WebappSessionAuthentication keeps its id: a new id per
                        // /api call would sign out the webapp's own requests running at the same time
                        .sessionFixation(fixation -> fixation.none()))
                // Stateless Basic auth sends no cookie a forged page could ride on.
                .csrf(AbstractHttpConfigurer::disable)
                .addFilterAfter(new EngineAuthenticationFilter(identityService), BasicAuthenticationFilter.class)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webapps(HttpSecurity http, IdentityService identityService) throws Exception {
        return http.authorizeHttpRequests(requests -> requests
                        // error pages are rendered for requests security already let through or refused;
                        // /error asked for directly is an ordinary path (401 without credentials)
                        .dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(antMatcher("/camunda/api/admin/setup/**"))
                        .denyAll()
                        .requestMatchers(antMatcher("/actuator/health"), antMatcher("/actuator/health/**"))
                        .permitAll()
                        // Tasklist, Cockpit and Admin authenticate with their own login and session,
                        // and protect themselves against CSRF with their own filter.
                        .requestMatchers(antMatcher("/camunda/**"), antMatcher("/"))
                        .permitAll()
                        // The webapps' login page probes /camunda-welcome (a Camunda Run page we don't
                        // have). Answered with a Basic challenge, the browser would pop up its own
                        // sign-in dialog over the login page and swallow all input; open, it is a 404.
                        .requestMatchers(antMatcher("/camunda-welcome"))
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .httpBasic(basic -> basic.realmName("CSM Flow"))
                .authenticationManager(new ProviderManager(new IdentityServiceAuthenticationProvider(identityService)))
                .csrf(csrf -> csrf.ignoringRequestMatchers(antMatcher("/camunda/**"), antMatcher("/error")))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    /** Runs after Spring Security, in front of both the public and the webapps' engine API. */
    @Bean
    FilterRegistrationBean<OrQueryExpressionGuard> orQueryExpressionGuard(ObjectMapper objectMapper) {
        FilterRegistrationBean<OrQueryExpressionGuard> registration =
                new FilterRegistrationBean<>(new OrQueryExpressionGuard(objectMapper));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /** Right after the orQueries guard, on the same paths: variables callers may not send. */
    @Bean
    FilterRegistrationBean<VariableGuard> variableGuard(ObjectMapper objectMapper, BeanFactory beans) {
        FilterRegistrationBean<VariableGuard> registration =
                new FilterRegistrationBean<>(new VariableGuard(objectMapper, beans));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
        return registration;
    }
}
