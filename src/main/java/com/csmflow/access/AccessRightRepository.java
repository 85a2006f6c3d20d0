package com.csmflow.access;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface AccessRightRepository extends JpaRepository<AccessRight, Long>, JpaSpecificationExecutor<AccessRight> {

    Optional<AccessRight> findByReference(String reference);

    List<AccessRight> findByClientReferenceAndStatusOrderByReferenceAsc(
            String clientReference, AccessRightStatus status);

    @org.springframework.data.jpa.repository.Query(
            "select distinct r.clientReference from AccessRight r where r.status = :status")
    List<String> clientsWithRightsIn(AccessRightStatus status);
}
