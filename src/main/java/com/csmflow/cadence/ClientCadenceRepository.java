package com.csmflow.cadence;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ClientCadenceRepository extends JpaRepository<ClientCadence, Long> {

    Optional<ClientCadence> findByReference(String reference);

    @Query("select c from ClientCadence c where c.clientReference = :client"
            + " and c.status = com.csmflow.cadence.ClientCadence.Status.ACTIVE")
    Optional<ClientCadence> findActive(@Param("client") String clientReference);
}
