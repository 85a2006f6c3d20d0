package com.csmflow.servicerequest;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ManagedServiceRepository
        extends JpaRepository<ManagedService, Long>, JpaSpecificationExecutor<ManagedService> {
    @Query("select s from ManagedService s where s.reference = :reference")
    Optional<ManagedService> findByReference(@Param("reference") String reference);

    @Query("select s from ManagedService s where s.requestReference = :reference")
    Optional<ManagedService> findByRequestReference(@Param("reference") String reference);

    @Query("select count(s) from ManagedService s where s.status = com.csmflow.servicerequest.ServiceStatus.ACTIVE"
            + " and (s.serviceManager = :userId or s.deliveryManager = :userId)")
    long activeServicesManagedBy(@Param("userId") String userId);

    @Query("select count(s) from ManagedService s where s.status = com.csmflow.servicerequest.ServiceStatus.ACTIVE"
            + " and s.clientReference = :client and s.reference <> :except")
    long otherActiveServicesOfClient(@Param("client") String clientReference, @Param("except") String reference);
}
