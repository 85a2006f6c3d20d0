package com.csmflow.complaint;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ComplaintRepository extends JpaRepository<Complaint, Long>, JpaSpecificationExecutor<Complaint> {

    @Query("select c from Complaint c where c.reference = :reference")
    Optional<Complaint> findByReference(@Param("reference") String reference);

    /** Complaints of a client received in {@code [from, to)}. */
    @Query("select count(c) from Complaint c where c.clientReference = :clientReference"
            + " and c.createdAt >= :from and c.createdAt < :to")
    long countReceived(
            @Param("clientReference") String clientReference, @Param("from") Instant from, @Param("to") Instant to);

    /** Complaints of a client closed in {@code [from, to)}. */
    @Query("select count(c) from Complaint c where c.clientReference = :clientReference"
            + " and c.closedAt >= :from and c.closedAt < :to")
    long countClosed(
            @Param("clientReference") String clientReference, @Param("from") Instant from, @Param("to") Instant to);

    /** Complaints of a client received before {@code at} and not closed by then. */
    @Query("select count(c) from Complaint c where c.clientReference = :clientReference"
            + " and c.createdAt < :at and (c.closedAt is null or c.closedAt >= :at)")
    long countOpenAt(@Param("clientReference") String clientReference, @Param("at") Instant at);
}
