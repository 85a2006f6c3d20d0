package com.csmflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Instance counts per process definition and activity are Cockpit's business (docs/security.md,
 * "Cockpit statistics"). The engine hands them to anyone who may READ a definition, and every role
 * group reads all definitions (Tasklist's start forms need that). So the statistics resources of
 * both engine APIs, and the Cockpit plugin API as a whole, answer 403 to callers without access to
 * the Cockpit application. Anonymous callers pass on to the security that answers them with 401.
 */
class CockpitStatisticsGuard extends OncePerRequestFilter {

    static final String COCKPIT = "cockpit";
    static final String REFUSED = "Statistics of process instances need access to Cockpit";

    /** process-definition/statistics, .../{id}/statistics, .../key/{key}/statistics, .../statistics-count */
    private static final Pattern STATISTICS =
            Pattern.compile("/(engine-rest|camunda/api/engine)/.*" + "process-definition(/.*)?/statistics(-count)?/?");

    private static final Pattern COCKPIT_API = Pattern.compile("/camunda/api/cockpit/.*");
    /** The Cockpit's own page loads its plugins' scripts before anyone is logged in. */
    private static final Pattern COCKPIT_STATIC = Pattern.compile("/camunda/api/cockpit/plugin/[^/]+/static/.*");

    private final AuthorizationService authorizationService;
    private final String engineName;

    CockpitStatisticsGuard(AuthorizationService authorizationService, String engineName) {
        this.authorizationService = authorizationService;
        this.engineName = engineName;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the decoded, normalised path the servlets dispatch on
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        boolean guarded = STATISTICS.matcher(path).matches()
                || COCKPIT_API.matcher(path).matches()
                        && !COCKPIT_STATIC.matcher(path).matches();
        if (!guarded || !Boolean.FALSE.equals(mayUseCockpit(request))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"AuthorizationException\",\"message\":\"" + REFUSED + "\"}");
    }

    /** Null when the caller is not signed in (someone else answers 401). */
    private Boolean mayUseCockpit(HttpServletRequest request) {
        Authentication basic = SecurityContextHolder.getContext().getAuthentication();
        if (basic != null && basic.isAuthenticated() && !(basic instanceof AnonymousAuthenticationToken)) {
            List<String> groups = basic.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .toList();
            return authorizationService.isUserAuthorized(
                    basic.getName(), groups, Permissions.ACCESS, Resources.APPLICATION, COCKPIT);
        }
        HttpSession session = request.getSession(false);
        Authentications webapp = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        if (webapp == null
                || !(webapp.getAuthenticationForProcessEngine(engineName) instanceof UserAuthentication user)) {
            return null;
        }
        return user.getAuthorizedApps() != null && user.getAuthorizedApps().contains(COCKPIT);
    }
}
