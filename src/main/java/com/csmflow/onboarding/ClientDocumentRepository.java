package com.csmflow.onboarding;

import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface ClientDocumentRepository extends JpaRepository<ClientDocument, Long> {

    Page<ClientDocument> findByClientReference(String clientReference, Pageable page);

    List<ClientDocument> findByClientReference(String clientReference);
}
