package com.csmflow.servicerequest;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface StaffProfileRepository extends JpaRepository<StaffProfile, Long>, JpaSpecificationExecutor<StaffProfile> {
    @Query("select p from StaffProfile p where p.userId = :userId")
    Optional<StaffProfile> findByUserId(@Param("userId") String userId);
}
