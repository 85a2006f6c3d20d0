package com.csmflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Marks the requests to the engine's own API for {@link PlatformInputsPlugin} (see {@link ExternalEngineCalls}). */
class ExternalEngineCallFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ExternalEngineCalls.requestStarted();
        try {
            chain.doFilter(request, response);
        } finally {
            ExternalEngineCalls.requestEnded();
        }
    }
}
