package com.csmflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Issue 14, weak points of the web layer: a size limit on request bodies of the APIs and an Origin
 * check on state-changing webapp calls. (HSTS and the Secure XSRF cookie are configuration:
 * application-postgres.yaml, application.yaml.)
 */
@Configuration
class WebHardening {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /**
     * Bodies of the domain API, the engine REST API and the webapps' APIs beyond the limit (1 MB unless
     * {@code csmflow.web.max-body-size} says otherwise) are refused with 413 before anything reads them:
     * by their Content-Length, or for a body without one after reading one byte more than allowed.
     * Multipart uploads (deployments) keep the multipart limits of their own.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> bodySizeLimit(
            @Value("${csmflow.web.max-body-size:1MB}") DataSize maxBodySize) {
        long limit = maxBodySize.toBytes();
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(
                            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                            throws ServletException, IOException {
                        String type = request.getContentType();
                        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                            chain.doFilter(request, response);
                            return;
                        }
                        long declared = request.getContentLengthLong();
                        if (declared > limit) {
                            tooLarge(response, limit);
                            return;
                        }
                        if (declared >= 0) {
                            chain.doFilter(request, response);
                            return;
                        }
                        // no Content-Length (chunked): read at most one byte more than allowed
                        byte[] body =
                                request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
                        if (body.length > limit) {
                            tooLarge(response, limit);
                            return;
                        }
                        chain.doFilter(new CachedBodyRequest(request, body), response);
                    }
                });
        registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*");
        // before security and before OrQueryExpressionGuard, which reads whole bodies
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        registration.setName("bodySizeLimit");
        return registration;
    }

    private static void tooLarge(HttpServletResponse response, long limit) throws IOException {
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Connection", "close");
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"Payload Too Large\",\"status\":413,"
                        + "\"detail\":\"The request body is larger than " + limit + " bytes\"}");
    }

    /**
     * The webapps' session cookie rides along with any request the browser sends, also one a page of
     * another site makes it send. A state-changing call to {@code /camunda/**} whose Origin (or, without
     * one, Referer) names another origin than the request's own is refused with 403. Calls without
     * either header (not from a browser page) and same-origin calls pass; behind a proxy the request's
     * own origin is the one the proxy announces (server.forward-headers-strategy).
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> webappOriginCheck() {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(
                            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                            throws ServletException, IOException {
                        if (!SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
                            String source = request.getHeader("Origin");
                            if (source == null || source.isBlank()) {
                                source = request.getHeader("Referer");
                            }
                            if (source != null && !source.isBlank() && !sameOrigin(source.trim(), request)) {
                                response.setStatus(HttpStatus.FORBIDDEN.value());
                                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                                response.setCharacterEncoding("UTF-8");
                                response.getWriter()
                                        .write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                                                + "\"detail\":\"Cross-origin request refused\"}");
                                return;
                            }
                        }
                        chain.doFilter(request, response);
                    }
                });
        registration.addUrlPatterns("/camunda/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        registration.setName("webappOriginCheck");
        return registration;
    }

    /** Scheme, host and port of the header equal those of the request ("null" and garbage are not). */
    static boolean sameOrigin(String source, HttpServletRequest request) {
        try {
            URI uri = new URI(source);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme());
            return uri.getScheme().equalsIgnoreCase(request.getScheme())
                    && uri.getHost().equalsIgnoreCase(request.getServerName())
                    && port == request.getServerPort();
        } catch (Exception malformed) {
            return false;
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : "http".equalsIgnoreCase(scheme) ? 80 : -1;
    }
}
