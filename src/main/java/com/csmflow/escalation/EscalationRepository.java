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

    // raised_at is the escalation's created column (RegisterRecord.createdAt)
    @Query("select e from Escalation e where e.breachedBusinessKey = :breachedBusinessKey and e.status <> :status"
            + " order by e.createdAt")
    List<Escalation> findByBreachedBusinessKeyAndStatusNotOrderByRaisedAtAsc(
            @Param("breachedBusinessKey") String breachedBusinessKey, @Param("status") EscalationStatus status);

    @Query("select count(e) > 0 from Escalation e where e.clientReference = :clientReference"
            + " and e.createdAt > :after and e.reference <> :reference")
    boolean existsByClientReferenceAndRaisedAtAfterAndReferenceNot(
            @Param("clientReference") String clientReference,
            @Param("after") Instant after,
            @Param("reference") String reference);
}
