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
 * Enforces {@link RequiresGroup}. An interceptor runs before argument resolution, so the 403 comes
 * before any 400; the AccessDeniedException is turned into a 403 problem by the API exception handler.
 */
class GroupAccessInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RequiresGroup required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresGroup.class);
        if (required == null) {
            required = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresGroup.class);
        }
        if (required == null) {
            return true;
        }
        List<String> allowed = Arrays.asList(required.value());
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean member = authentication != null && authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch(allowed::contains);
        if (!member) {
            throw new AccessDeniedException("Requires one of the groups " + allowed);
        }
        return true;
    }
}
