package com.csmflow.change;

import static com.csmflow.change.ChangeProcess.BOARD;
import static com.csmflow.change.ChangeProcess.CAB_APPROVALS;
import static com.csmflow.change.ChangeProcess.CAB_REJECTIONS;
import static com.csmflow.change.ChangeProcess.CAB_VETOED;
import static com.csmflow.change.ChangeProcess.DECIDED_BY;
import static com.csmflow.change.ChangeProcess.DECISION;
import static com.csmflow.change.ChangeProcess.DECISION_COMMENT;
import static com.csmflow.change.ChangeProcess.VETO;
import static com.csmflow.change.ChangeProcess.VETOED_BY;
import static com.csmflow.change.ChangeProcess.VETO_GROUP;
import static com.csmflow.change.ChangeProcess.VOTE;
import static com.csmflow.change.ChangeProcess.VOTE_COMMENT;

import com.csmflow.api.InvalidInputException;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.engine.ProcessVariable;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (event {@code complete}) on the CAB vote and on the emergency decisions: records the vote
 * with its comment in the change register and keeps the counters the completion condition reads.
 *
 * <p>Inputs as local variables of the task's execution ({@code camunda:inputParameter}): {@code board}
 * ({@code CAB}, {@code EMERGENCY_CAB}, {@code SERVICE_MANAGER}). The vote itself is the form field
 * {@code vote} (CAB) or {@code decision} (emergency), {@code approve} or {@code reject}; {@code veto} and
 * {@code voteComment} / {@code decisionComment}.
 *
 * <p>A veto counts only from a member of the veto group the decision table named (e.g. {@code isec});
 * it sets {@code cabVetoed}, which ends the vote at once.
 */
@Component("recordCabVote")
class CabVoteListener implements TaskListener {

    private final ChangeRegister register;
    private final Clock clock;
    private final EngineIdentity engineIdentity;

    CabVoteListener(ChangeRegister register, Clock clock, EngineIdentity engineIdentity) {
        this.engineIdentity = engineIdentity;
        this.clock = clock;
        this.register = register;
    }

    @Override
    public void notify(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        String board = String.valueOf(execution.getVariableLocal(BOARD.name()));
        boolean cab = CabVote.BOARD_CAB.equals(board);
        ProcessVariable<String> voteField = cab ? VOTE : DECISION;
        String vote = voteField.text(execution);
        if (!"approve".equals(vote) && !"reject".equals(vote)) {
            throw new InvalidInputException(voteField.name(), "is 'approve' or 'reject', was '" + vote + "'");
        }
        String comment = (cab ? VOTE_COMMENT : DECISION_COMMENT).text(execution);
        String voter = voter(task);
        boolean veto = cab && Boolean.TRUE.equals(execution.getVariable(VETO.name())) && inVetoGroup(voter, execution);

        register.recordVote(execution, board, voter, vote, veto, comment, clock.instant(), task.getId());

        if (cab) {
            DelegateExecution instance = execution.getProcessInstance();
            ProcessVariable<Integer> counter = "approve".equals(vote) ? CAB_APPROVALS : CAB_REJECTIONS;
            counter.set(instance, CabVoting.count(instance, counter) + 1);
            if (veto) {
                CAB_VETOED.set(instance, true);
                VETOED_BY.set(instance, voter);
            }
        } else {
            DECIDED_BY.set(execution.getProcessInstance(), voter);
        }
    }

    /**
     * Who voted: the user who completed the task; without an authenticated user (tests, jobs) the
     * assignee. The candidate group lets every CAB member open a colleague's vote task, so the register
     * names the member who really cast it, and only that member's veto group counts.
     */
    private String voter(DelegateTask task) {
        String user = engineIdentity.currentUserId();
        if (user != null) {
            return user;
        }
        return task.getAssignee() != null ? task.getAssignee() : "system";
    }

    private boolean inVetoGroup(String voter, DelegateExecution execution) {
        String group = VETO_GROUP.text(execution);
        return group != null && register.isMember(voter, group);
    }
}
