package com.csmflow.change;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ChangeRecordRepository extends JpaRepository<ChangeRecord, Long> {

    // Hot-path lookups are JPQL strings, not derived queries: Hibernate caches a string query's SQL,
    // while a derived query is built and translated again on every call (docs/performance.md, tuning 11).
    @Query("select c from ChangeRecord c where c.reference = :reference")
    Optional<ChangeRecord> findByReference(@Param("reference") String reference);

    /** Both filters are optional. */
    @Query("""
            select c from ChangeRecord c
            where (:client is null or c.clientReference = :client)
              and (:status is null or c.status = :status)
            order by c.windowStart, c.reference""")
    List<ChangeRecord> search(@Param("client") String client, @Param("status") String status);
}
