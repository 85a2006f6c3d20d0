package com.csmflow.infosec;

import com.csmflow.security.SecurityDataReaders;
import com.csmflow.servicerequest.ServiceDirectory;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who may read security data (InfoSec criteria and plans, security events): the Information Security
 * Committee and IT always, administrators, and the SM and DM of the service the data is about. An event
 * that names no service is for isec and IT only. A row check beside the group check of
 * {@code ApiAccessRules}, which cannot know a service's SM and DM; a row the caller may not read does not
 * exist for them (404), and lists leave it out.
 */
@Component
class SecurityDataAccess {

    private final ServiceDirectory services;

    SecurityDataAccess(ServiceDirectory services) {
        this.services = services;
    }

    /** Whether the caller reads every row (isec, it, admin). */
    boolean seesAll() {
        return SecurityDataReaders.callerReadsEverything();
    }

    /** The services whose security data the caller reads besides (as their SM or DM). */
    List<String> managedServices() {
        Authentication caller = caller();
        return caller == null ? List.of() : services.managedBy(caller.getName());
    }

    boolean mayRead(String serviceReference) {
        return seesAll() || (serviceReference != null && managedServices().contains(serviceReference));
    }

    private static Authentication caller() {
        return SecurityContextHolder.getContext().getAuthentication();
    }
}
