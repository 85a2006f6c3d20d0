package com.csmflow.onboarding;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ClientOnboardingRepository extends JpaRepository<ClientOnboarding, Long> {

    Optional<ClientOnboarding> findByReference(String reference);

    List<ClientOnboarding> findByClientReferenceAndStatus(String clientReference, ClientOnboarding.Status status);
}
