package com.csmflow.servicerequest;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ServiceRequestRepository
        extends JpaRepository<ServiceRequestRecord, Long>, JpaSpecificationExecutor<ServiceRequestRecord> {
    @Query("select r from ServiceRequestRecord r where r.reference = :reference")
    Optional<ServiceRequestRecord> findByReference(@Param("reference") String reference);
}
