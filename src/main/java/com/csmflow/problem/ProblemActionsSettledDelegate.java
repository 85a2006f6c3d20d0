package com.csmflow.problem;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * End of the follow-up of an action the CSM added later: wakes the problem's main path if it is waiting
 * for such actions ("Wait for actions added later"), so it checks again whether the problem can close.
 * Nothing waits while the proposed actions are still being followed up; then there is nothing to do.
 */
@Component("problemActionsSettled")
class ProblemActionsSettledDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        execution
                .getProcessEngineServices()
                .getRuntimeService()
                .createMessageCorrelation(ProblemProcess.ACTIONS_SETTLED_MESSAGE)
                .processInstanceId(execution.getProcessInstanceId())
                .correlateAllWithResult();
    }
}
