package com.csmflow.infosec;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface InfoSecPlanRepository extends JpaRepository<InfoSecPlan, Long>, JpaSpecificationExecutor<InfoSecPlan> {

    Optional<InfoSecPlan> findByReference(String reference);

    Optional<InfoSecPlan> findFirstByServiceReferenceOrderByVersionDesc(String serviceReference);

    List<InfoSecPlan> findByServiceReferenceOrderByVersionAsc(String serviceReference);
}
