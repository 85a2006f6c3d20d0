package com.csmflow.change;

import com.csmflow.register.ProcessOrigin;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One vote on a change: a CAB member's, the emergency CAB's or the service manager's decision. */
@Entity
@Table(name = "change_cab_vote")
public class CabVote {

    static final String BOARD_CAB = "CAB";
    static final String BOARD_EMERGENCY_CAB = "EMERGENCY_CAB";
    static final String BOARD_SERVICE_MANAGER = "SERVICE_MANAGER";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "change_reference", nullable = false)
    private String changeReference;

    @Column(nullable = false)
    private String board;

    @Column(nullable = false)
    private String voter;

    @Column(nullable = false)
    private String vote;

    @Column(nullable = false)
    private boolean veto;

    @Column(name = "vote_comment")
    private String comment;

    @Column(name = "voted_at", nullable = false)
    private Instant votedAt;

    @Column(name = "task_id", nullable = false)
    private String taskId;

    @Embedded
    private ProcessOrigin origin;

    protected CabVote() {}

    CabVote(
            String changeReference,
            String board,
            String voter,
            String vote,
            boolean veto,
            String comment,
            Instant votedAt,
            String taskId,
            ProcessOrigin origin) {
        this.changeReference = changeReference;
        this.board = board;
        this.voter = voter;
        this.vote = vote;
        this.veto = veto;
        this.comment = comment;
        this.votedAt = votedAt;
        this.taskId = taskId;
        this.origin = origin;
    }

    public Long getId() {
        return id;
    }

    public String getChangeReference() {
        return changeReference;
    }

    public String getBoard() {
        return board;
    }

    public String getVoter() {
        return voter;
    }

    public String getVote() {
        return vote;
    }

    public boolean isVeto() {
        return veto;
    }

    public String getComment() {
        return comment;
    }

    public Instant getVotedAt() {
        return votedAt;
    }

    public String getTaskId() {
        return taskId;
    }

    public ProcessOrigin getOrigin() {
        return origin;
    }
}
