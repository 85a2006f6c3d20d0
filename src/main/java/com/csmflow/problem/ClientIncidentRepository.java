package com.csmflow.problem;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface ClientIncidentRepository extends JpaRepository<ClientIncident, Long> {

    boolean existsByClientReferenceAndIncidentReference(String clientReference, String incidentReference);

    List<ClientIncident> findByClientReferenceAndServiceKeyAndReportedAtGreaterThanEqual(
            String clientReference, String serviceKey, Instant since);

    Page<ClientIncident> findByClientReference(String clientReference, Pageable page);
}
