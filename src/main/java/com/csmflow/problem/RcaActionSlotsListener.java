package com.csmflow.problem;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (event {@code complete}) on "Determine the root cause": refuses the completion with a 400
 * naming the slot field (e.g. {@code action2Owner}) while the CSE is still on the form, and writes
 * {@code proposedActions}, the one-line-per-action summary the CSM reads on review and client RCA.
 */
@Component("checkRcaActions")
class RcaActionSlotsListener implements TaskListener {

    private final RcaActionSlots slots;

    RcaActionSlotsListener(RcaActionSlots slots) {
        this.slots = slots;
    }

    @Override
    public void notify(DelegateTask task) {
        ProblemProcess.PROPOSED_ACTIONS.set(
                task.getExecution().getProcessInstance(), RcaActionSlots.summary(slots.read(task.getExecution())));
    }
}
