package com.csmflow.escalation;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface EscalationEventRepository extends JpaRepository<EscalationEvent, Long> {

    // Hot-path lookups are JPQL strings, not derived queries: Hibernate caches a string query's SQL,
    // while a derived query is built and translated again on every call (docs/performance.md, tuning 11).
    @Query("select count(e) > 0 from EscalationEvent e where e.escalationId = :escalationId"
            + " and e.kind = :kind and e.activityInstanceId = :activityInstanceId")
    boolean existsByEscalationIdAndKindAndActivityInstanceId(
            @Param("escalationId") Long escalationId,
            @Param("kind") EscalationEventKind kind,
            @Param("activityInstanceId") String activityInstanceId);

    List<EscalationEvent> findByEscalationIdOrderByOccurredAtAscIdAsc(Long escalationId);
}
