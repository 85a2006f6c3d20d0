package com.csmflow.hours;

import java.time.LocalDate;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface TimeEntryRepository extends JpaRepository<TimeEntry, Long>, JpaSpecificationExecutor<TimeEntry> {

    /** The minutes spent on a client's work from {@code first} to {@code last}, both included. */
    @Query("select coalesce(sum(e.minutes), 0) from TimeEntry e where e.clientReference = :client"
            + " and e.workDate between :first and :last")
    long minutesBetween(
            @Param("client") String clientReference, @Param("first") LocalDate first, @Param("last") LocalDate last);

    boolean existsByTaskId(String taskId);
}
