package com.csmflow.sla;

import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface SlaClockRepository extends JpaRepository<SlaClock, Long> {

    List<SlaClock> findByProcessInstanceIdAndClockNameAndStateIn(String processInstanceId, String clockName,
                                                                 Collection<SlaClockState> states);

    List<SlaClock> findByBusinessKeyAndClockNameAndStateIn(String businessKey, String clockName,
                                                           Collection<SlaClockState> states);

    @Query("""
            select c from SlaClock c
            where (:businessKey is null or c.businessKey = :businessKey)
              and (:processInstanceId is null or c.processInstanceId = :processInstanceId)
              and (:state is null or c.state = :state)
            order by c.startedAt, c.id""")
    List<SlaClock> search(@Param("businessKey") String businessKey,
                          @Param("processInstanceId") String processInstanceId,
                          @Param("state") SlaClockState state, Pageable page);
}
