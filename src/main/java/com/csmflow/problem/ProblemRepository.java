package com.csmflow.problem;

import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ProblemRepository extends JpaRepository<Problem, Long>, JpaSpecificationExecutor<Problem> {

    Optional<Problem> findByReference(String reference);

    List<Problem> findByChronicKeyAndStatusNot(String chronicKey, ProblemStatus status);
}
