package com.csmflow.client;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ClientRepository extends JpaRepository<Client, Long> {

    // Hot-path lookups are JPQL strings, not derived queries: Hibernate caches a string query's SQL,
    // while a derived query is built and translated again on every call (docs/performance.md, tuning 11).
    @Query("select c from Client c where c.reference = :reference")
    Optional<Client> findByReference(@Param("reference") String reference);

    @Query("select count(c) > 0 from Client c where c.reference = :reference")
    boolean existsByReference(@Param("reference") String reference);

    /** Clients of a tier (all tiers when {@code tier} is null), retired ones only when asked for. */
    @Query("select c from Client c where (:tier is null or c.tier = :tier)"
            + " and (:includeRetired = true or c.retired = false)")
    Page<Client> search(
            @Param("tier") CsmTier tier, @Param("includeRetired") boolean includeRetired, Pageable pageable);

    @Query("select c from Client c where c.designatedCsm = :userId and c.retired = false order by c.reference")
    List<Client> findByDesignatedCsm(@Param("userId") String userId);

    @Query("select count(k) > 0 from Contract k where k.reference = :contract and k.client.reference <> :client")
    boolean contractBelongsToAnotherClient(
            @Param("contract") String contractReference, @Param("client") String clientReference);
}
