package com.csmflow.infosec;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface SecurityControlRepository
        extends JpaRepository<SecurityControl, Long>, JpaSpecificationExecutor<SecurityControl> {

    Optional<SecurityControl> findByReference(String reference);

    List<SecurityControl> findByReferenceIn(Collection<String> references);

    /** The controls of a service, and the client-wide ones of its client, due for review by {@code day}. */
    @Query("select c from SecurityControl c where c.clientReference = :client"
            + " and (c.serviceReference = :service or c.serviceReference is null)"
            + " and c.status <> com.csmflow.infosec.ControlStatus.RETIRED and c.nextReviewOn <= :day"
            + " order by c.nextReviewOn, c.id")
    List<SecurityControl> dueForReview(
            @Param("client") String clientReference,
            @Param("service") String serviceReference,
            @Param("day") LocalDate day);
}
