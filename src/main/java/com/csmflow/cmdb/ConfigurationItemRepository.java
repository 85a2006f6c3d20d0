package com.csmflow.cmdb;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface ConfigurationItemRepository
        extends JpaRepository<ConfigurationItem, Long>, JpaSpecificationExecutor<ConfigurationItem> {

    Optional<ConfigurationItem> findByReference(String reference);

    List<ConfigurationItem> findByReferenceIn(Collection<String> references);

    List<ConfigurationItem> findByClientReferenceAndStatusNotOrderByNameAscIdAsc(
            String clientReference, CiStatus status);

    List<ConfigurationItem> findByStatusNotOrderByClientReferenceAscNameAscIdAsc(CiStatus status);

    long countByClientReferenceAndStatusNot(String clientReference, CiStatus status);

    long countByClientReferenceAndStatusAndTypeIn(String clientReference, CiStatus status, Collection<CiType> types);
}
