package com.csmflow.sla;

import static com.csmflow.sla.SlaClockInputs.CLIENT_REFERENCE;
import static com.csmflow.sla.SlaClockInputs.CLOCK_NAME;
import static com.csmflow.sla.SlaClockInputs.METRIC;
import static com.csmflow.sla.SlaClockInputs.PRIORITY;

import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.TemplateBackedDelegate;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * "Start SLA clock": starts a clock on the client's target for metric and priority and writes
 * {@code <clockName>Due} / {@code <clockName>Warning} (java.util.Date) for timer events.
 * Inputs: metric, priority (P1..P4 or critical/high/medium/low), clientReference, clockName (optional,
 * defaults to the metric in camel case: cab.decision -> cabDecision).
 */
@Component("slaClockStart")
class SlaClockStartDelegate implements TemplateBackedDelegate {

    static final Set<String> INPUTS = Set.of(METRIC, PRIORITY, CLIENT_REFERENCE, CLOCK_NAME);

    private final SlaClocks clocks;
    private final SlaClockTimers timers;

    SlaClockStartDelegate(SlaClocks clocks, SlaClockTimers timers) {
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
        String metric = inputs.requiredText(METRIC);
        SlaPriority priority = SlaPriority.parse(inputs.requiredText(PRIORITY));
        String clientReference = inputs.requiredText(CLIENT_REFERENCE);
        String clockName = SlaClockInputs.checkedClockName(
                inputs.text(CLOCK_NAME) != null ? inputs.text(CLOCK_NAME) : SlaClockInputs.defaultClockName(metric));

        SlaClock clock = clocks.start(
                SlaClockInputs.businessKey(execution),
                execution.getProcessInstanceId(),
                clockName,
                clientReference,
                metric,
                priority);
        timers.publish(execution, clock);
        // a restarted clock (cadence) moves timers that still wait on the previous instants
        timers.follow(execution, clock);
    }
}
