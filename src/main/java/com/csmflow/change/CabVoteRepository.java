package com.csmflow.change;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CabVoteRepository extends JpaRepository<CabVote, Long> {

    List<CabVote> findByChangeReferenceOrderByVotedAtAscIdAsc(String changeReference);

    boolean existsByTaskId(String taskId);
}
