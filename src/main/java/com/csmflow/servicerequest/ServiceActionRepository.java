package com.csmflow.servicerequest;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface ServiceActionRepository extends JpaRepository<ServiceAction, Long>, JpaSpecificationExecutor<ServiceAction> {
    boolean existsByTaskIdAndLineNo(String taskId, int lineNo);

    Optional<ServiceAction> findByReference(String reference);

    List<ServiceAction> findByServiceReferenceAndPlanAndStatusOrderByDueOnAscIdAsc(
            String serviceReference, ActionPlan plan, ActionStatus status);

    long countByServiceReferenceAndPlanAndStatus(String serviceReference, ActionPlan plan, ActionStatus status);
}
