package com.csmflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets the webapps' plugins (the case tab in Tasklist and Cockpit, the SLA board) read {@code /api} as the
 * user signed in to the webapps: a read request without credentials that carries the webapps' session
 * cookie runs as that session's user, with the user's groups read again from the identity service (so a
 * removed membership counts at once). Only GET and HEAD: a cookie rides along with requests other sites make
 * the browser send, so nothing that changes state is accepted this way (and the cookie is SameSite=Lax).
 * Requests with an Authorization header are left to HTTP Basic.
 *
 * <p>The webapps keep their login in the servlet session under their own (non-engine) API,
 * {@link AuthenticationUtil#getAuthsFromSession}; the engine name is the default engine's.
 */
class WebappSessionAuthentication extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD");
    private static final String ENGINE = "default";

    private final IdentityService identityService;

    WebappSessionAuthentication(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !READS.contains(request.getMethod().toUpperCase(Locale.ROOT))
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        String userId = session == null ? null : webappUser(session);
        if (userId != null && identityService.createUserQuery().userId(userId).count() == 1) {
            List<GrantedAuthority> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                    .map(Group::getId)
                    .<GrantedAuthority>map(SimpleGrantedAuthority::new)
                    .toList();
            SecurityContextHolder.getContext()
                    .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(userId, null, groups));
        }
        chain.doFilter(request, response);
    }

    private static String webappUser(HttpSession session) {
        try {
            Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
            Authentication user =
                    authentications == null ? null : authentications.getAuthenticationForProcessEngine(ENGINE);
            return user == null ? null : user.getIdentityId();
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }
}
