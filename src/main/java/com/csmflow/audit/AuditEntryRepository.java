package com.csmflow.audit;

import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

/** Append-only on purpose: save and queries, no update or delete methods. */
interface AuditEntryRepository extends Repository<AuditEntry, Long> {

    AuditEntry save(AuditEntry entry);

    List<AuditEntry> findByBusinessKeyOrderByChangedAtAscIdAsc(String businessKey);

    List<AuditEntry> findByRegisterAndReferenceOrderByChangedAtAscIdAsc(String register, String reference);

    List<AuditEntry> findByRegisterOrderByChangedAtAscIdAsc(String register);

    Page<AuditEntry> findByBusinessKey(String businessKey, Pageable page);

    Page<AuditEntry> findByRegisterAndReference(String register, String reference, Pageable page);

    Page<AuditEntry> findByRegister(String register, Pageable page);

    long count();
}
