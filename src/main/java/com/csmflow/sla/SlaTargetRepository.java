package com.csmflow.sla;

import com.csmflow.client.CsmTier;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface SlaTargetRepository extends JpaRepository<SlaTarget, Long> {

    Optional<SlaTarget> findByTierAndPriorityAndMetric(CsmTier tier, SlaPriority priority, String metric);

    @Query("""
            select t from SlaTarget t
            where (:tier is null or t.tier = :tier)
              and (:priority is null or t.priority = :priority)
              and (:metric is null or t.metric = :metric)
            order by t.metric, t.tier, t.priority""")
    List<SlaTarget> search(@Param("tier") CsmTier tier, @Param("priority") SlaPriority priority,
                           @Param("metric") String metric);
}
