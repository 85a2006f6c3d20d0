package com.csmflow.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Now" for the whole platform: the process engine's clock. Timers fall due, history is stamped and
 * jobs are locked in the engine's time, so registers, SLA clocks and mails must read the same time, or a
 * test that moves the engine clock (and any future operator tool that does) would see two different
 * "nows". Engine internals: {@code ClockUtil} is the only place the engine exposes its current time; no
 * public API serves it. Inject {@link Clock}; never call {@code ClockUtil} elsewhere.
 */
@Component
class EngineClock extends Clock {

    @Override
    public Instant instant() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // Zoned views are fixed at "now" on purpose: the platform works in instants, zones are for display.
        return Clock.fixed(instant(), zone);
    }
}
