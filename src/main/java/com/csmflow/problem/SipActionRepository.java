package com.csmflow.problem;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface SipActionRepository extends JpaRepository<SipAction, Long> {

    Optional<SipAction> findByReference(String reference);

    List<SipAction> findBySourceReferenceOrderByIdAsc(String sourceReference);

    long countBySourceReferenceAndStatusIn(String sourceReference, Collection<String> statuses);

    List<SipAction> findTop500ByOrderByIdDesc();

    List<SipAction> findTop500ByClientReferenceOrderByIdDesc(String clientReference);

    List<SipAction> findTop500ByStatusOrderByIdDesc(String status);

    List<SipAction> findTop500ByClientReferenceAndStatusOrderByIdDesc(String clientReference, String status);
}
