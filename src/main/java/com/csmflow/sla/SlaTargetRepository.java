package com.csmflow.sla;

import com.csmflow.client.CsmTier;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface SlaTargetRepository extends JpaRepository<SlaTarget, Long> {

    // Hot-path lookups are JPQL strings, not derived queries: Hibernate caches a string query's SQL,
    // while a derived query is built and translated again on every call (docs/performance.md, tuning 11).
    @Query("select t from SlaTarget t where t.tier = :tier and t.priority = :priority and t.metric = :metric")
    Optional<SlaTarget> findByTierAndPriorityAndMetric(
            @Param("tier") CsmTier tier, @Param("priority") SlaPriority priority, @Param("metric") String metric);

    @Query("""
            select t from SlaTarget t
            where (:tier is null or t.tier = :tier)
              and (:priority is null or t.priority = :priority)
              and (:metric is null or t.metric = :metric)
            order by t.metric, t.tier, t.priority, t.id""")
    Page<SlaTarget> search(
            @Param("tier") CsmTier tier,
            @Param("priority") SlaPriority priority,
            @Param("metric") String metric,
            Pageable page);
}
