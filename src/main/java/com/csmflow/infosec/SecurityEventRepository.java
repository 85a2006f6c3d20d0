package com.csmflow.infosec;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface SecurityEventRepository extends JpaRepository<SecurityEvent, Long>, JpaSpecificationExecutor<SecurityEvent> {

    Optional<SecurityEvent> findByReference(String reference);

    Optional<SecurityEvent> findFirstByServiceReferenceAndPlanFeedbackOrderByIdAsc(
            String serviceReference, PlanFeedback planFeedback);
}
