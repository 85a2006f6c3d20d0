package com.csmflow.change;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ChangeRecordRepository
        extends JpaRepository<ChangeRecord, Long>, JpaSpecificationExecutor<ChangeRecord> {

    // Hot-path lookups are JPQL strings, not derived queries: Hibernate caches a string query's SQL,
    // while a derived query is built and translated again on every call (docs/performance.md, tuning 11).
    @Query("select c from ChangeRecord c where c.reference = :reference")
    Optional<ChangeRecord> findByReference(@Param("reference") String reference);
}
