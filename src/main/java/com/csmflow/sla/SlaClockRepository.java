package com.csmflow.sla;

import jakarta.persistence.QueryHint;
import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.query.Param;

interface SlaClockRepository extends JpaRepository<SlaClock, Long> {

    // Hot-path lookups are JPQL strings, not derived queries: Hibernate caches a string query's SQL,
    // while a derived query is built and translated again on every call (docs/performance.md, tuning 11).
    @Query("select c from SlaClock c where c.processInstanceId = :processInstanceId"
            + " and c.clockName = :clockName and c.state in :states")
    List<SlaClock> findByProcessInstanceIdAndClockNameAndStateIn(
            @Param("processInstanceId") String processInstanceId,
            @Param("clockName") String clockName,
            @Param("states") Collection<SlaClockState> states);

    @Query("select c from SlaClock c where c.businessKey = :businessKey"
            + " and c.clockName = :clockName and c.state in :states")
    List<SlaClock> findByBusinessKeyAndClockNameAndStateIn(
            @Param("businessKey") String businessKey,
            @Param("clockName") String clockName,
            @Param("states") Collection<SlaClockState> states);

    /**
     * The active clocks of a process instance or a business key, without flushing first: asked from inside
     * engine commands (a task being created), where an early flush of a clock changed in the same
     * transaction would meet a concurrent change as a JPA lock failure before the engine's own
     * optimistic lock could refuse it. Clocks are inserted at once (identity ids), and rows changed in this
     * transaction come back as the changed entities, so the caller filters on their state.
     */
    @Query("select c from SlaClock c where (c.processInstanceId = :processInstanceId or c.businessKey = :businessKey)"
            + " and c.state in :states")
    @QueryHints(@QueryHint(name = "org.hibernate.flushMode", value = "COMMIT"))
    List<SlaClock> findActiveByProcessInstanceIdOrBusinessKeyWithoutFlush(
            @Param("processInstanceId") String processInstanceId,
            @Param("businessKey") String businessKey,
            @Param("states") Collection<SlaClockState> states);

    @Query("""
            select c from SlaClock c
            where (:businessKey is null or c.businessKey = :businessKey)
              and (:processInstanceId is null or c.processInstanceId = :processInstanceId)
              and (:state is null or c.state = :state)
            order by c.startedAt, c.id""")
    List<SlaClock> search(
            @Param("businessKey") String businessKey,
            @Param("processInstanceId") String processInstanceId,
            @Param("state") SlaClockState state,
            Pageable page);

    /** The same search as one page with its total count. */
    @Query("""
            select c from SlaClock c
            where (:businessKey is null or c.businessKey = :businessKey)
              and (:processInstanceId is null or c.processInstanceId = :processInstanceId)
              and (:state is null or c.state = :state)
            order by c.startedAt, c.id""")
    Page<SlaClock> searchPage(
            @Param("businessKey") String businessKey,
            @Param("processInstanceId") String processInstanceId,
            @Param("state") SlaClockState state,
            Pageable page);
}
