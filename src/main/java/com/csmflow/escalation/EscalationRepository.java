package com.csmflow.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface EscalationRepository extends JpaRepository<Escalation, Long>, JpaSpecificationExecutor<Escalation> {

    // Hot-path lookups are JPQL strings, not derived queries: Hibernate caches a string query's SQL,
    // while a derived query is built and translated again on every call (docs/performance.md, tuning 11).
    @Query("select e from Escalation e where e.reference = :reference")
    Optional<Escalation> findByReference(@Param("reference") String reference);

    List<Escalation> findByBreachedBusinessKeyAndStatusNotOrderByRaisedAtAsc(String breachedBusinessKey,
                                                                            EscalationStatus status);

    boolean existsByClientReferenceAndRaisedAtAfterAndReferenceNot(String clientReference, Instant after,
                                                                   String reference);
}
