package com.csmflow.review;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface ServiceReviewRepository extends JpaRepository<ServiceReview, Long>, JpaSpecificationExecutor<ServiceReview> {

    Optional<ServiceReview> findByReference(String reference);

    boolean existsByScheduleKey(String scheduleKey);
}
