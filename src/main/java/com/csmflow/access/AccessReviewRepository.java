package com.csmflow.access;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface AccessReviewRepository extends JpaRepository<AccessReview, Long>, JpaSpecificationExecutor<AccessReview> {

    Optional<AccessReview> findByReference(String reference);

    Optional<AccessReview> findFirstByClientReferenceOrderByCreatedAtDesc(String clientReference);

    boolean existsByClientReferenceAndStatus(String clientReference, AccessReviewStatus status);
}
