package com.csmflow.sla;

import static com.csmflow.sla.SlaClockInputs.CLOCK_NAME;

import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.TemplateBackedDelegate;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * "Stop SLA clock": records met or breached, the net business time and the paused time; writes
 * {@code <clockName>State} (MET/BREACHED) and {@code <clockName>Breached} for gateways.
 */
@Component("slaClockStop")
class SlaClockStopDelegate implements TemplateBackedDelegate {

    static final Set<String> INPUTS = Set.of(CLOCK_NAME);

    private final SlaClocks clocks;
    private final SlaClockTimers timers;

    SlaClockStopDelegate(SlaClocks clocks, SlaClockTimers timers) {
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
                clocks.stop(execution.getProcessInstanceId(), SlaClockInputs.businessKey(execution), clockName);
        timers.publish(execution, clock);
        timers.hold(execution, clock);
    }
}
