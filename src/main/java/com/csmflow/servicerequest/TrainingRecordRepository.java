package com.csmflow.servicerequest;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface TrainingRecordRepository
        extends JpaRepository<TrainingRecord, Long>, JpaSpecificationExecutor<TrainingRecord> {
    Optional<TrainingRecord> findByReference(String reference);

    Optional<TrainingRecord> findFirstByUserIdAndCourseAndCompletedOn(
            String userId, String course, java.time.LocalDate completedOn);

    List<TrainingRecord> findByUserIdInOrderByUserIdAscCompletedOnDesc(Collection<String> userIds);
}
