package com.csmflow.notification;

import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface OutboxRepository extends JpaRepository<OutboxEntry, Long>, JpaSpecificationExecutor<OutboxEntry> {

    int SEARCH_LIMIT = 500;

    boolean existsByDecisionKeyAndChannelAndRecipient(String decisionKey, Channel channel, String recipient);

    List<OutboxEntry> findByProcessInstanceIdOrderById(String processInstanceId);

    /** Newest first, at most {@link #SEARCH_LIMIT} rows; null filters match everything. */
    default List<OutboxEntry> search(String businessKey, NotificationStatus status, String processInstanceId) {
        Specification<OutboxEntry> spec = (root, query, cb) -> cb.conjunction();
        if (businessKey != null) {
            spec = spec.and((root, query, cb) -> cb.equal(root.get("businessKey"), businessKey));
        }
        if (status != null) {
            spec = spec.and((root, query, cb) -> cb.equal(root.get("status"), status));
        }
        if (processInstanceId != null) {
            spec = spec.and((root, query, cb) -> cb.equal(root.get("processInstanceId"), processInstanceId));
        }
        return findBy(spec, q -> q.sortBy(Sort.by(Sort.Direction.DESC, "id")).limit(SEARCH_LIMIT).all());
    }
}
