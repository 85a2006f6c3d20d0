package com.csmflow.servicerequest;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface WorkRecordRepository extends JpaRepository<WorkRecord, Long>, JpaSpecificationExecutor<WorkRecord> {
    boolean existsByTaskIdAndKind(String taskId, WorkKind kind);
}
