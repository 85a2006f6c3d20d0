package com.csmflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.csmflow.client.CsmTier;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The clock arithmetic without a database: banking, pauses, re-targeting across calendars, stopping. */
class SlaClockTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    final BusinessCalendars calendars = new BusinessCalendars();
    final BusinessCalendar office = calendars.workingHours(
            BERLIN,
            LocalTime.of(9, 0),
            LocalTime.of(17, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            "DE-BY",
            Set.of());
    final BusinessCalendar always = calendars.twentyFourSeven();

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    static SlaTarget target(SlaPriority priority, String duration, SlaCalendarType calendar, int warning) {
        return new SlaTarget(
                CsmTier.ENHANCED,
                priority,
                "escalation.resolution",
                duration,
                calendar,
                warning,
                Instant.EPOCH,
                "test");
    }

    SlaClock started(String local) {
        return new SlaClock(
                "ESC-1",
                "pi-1",
                "escalationResolution",
                "escalation.resolution",
                "ACME",
                CsmTier.ENHANCED,
                target(SlaPriority.P2, "PT8H", SlaCalendarType.BUSINESS, 75),
                office,
                at(local));
    }

    @Test
    void startComputesWarningAndDueOnTheCalendar() {
        SlaClock clock = started("2026-03-13T13:00"); // Friday
        assertThat(clock.getWarningAt()).isEqualTo(at("2026-03-16T11:00")); // 4 h Friday + 2 h Monday
        assertThat(clock.getDueAt()).isEqualTo(at("2026-03-16T13:00"));
        assertThat(clock.getState()).isEqualTo(SlaClockState.RUNNING);
    }

    @Test
    void raisingToRoundTheClockKeepsBusinessTimeCountedSoFar() {
        SlaClock clock = started("2026-03-13T13:00");
        // Friday 15:00: 2 business hours counted; P1 is 4 h round the clock -> 2 h left, due Friday 17:00
        clock.retarget(
                SlaPriority.P1,
                target(SlaPriority.P1, "PT4H", SlaCalendarType.TWENTY_FOUR_SEVEN, 50),
                office,
                always,
                at("2026-03-13T15:00"));
        assertThat(clock.getCalendar()).isEqualTo(SlaCalendarType.TWENTY_FOUR_SEVEN);
        assertThat(clock.getElapsedTime()).isEqualTo(Duration.ofHours(2));
        assertThat(clock.getDueAt()).isEqualTo(at("2026-03-13T17:00"));
        // warning at 50 % = 2 h, already reached: due at once
        assertThat(clock.getWarningAt()).isEqualTo(at("2026-03-13T15:00"));
        // Saturday 01:00 counts now: 2 + 10 h, breached
        clock.stop(always, at("2026-03-14T01:00"));
        assertThat(clock.getElapsedTime()).isEqualTo(Duration.ofHours(12));
        assertThat(clock.getState()).isEqualTo(SlaClockState.BREACHED);
        assertThat(clock.isBreached()).isTrue();
    }

    @Test
    void retargetWhilePausedKeepsThePauseAndSchedulesOnResume() {
        SlaClock clock = started("2026-03-16T09:00"); // Monday
        clock.pause(office, at("2026-03-16T11:00"));
        clock.retarget(
                SlaPriority.P3,
                target(SlaPriority.P3, "PT16H", SlaCalendarType.BUSINESS, 75),
                office,
                office,
                at("2026-03-16T12:00"));
        assertThat(clock.getState()).isEqualTo(SlaClockState.PAUSED);
        clock.resume(office, at("2026-03-16T14:00"));
        assertThat(clock.getPausedTime()).isEqualTo(Duration.ofHours(3));
        assertThat(clock.getElapsedTime()).isEqualTo(Duration.ofHours(2));
        // 14 h left from Monday 14:00: 3 h Monday, 8 h Tuesday, 3 h Wednesday
        assertThat(clock.getDueAt()).isEqualTo(at("2026-03-18T12:00"));
    }

    @Test
    void stoppingWhilePausedCountsThePauseAndExactlyAtTheTargetIsABreach() {
        SlaClock clock = started("2026-03-16T09:00");
        clock.pause(office, at("2026-03-16T12:00"));
        clock.stop(office, at("2026-03-16T13:00"));
        assertThat(clock.getState()).isEqualTo(SlaClockState.MET);
        assertThat(clock.getPausedTime()).isEqualTo(Duration.ofHours(1));
        assertThat(clock.getElapsedTime()).isEqualTo(Duration.ofHours(3));

        SlaClock late = started("2026-03-16T09:00");
        late.stop(office, late.getDueAt());
        assertThat(late.getState()).isEqualTo(SlaClockState.BREACHED);
    }

    @Test
    void stoppedClocksCannotMoveAndPauseIsIdempotent() {
        SlaClock clock = started("2026-03-16T09:00");
        clock.pause(office, at("2026-03-16T10:00"));
        clock.pause(office, at("2026-03-16T11:00"));
        clock.resume(office, at("2026-03-16T12:00"));
        assertThat(clock.getPausedTime()).isEqualTo(Duration.ofHours(2));
        clock.stop(office, at("2026-03-16T13:00"));
        assertThatThrownBy(() -> clock.resume(office, at("2026-03-16T14:00")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already stopped");
    }

    @Test
    void defaultClockNamesAreCamelCaseMetrics() {
        assertThat(SlaClockInputs.defaultClockName("cab.decision")).isEqualTo("cabDecision");
        assertThat(SlaClockInputs.defaultClockName("emergency-cab.decision")).isEqualTo("emergencyCabDecision");
        assertThat(SlaPriority.parse("high")).isEqualTo(SlaPriority.P2);
        assertThat(SlaPriority.parse(" p4 ")).isEqualTo(SlaPriority.P4);
    }
}
