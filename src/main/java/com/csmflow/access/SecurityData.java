package com.csmflow.access;

import com.csmflow.security.SecurityDataReaders;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who may read the access register and the access reviews (security data, issue 19): ISEC, IT and the
 * administrators all of it; a service's SM and DM the rights of their service. A right without a service
 * is for ISEC, IT and the administrators only; so are the access reviews, which span a client's services.
 * A row check beside the group check of {@code ApiAccessRules}, which cannot know a service's managers.
 */
@Component
class SecurityData {

    /** Whether the caller reads every row (ISEC, IT, admin). */
    boolean readsEverything() {
        return SecurityDataReaders.callerReadsEverything();
    }

    void requireReadable(AccessRight right) {
        Authentication caller = caller();
        if (!readsEverything() && (caller == null || !right.isManagedBy(caller.getName()))) {
            throw new AccessDeniedException(
                    "Access rights are security data: ISEC, IT, and the SM and DM of the right's service");
        }
    }

    void requireAllRows() {
        if (!readsEverything()) {
            throw new AccessDeniedException("Access reviews are security data: ISEC, IT and administrators");
        }
    }

    /** The rows the caller may list: all, or those of services the caller manages. */
    Specification<AccessRight> readableRights() {
        if (readsEverything()) {
            return (root, query, cb) -> cb.conjunction();
        }
        Authentication caller = caller();
        String user = caller == null ? "" : caller.getName();
        return (root, query, cb) ->
                cb.or(cb.equal(root.get("serviceManager"), user), cb.equal(root.get("deliveryManager"), user));
    }

    private static Authentication caller() {
        return SecurityContextHolder.getContext().getAuthentication();
    }
}
