package com.csmflow.problem;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface ProblemRepository extends JpaRepository<Problem, Long>, JpaSpecificationExecutor<Problem> {

    Optional<Problem> findByReference(String reference);

    List<Problem> findByChronicKeyAndStatusNot(String chronicKey, ProblemStatus status);
}
