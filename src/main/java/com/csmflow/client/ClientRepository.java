package com.csmflow.client;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ClientRepository extends JpaRepository<Client, Long> {

    Optional<Client> findByReference(String reference);

    boolean existsByReference(String reference);
}
