package com.csmflow.servicerequest;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface TeamMemberRepository extends JpaRepository<TeamMember, Long> {
    List<TeamMember> findByServiceReferenceOrderByUserIdAsc(String serviceReference);

    Optional<TeamMember> findByServiceReferenceAndUserId(String serviceReference, String userId);

    /** The share of time each person gives to active services. */
    @Query("select m.userId, sum(m.allocationPercent) from TeamMember m, ManagedService s"
            + " where m.serviceReference = s.reference and m.active = true"
            + " and s.status = com.csmflow.servicerequest.ServiceStatus.ACTIVE group by m.userId")
    List<Object[]> activeLoadByUser();

    @Query("select count(m) > 0 from TeamMember m where m.serviceReference in :services and m.userId = :userId")
    boolean memberOfAny(@Param("services") Collection<String> services, @Param("userId") String userId);
}
