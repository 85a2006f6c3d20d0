package com.csmflow.satisfaction;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface SatisfactionSurveyRepository
        extends JpaRepository<SatisfactionSurvey, Long>, JpaSpecificationExecutor<SatisfactionSurvey> {

    @Query("select s from SatisfactionSurvey s where s.reference = :reference")
    Optional<SatisfactionSurvey> findByReference(@Param("reference") String reference);

    /** The row locked until the transaction ends: two answers at once are recorded one after the other. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from SatisfactionSurvey s where s.reference = :reference")
    Optional<SatisfactionSurvey> lockByReference(@Param("reference") String reference);

    /** Answered surveys of a client in {@code [from, to)}, by answer time. */
    @Query("""
            select s from SatisfactionSurvey s
            where s.clientReference = :clientReference and s.status = com.csmflow.satisfaction.SurveyStatus.ANSWERED
              and s.answeredAt >= :from and s.answeredAt < :to
            order by s.answeredAt, s.id""")
    List<SatisfactionSurvey> answered(
            @Param("clientReference") String clientReference, @Param("from") Instant from, @Param("to") Instant to);
}
