package com.csmflow.servicerequest;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service register as other capabilities read it: a service by its reference, and the services a
 * person manages as SM or DM (e.g. to show a service's security data to its SM and DM only).
 */
@Service
public class ServiceDirectory {

    private final ManagedServiceRepository services;

    ServiceDirectory(ManagedServiceRepository services) {
        this.services = services;
    }

    @Transactional(readOnly = true)
    public Optional<ManagedService> find(String reference) {
        return reference == null || reference.isBlank() ? Optional.empty() : services.findByReference(reference.trim());
    }

    /** References of the services (active or ended) whose SM or DM the user is. */
    @Transactional(readOnly = true)
    public List<String> managedBy(String userId) {
        if (userId == null || userId.isBlank()) {
            return List.of();
        }
        return services
                .findAll((root, query, cb) -> cb.or(
                        cb.equal(root.get("serviceManager"), userId), cb.equal(root.get("deliveryManager"), userId)))
                .stream()
                .map(ManagedService::getReference)
                .toList();
    }
}
