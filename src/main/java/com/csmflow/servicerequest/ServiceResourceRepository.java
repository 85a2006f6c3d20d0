package com.csmflow.servicerequest;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ServiceResourceRepository
        extends JpaRepository<ServiceResource, Long>, JpaSpecificationExecutor<ServiceResource> {
    @Query("select r from ServiceResource r where r.reference = :reference")
    Optional<ServiceResource> findByReference(@Param("reference") String reference);

    long countByStatus(ResourceStatus status);
}
