package com.csmflow.hours;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface HoursWarningRepository extends JpaRepository<HoursWarning, Long> {

    List<HoursWarning> findByClientReferenceAndMonthOrderByThresholdPercent(String clientReference, String month);

    boolean existsByClientReferenceAndMonthAndThresholdPercent(String clientReference, String month, int threshold);
}
