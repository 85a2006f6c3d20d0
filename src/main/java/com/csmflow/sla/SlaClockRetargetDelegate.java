package com.csmflow.sla;

import static com.csmflow.sla.SlaClockInputs.CLOCK_NAME;
import static com.csmflow.sla.SlaClockInputs.PRIORITY;

import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.TemplateBackedDelegate;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * "Change SLA clock priority": the case's priority changed mid-flight; the clock takes the target of
 * the new priority, keeps its elapsed and paused time, and its waiting timers follow.
 */
@Component("slaClockRetarget")
class SlaClockRetargetDelegate implements TemplateBackedDelegate {

    static final Set<String> INPUTS = Set.of(CLOCK_NAME, PRIORITY);

    private final SlaClocks clocks;
    private final SlaClockTimers timers;

    SlaClockRetargetDelegate(SlaClocks clocks, SlaClockTimers timers) {
        this.clocks = clocks;
        this.timers = timers;
    }

    @Override
    public Set<String> inputNames() {
        return INPUTS;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DelegateInputs inputs = DelegateInputs.read(execution, INPUTS);
        String clockName = SlaClockInputs.checkedClockName(inputs.text(CLOCK_NAME));
        SlaPriority priority = SlaPriority.parse(inputs.requiredText(PRIORITY));
        SlaClock clock = clocks.retarget(
                execution.getProcessInstanceId(), SlaClockInputs.businessKey(execution), clockName, priority);
        timers.publish(execution, clock);
        if (clock.getState() == SlaClockState.RUNNING) {
            timers.follow(execution, clock);
        }
    }
}
