package com.csmflow.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface EscalationRepository extends JpaRepository<Escalation, Long> {

    Optional<Escalation> findByReference(String reference);

    List<Escalation> findByBreachedBusinessKeyAndStatusNotOrderByRaisedAtAsc(String breachedBusinessKey,
                                                                            EscalationStatus status);

    boolean existsByClientReferenceAndRaisedAtAfterAndReferenceNot(String clientReference, Instant after,
                                                                   String reference);

    List<Escalation> findAllByOrderByRaisedAtDesc();

    List<Escalation> findByClientReferenceOrderByRaisedAtDesc(String clientReference);
}
