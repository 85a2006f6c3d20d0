package com.csmflow.change;

import static com.csmflow.change.ChangeProcess.APPROVAL_PERCENTAGE;
import static com.csmflow.change.ChangeProcess.APPROVAL_RULE;
import static com.csmflow.change.ChangeProcess.CAB_APPROVALS;
import static com.csmflow.change.ChangeProcess.CAB_REJECTIONS;
import static com.csmflow.change.ChangeProcess.CAB_VETOED;
import static com.csmflow.change.ChangeProcess.CAB_VOTERS;

import com.csmflow.engine.ProcessVariable;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Expression bean of the CAB vote: {@code completionCondition="${cabVoting.decided(execution)}"} on the
 * multi-instance task "Vote on the change". Reads the rule the decision table chose and the counters the
 * vote listener keeps.
 */
@Component("cabVoting")
public class CabVoting {

    public boolean decided(DelegateExecution execution) {
        return CabRule.decided(
                rule(execution),
                percentage(execution),
                members(execution),
                count(execution, CAB_APPROVALS),
                count(execution, CAB_REJECTIONS),
                vetoed(execution));
    }

    boolean approved(DelegateExecution execution) {
        return CabRule.approved(
                rule(execution),
                percentage(execution),
                members(execution),
                count(execution, CAB_APPROVALS),
                vetoed(execution));
    }

    static String rule(DelegateExecution execution) {
        return APPROVAL_RULE.get(execution);
    }

    static Integer percentage(DelegateExecution execution) {
        Number value = APPROVAL_PERCENTAGE.get(execution);
        return value == null ? null : value.intValue();
    }

    static int members(DelegateExecution execution) {
        List<String> voters = CAB_VOTERS.get(execution);
        return voters == null ? 0 : voters.size();
    }

    static int count(DelegateExecution execution, ProcessVariable<Integer> counter) {
        return counter.get(execution, 0);
    }

    static boolean vetoed(DelegateExecution execution) {
        return Boolean.TRUE.equals(CAB_VETOED.get(execution));
    }
}
