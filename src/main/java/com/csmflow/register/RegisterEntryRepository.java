package com.csmflow.register;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface RegisterEntryRepository extends JpaRepository<RegisterEntry, Long> {

    boolean existsByOriginProcessInstanceIdAndActivityIdAndRegisterAndReference(
            String processInstanceId, String activityId, String register, String reference);

    Optional<RegisterEntry> findFirstByRegisterAndReferenceOrderByIdDesc(String register, String reference);

    List<RegisterEntry> findByRegisterOrderByIdAsc(String register);

    List<RegisterEntry> findByRegisterAndOriginBusinessKeyOrderByIdAsc(String register, String businessKey);

    List<RegisterEntry> findByRegisterAndReferenceOrderByIdAsc(String register, String reference);
}
