package com.csmflow.change;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Expression bean of the CAB vote: {@code completionCondition="${cabVoting.decided(execution)}"} on the
 * multi-instance task "Vote on the change". Reads the rule the decision table chose and the counters the
 * vote listener keeps.
 */
@Component("cabVoting")
public class CabVoting {

    static final String APPROVALS = "cabApprovals";
    static final String REJECTIONS = "cabRejections";
    static final String VETOED = "cabVetoed";
    static final String VOTERS = "cabVoters";

    public boolean decided(DelegateExecution execution) {
        return CabRule.decided(rule(execution), percentage(execution), members(execution),
                count(execution, APPROVALS), count(execution, REJECTIONS), vetoed(execution));
    }

    boolean approved(DelegateExecution execution) {
        return CabRule.approved(rule(execution), percentage(execution), members(execution),
                count(execution, APPROVALS), vetoed(execution));
    }

    static String rule(DelegateExecution execution) {
        return (String) execution.getVariable("approvalRule");
    }

    static Integer percentage(DelegateExecution execution) {
        Object value = execution.getVariable("approvalPercentage");
        return value instanceof Number number ? number.intValue() : null;
    }

    static int members(DelegateExecution execution) {
        Object voters = execution.getVariable(VOTERS);
        return voters instanceof java.util.Collection<?> list ? list.size() : 0;
    }

    static int count(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value instanceof Number number ? number.intValue() : 0;
    }

    static boolean vetoed(DelegateExecution execution) {
        return Boolean.TRUE.equals(execution.getVariable(VETOED));
    }
}
