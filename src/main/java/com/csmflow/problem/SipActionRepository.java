package com.csmflow.problem;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface SipActionRepository extends JpaRepository<SipAction, Long>, JpaSpecificationExecutor<SipAction> {

    Optional<SipAction> findByReference(String reference);

    List<SipAction> findBySourceReferenceOrderByIdAsc(String sourceReference);

    long countBySourceReferenceAndStatusIn(String sourceReference, Collection<SipActionStatus> statuses);
}
