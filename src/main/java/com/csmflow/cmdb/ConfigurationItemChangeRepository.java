package com.csmflow.cmdb;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ConfigurationItemChangeRepository extends JpaRepository<ConfigurationItemChange, Long> {

    List<ConfigurationItemChange> findByCiReferenceOrderByIdDesc(String ciReference);

    List<ConfigurationItemChange> findByChangeReferenceOrderByIdAsc(String changeReference);

    Optional<ConfigurationItemChange> findByCiReferenceAndChangeReference(String ciReference, String changeReference);
}
