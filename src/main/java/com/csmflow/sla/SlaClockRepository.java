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
    // the states as literals, not a list parameter: Hibernate translates a query with a list parameter
    // again on every call (its SQL depends on the list's length), and this one runs for every task
    // created (TaskContext): 4 % of the JVM's samples in the benchmark of issue 22
    @Query("select c from SlaClock c where (c.processInstanceId = :processInstanceId or c.businessKey = :businessKey)"
            + " and c.state in (com.csmflow.sla.SlaClockState.RUNNING, com.csmflow.sla.SlaClockState.PAUSED)")
    @QueryHints(@QueryHint(name = "org.hibernate.flushMode", value = "COMMIT"))
    List<SlaClock> findActiveByProcessInstanceIdOrBusinessKeyWithoutFlush(
            @Param("processInstanceId") String processInstanceId, @Param("businessKey") String businessKey);

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

    /**
     * Open clocks for the SLA board: breached first, then warned, then the rest, each by due. A paused clock
     * is judged at the instant it paused (its due and warning are where they stood then).
     */
    @Query(value = """
            select c from SlaClock c
            where c.state in :active
              and (:clientReference is null or c.clientReference = :clientReference)
              and (:metric is null or c.metric = :metric)
              and (:allInstances = true or c.processInstanceId in :processInstanceIds)
            order by case when c.dueAt <= coalesce(c.pausedAt, :now) then 0
                          when c.warningAt <= coalesce(c.pausedAt, :now) then 1
                          else 2 end,
                     c.dueAt, c.id""", countQuery = """
            select count(c) from SlaClock c
            where c.state in :active
              and (:clientReference is null or c.clientReference = :clientReference)
              and (:metric is null or c.metric = :metric)
              and (:allInstances = true or c.processInstanceId in :processInstanceIds)""")
    Page<SlaClock> board(
            @Param("active") Collection<SlaClockState> active,
            @Param("clientReference") String clientReference,
            @Param("metric") String metric,
            @Param("allInstances") boolean allInstances,
            @Param("processInstanceIds") Collection<String> processInstanceIds,
            @Param("now") java.time.Instant now,
            Pageable page);

    /** Clocks stopped in {@code [from, to)}, met and breached per client and target. */
    @Query("""
            select c.clientReference as clientReference, c.tier as tier, c.priority as priority, c.metric as metric,
                   sum(case when c.state = :met then 1 else 0 end) as met,
                   sum(case when c.state = :breached then 1 else 0 end) as breached
            from SlaClock c
            where c.stoppedAt >= :from and c.stoppedAt < :to
              and (:clientReference is null or c.clientReference = :clientReference)
              and (:metric is null or c.metric = :metric)
            group by c.clientReference, c.tier, c.priority, c.metric
            order by c.clientReference, c.metric, c.priority, c.tier""")
    List<ComplianceCount> compliance(
            @Param("clientReference") String clientReference,
            @Param("metric") String metric,
            @Param("from") java.time.Instant from,
            @Param("to") java.time.Instant to,
            @Param("met") SlaClockState met,
            @Param("breached") SlaClockState breached);

    /** One group of {@link #compliance}. */
    interface ComplianceCount {
        String getClientReference();

        com.csmflow.client.CsmTier getTier();

        SlaPriority getPriority();

        String getMetric();

        Number getMet();

        Number getBreached();
    }
}
