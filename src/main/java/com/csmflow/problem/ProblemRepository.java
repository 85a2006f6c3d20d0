package com.csmflow.problem;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ProblemRepository extends JpaRepository<Problem, Long> {

    Optional<Problem> findByReference(String reference);

    List<Problem> findByChronicKeyAndStatusNot(String chronicKey, String status);

    List<Problem> findTop500ByOrderByIdDesc();

    List<Problem> findTop500ByClientReferenceOrderByIdDesc(String clientReference);

    List<Problem> findTop500ByStatusOrderByIdDesc(String status);

    List<Problem> findTop500ByClientReferenceAndStatusOrderByIdDesc(String clientReference, String status);
}
