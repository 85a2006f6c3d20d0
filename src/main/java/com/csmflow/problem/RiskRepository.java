package com.csmflow.problem;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface RiskRepository extends JpaRepository<Risk, Long> {

    Optional<Risk> findByReference(String reference);

    List<Risk> findBySourceReference(String sourceReference);

    List<Risk> findTop500ByOrderByIdDesc();

    List<Risk> findTop500ByClientReferenceOrderByIdDesc(String clientReference);

    List<Risk> findTop500ByStatusOrderByIdDesc(String status);

    List<Risk> findTop500ByClientReferenceAndStatusOrderByIdDesc(String clientReference, String status);
}
