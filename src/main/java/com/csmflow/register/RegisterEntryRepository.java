package com.csmflow.register;

import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface RegisterEntryRepository extends JpaRepository<RegisterEntry, Long> {

    // Hot-path lookups are JPQL strings, not derived queries: Hibernate caches a string query's SQL,
    // while a derived query is built and translated again on every call (docs/performance.md, tuning 11).
    @Query("select count(e) > 0 from RegisterEntry e where e.origin.processInstanceId = :processInstanceId"
            + " and e.activityId = :activityId and e.register = :register and e.reference = :reference")
    boolean existsByOriginProcessInstanceIdAndActivityIdAndRegisterAndReference(
            @Param("processInstanceId") String processInstanceId,
            @Param("activityId") String activityId,
            @Param("register") String register,
            @Param("reference") String reference);

    Optional<RegisterEntry> findFirstByRegisterAndReferenceOrderByIdDesc(String register, String reference);

    Page<RegisterEntry> findByRegister(String register, Pageable page);

    Page<RegisterEntry> findByRegisterAndOriginBusinessKey(String register, String businessKey, Pageable page);

    Page<RegisterEntry> findByRegisterAndReference(String register, String reference, Pageable page);
}
