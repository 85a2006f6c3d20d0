package com.csmflow.register;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link RequiresGroup}; operations without it are open to every role group and the admins. An interceptor runs before argument resolution, so the 403 comes
 * before any 400; the AccessDeniedException is turned into a 403 problem by the API exception handler.
 */
class GroupAccessInterceptor implements HandlerInterceptor {

    static final List<String> STAFF = java.util.stream.Stream.concat(
            java.util.Arrays.stream(com.csmflow.security.RoleGroup.values()).map(com.csmflow.security.RoleGroup::id),
            java.util.stream.Stream.of(org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN)).toList();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RequiresGroup required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresGroup.class);
        if (required == null) {
            required = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresGroup.class);
        }
        // Without an annotation: staff only, i.e. a member of a role group or an administrator. A user
        // created in Admin without any group (or a technical user) reads nothing of the domain API.
        List<String> allowed = required == null ? STAFF : Arrays.asList(required.value());
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean member = authentication != null && authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch(allowed::contains);
        if (!member) {
            throw new AccessDeniedException("Requires one of the groups " + allowed);
        }
        return true;
    }
}
