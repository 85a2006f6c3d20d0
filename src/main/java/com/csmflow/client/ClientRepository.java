package com.csmflow.client;

import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ClientRepository extends JpaRepository<Client, Long> {

    Optional<Client> findByReference(String reference);

    boolean existsByReference(String reference);

    /** Clients of a tier (all tiers when {@code tier} is null), retired ones only when asked for. */
    @Query("select c from Client c where (:tier is null or c.tier = :tier)"
            + " and (:includeRetired = true or c.retired = false)")
    Page<Client> search(@Param("tier") CsmTier tier, @Param("includeRetired") boolean includeRetired,
                        Pageable pageable);

    @Query("select count(k) > 0 from Contract k where k.reference = :contract and k.client.reference <> :client")
    boolean contractBelongsToAnotherClient(@Param("contract") String contractReference,
                                           @Param("client") String clientReference);
}
