package com.csmflow.access;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface AccessReviewDecisionRepository extends JpaRepository<AccessReviewDecision, Long> {

    List<AccessReviewDecision> findByReviewReferenceOrderByRightReferenceAsc(String reviewReference);

    Optional<AccessReviewDecision> findByReviewReferenceAndRightReference(
            String reviewReference, String rightReference);
}
