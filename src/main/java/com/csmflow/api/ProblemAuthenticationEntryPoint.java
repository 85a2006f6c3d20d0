package com.csmflow.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The 401 of the REST APIs: the HTTP Basic challenge with an RFC 7807 problem as body, like every other
 * refusal of the domain API (and as its OpenAPI description says). Spring Security's default sends the
 * error to Boot's error page, whose body is Boot's own error JSON. The body never echoes the input.
 */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final String challenge;

    public ProblemAuthenticationEntryPoint(String realm) {
        this.challenge = "Basic realm=\"" + realm + "\"";
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"detail\":\"Sign in with HTTP Basic: user id and password of a platform user\"}");
    }
}
