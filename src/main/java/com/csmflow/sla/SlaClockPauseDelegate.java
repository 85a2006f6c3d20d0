package com.csmflow.sla;

import static com.csmflow.sla.SlaClockInputs.CLOCK_NAME;

import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.TemplateBackedDelegate;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** "Pause SLA clock" (e.g. waiting for the client): stops counting and holds the clock's timers. */
@Component("slaClockPause")
class SlaClockPauseDelegate implements TemplateBackedDelegate {

    static final Set<String> INPUTS = Set.of(CLOCK_NAME);

    private final SlaClocks clocks;
    private final SlaClockTimers timers;

    SlaClockPauseDelegate(SlaClocks clocks, SlaClockTimers timers) {
        this.clocks = clocks;
        this.timers = timers;
    }

    @Override
    public Set<String> inputNames() {
        return INPUTS;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String clockName = SlaClockInputs.checkedClockName(
                DelegateInputs.read(execution, INPUTS).text(CLOCK_NAME));
        SlaClock clock =
                clocks.pause(execution.getProcessInstanceId(), SlaClockInputs.businessKey(execution), clockName);
        timers.publish(execution, clock);
        timers.hold(execution, clock);
    }
}
