package com.csmflow.audit;

import java.util.Collection;
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

    Page<AuditEntry> findByBusinessKeyAndRegisterNotIn(String businessKey, Collection<String> hidden, Pageable page);

    Page<AuditEntry> findByRegisterAndReferenceAndRegisterNotIn(
            String register, String reference, Collection<String> hidden, Pageable page);

    Page<AuditEntry> findByRegisterAndRegisterNotIn(String register, Collection<String> hidden, Pageable page);

    Page<AuditEntry> findByBusinessKeyAndRegisterIn(String businessKey, Collection<String> only, Pageable page);

    Page<AuditEntry> findByRegisterAndReferenceAndRegisterIn(
            String register, String reference, Collection<String> only, Pageable page);

    Page<AuditEntry> findByRegisterAndRegisterIn(String register, Collection<String> only, Pageable page);

    long count();
}
