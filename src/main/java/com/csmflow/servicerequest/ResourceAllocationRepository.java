package com.csmflow.servicerequest;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ResourceAllocationRepository extends JpaRepository<ResourceAllocation, Long> {
    List<ResourceAllocation> findByServiceReferenceAndStatus(String serviceReference, String status);

    List<ResourceAllocation> findByServiceReferenceOrderByAllocatedAtAscIdAsc(String serviceReference);

    Optional<ResourceAllocation> findFirstByProcessInstanceIdAndResourceReferenceAndStatus(
            String processInstanceId, String resourceReference, String status);
}
