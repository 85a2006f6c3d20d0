package com.csmflow.sla;

import com.csmflow.api.PageParameters;
import com.csmflow.client.CsmTier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read-only view of the SLA clock rows, e.g. {@code /api/sla-clocks?businessKey=CHG-2026-0042}. */
@RestController
@RequestMapping("/api/sla-clocks")
class SlaClockController {

    private final SlaClocks clocks;

    SlaClockController(SlaClocks clocks) {
        this.clocks = clocks;
    }

    @GetMapping
    ResponseEntity<List<SlaClockView>> list(
            @RequestParam(required = false) String businessKey,
            @RequestParam(required = false) String processInstanceId,
            @RequestParam(required = false) SlaClockState state,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(
                clocks.search(
                        blankToNull(businessKey),
                        blankToNull(processInstanceId),
                        state,
                        new PageParameters(page, size)),
                clock -> SlaClockView.of(clock, clocks.elapsed(clock), clocks.paused(clock)));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** Durations are ISO-8601 business time on the clock's calendar, up to now for active clocks. */
    record SlaClockView(
            Long id,
            String businessKey,
            String processInstanceId,
            String clockName,
            String metric,
            String clientReference,
            CsmTier tier,
            SlaPriority priority,
            SlaCalendarType calendar,
            String targetDuration,
            int warningPercent,
            Instant startedAt,
            Instant warningAt,
            Instant dueAt,
            Instant pausedAt,
            String pausedTime,
            String elapsedTime,
            SlaClockState state,
            boolean breached,
            Instant stoppedAt,
            long version) {

        static SlaClockView of(SlaClock clock, Duration elapsed, Duration paused) {
            return new SlaClockView(
                    clock.getId(),
                    clock.getBusinessKey(),
                    clock.getProcessInstanceId(),
                    clock.getClockName(),
                    clock.getMetric(),
                    clock.getClientReference(),
                    clock.getTier(),
                    clock.getPriority(),
                    clock.getCalendar(),
                    clock.getTargetDuration(),
                    clock.getWarningPercent(),
                    clock.getStartedAt(),
                    clock.getWarningAt(),
                    clock.getDueAt(),
                    clock.getPausedAt(),
                    paused.toString(),
                    elapsed.toString(),
                    clock.getState(),
                    clock.isBreached(),
                    clock.getStoppedAt(),
                    clock.getVersion());
        }
    }
}
