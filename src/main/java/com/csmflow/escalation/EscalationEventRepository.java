package com.csmflow.escalation;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface EscalationEventRepository extends JpaRepository<EscalationEvent, Long> {

    boolean existsByEscalationIdAndKindAndActivityInstanceId(Long escalationId, EscalationEventKind kind,
                                                             String activityInstanceId);

    List<EscalationEvent> findByEscalationIdOrderByOccurredAtAscIdAsc(Long escalationId);
}
