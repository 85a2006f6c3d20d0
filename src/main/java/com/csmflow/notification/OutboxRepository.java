package com.csmflow.notification;

import com.csmflow.api.ListFilters;
import com.csmflow.api.PageParameters;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface OutboxRepository extends JpaRepository<OutboxEntry, Long>, JpaSpecificationExecutor<OutboxEntry> {

    // Hot-path lookups are JPQL strings, not derived queries: Hibernate caches a string query's SQL,
    // while a derived query is built and translated again on every call (docs/performance.md, tuning 11).
    /** The recipients a decision already has a row for on a channel: a retried step writes only the others. */
    @Query("select e.recipient from OutboxEntry e where e.decisionKey = :decisionKey and e.channel = :channel")
    List<String> recipientsOf(@Param("decisionKey") String decisionKey, @Param("channel") Channel channel);

    @Query("select e from OutboxEntry e where e.processInstanceId = :processInstanceId order by e.id")
    List<OutboxEntry> findByProcessInstanceIdOrderById(@Param("processInstanceId") String processInstanceId);

    /**
     * The row with a write lock held until the calling transaction ends (SELECT ... FOR UPDATE): while
     * one node sends a row, another node's attempt on the same row waits and then sees the outcome.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select e from OutboxEntry e where e.id = :id")
    Optional<OutboxEntry> lockForDelivery(@Param("id") Long id);

    /** One page, newest first; null filters match everything. */
    default Page<OutboxEntry> search(
            String businessKey, NotificationStatus status, String processInstanceId, PageParameters page) {
        return findAll(
                ListFilters.<OutboxEntry>allOf(
                        ListFilters.equal("businessKey", businessKey),
                        ListFilters.equal("status", status),
                        ListFilters.equal("processInstanceId", processInstanceId)),
                page.sortedBy(Sort.by(Sort.Direction.DESC, "id")));
    }
}
