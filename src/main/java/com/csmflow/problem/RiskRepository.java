package com.csmflow.problem;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface RiskRepository extends JpaRepository<Risk, Long>, JpaSpecificationExecutor<Risk> {

    Optional<Risk> findByReference(String reference);

    List<Risk> findBySourceReference(String sourceReference);
}
