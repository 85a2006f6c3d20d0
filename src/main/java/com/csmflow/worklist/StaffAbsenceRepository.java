package com.csmflow.worklist;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface StaffAbsenceRepository extends JpaRepository<StaffAbsence, String> {

    // a string query (cached SQL): asked on every CSM task created (docs/performance.md, tuning 11)
    @Query("select a from StaffAbsence a where a.userId = :userId")
    Optional<StaffAbsence> findByUserId(@Param("userId") String userId);
}
