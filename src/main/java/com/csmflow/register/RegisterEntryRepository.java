package com.csmflow.register;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface RegisterEntryRepository extends JpaRepository<RegisterEntry, Long> {

    // Hot-path lookups are JPQL strings, not derived queries: Hibernate caches a string query's SQL,
    // while a derived query is built and translated again on every call (docs/performance.md, tuning 11).
    @Query("select count(e) > 0 from RegisterEntry e where e.origin.processInstanceId = :processInstanceId"
            + " and e.activityId = :activityId and e.register = :register and e.reference = :reference")
    boolean existsByOriginProcessInstanceIdAndActivityIdAndRegisterAndReference(
            @Param("processInstanceId") String processInstanceId, @Param("activityId") String activityId,
            @Param("register") String register, @Param("reference") String reference);

    Optional<RegisterEntry> findFirstByRegisterAndReferenceOrderByIdDesc(String register, String reference);

    List<RegisterEntry> findByRegisterOrderByIdAsc(String register);

    List<RegisterEntry> findByRegisterAndOriginBusinessKeyOrderByIdAsc(String register, String businessKey);

    List<RegisterEntry> findByRegisterAndReferenceOrderByIdAsc(String register, String reference);
}
