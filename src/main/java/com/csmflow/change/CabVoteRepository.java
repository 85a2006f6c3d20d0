package com.csmflow.change;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CabVoteRepository extends JpaRepository<CabVote, Long> {

    // Hot-path lookups are JPQL strings, not derived queries: Hibernate caches a string query's SQL,
    // while a derived query is built and translated again on every call (docs/performance.md, tuning 11).
    @Query("select v from CabVote v where v.changeReference = :changeReference order by v.votedAt, v.id")
    List<CabVote> findByChangeReferenceOrderByVotedAtAscIdAsc(@Param("changeReference") String changeReference);

    @Query("select count(v) > 0 from CabVote v where v.taskId = :taskId")
    boolean existsByTaskId(@Param("taskId") String taskId);
}
