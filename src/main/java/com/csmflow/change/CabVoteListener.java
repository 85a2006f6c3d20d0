package com.csmflow.change;

import com.csmflow.engine.EngineIdentity;
import java.time.Clock;
import com.csmflow.api.InvalidInputException;
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
        String board = String.valueOf(execution.getVariableLocal("board"));
        boolean cab = CabVote.BOARD_CAB.equals(board);
        String vote = text(execution.getVariable(cab ? "vote" : "decision"));
        if (!"approve".equals(vote) && !"reject".equals(vote)) {
            throw new InvalidInputException(cab ? "vote" : "decision", "is 'approve' or 'reject', was '" + vote + "'");
        }
        String comment = text(execution.getVariable(cab ? "voteComment" : "decisionComment"));
        String voter = voter(task);
        boolean veto = cab && Boolean.TRUE.equals(execution.getVariable("veto")) && inVetoGroup(voter, execution);

        register.recordVote(execution, board, voter, vote, veto, comment, clock.instant(),
                task.getId());

        if (cab) {
            DelegateExecution instance = execution.getProcessInstance();
            String counter = "approve".equals(vote) ? CabVoting.APPROVALS : CabVoting.REJECTIONS;
            instance.setVariable(counter, CabVoting.count(instance, counter) + 1);
            if (veto) {
                instance.setVariable(CabVoting.VETOED, true);
                instance.setVariable("vetoedBy", voter);
            }
        } else {
            execution.getProcessInstance().setVariable("decidedBy", voter);
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
        Object group = execution.getVariable("vetoGroup");
        if (group == null || group.toString().isBlank()) {
            return false;
        }
        return register.isMember(voter, group.toString().trim());
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
