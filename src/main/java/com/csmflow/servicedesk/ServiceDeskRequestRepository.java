package com.csmflow.servicedesk;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface ServiceDeskRequestRepository
        extends JpaRepository<ServiceDeskRequest, Long>, JpaSpecificationExecutor<ServiceDeskRequest> {

    Optional<ServiceDeskRequest> findByReference(String reference);
}
