package com.csmflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Paths that failed with a 500 before any of our code could answer them (issue 14, "No 5xx"). */
@Configuration
class RequestPathGuards {

    /**
     * A doubled slash ({@code //engine-rest/user}, {@code /camunda//api/...}) made Spring's request path
     * parsing fail for the servlets mapped below the root (engine REST, webapp APIs) before Spring
     * Security's firewall, which refuses such URLs, ever saw the request. Refused first, with the
     * firewall's own 400 problem.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> doubledSlashGuard(RejectedRequestProblemHandler rejected) {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(
                            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                            throws ServletException, IOException {
                        if (request.getRequestURI().contains("//")) {
                            rejected.handle(
                                    request, response, new RequestRejectedException("doubled slash in the path"));
                            return;
                        }
                        chain.doFilter(request, response);
                    }
                });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("doubledSlashGuard");
        return registration;
    }

    /**
     * {@code /error} is where errors are rendered (error dispatches, which security lets through), not
     * a resource: asked for directly it answered 500 with status 999. After security (so without
     * credentials it is the same 401 as every other path) a direct request is a 404 problem.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> directErrorPathGuard() {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(
                            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                            throws IOException {
                        response.setStatus(HttpStatus.NOT_FOUND.value());
                        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                        response.setCharacterEncoding("UTF-8");
                        response.getWriter()
                                .write("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                                        + "\"detail\":\"No such resource\"}");
                    }
                });
        registration.addUrlPatterns("/error", "/error/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
        registration.setName("directErrorPathGuard");
        return registration;
    }
}
