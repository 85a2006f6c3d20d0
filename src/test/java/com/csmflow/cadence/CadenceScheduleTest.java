package com.csmflow.cadence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The cadence's configuration: defaults, overrides, and values the platform refuses at start-up. */
class CadenceScheduleTest {

    @Test
    void defaultsFollowTheSeedsAndConfigurationOverridesThem() {
        CadenceSchedule defaults = new CadenceSchedule(new MockEnvironment());
        assertThat(defaults.cycle(CadenceItem.HEALTH_CHECK)).isEqualTo(Period.ofWeeks(1));
        assertThat(defaults.cycle(CadenceItem.EXECUTIVE_SUMMARY)).isEqualTo(Period.ofMonths(1));
        assertThat(defaults.cycle(CadenceItem.QUARTERLY_REVIEW)).isEqualTo(Period.ofMonths(3));
        assertThat(defaults.cycle(CadenceItem.CONTINUITY_TEST)).isEqualTo(Period.ofYears(1));
        assertThat(defaults.timeToComplete(CadenceItem.HEALTH_CHECK)).isEqualTo(Duration.ofHours(8));

        CadenceSchedule changed = new CadenceSchedule(new MockEnvironment()
                .withProperty("csmflow.cadence.health-check.cycle", "p2w")
                .withProperty("csmflow.cadence.threshold-review.time-to-complete", "PT16H"));
        assertThat(changed.cycle(CadenceItem.HEALTH_CHECK)).isEqualTo(Period.ofWeeks(2));
        assertThat(changed.timeToComplete(CadenceItem.THRESHOLD_REVIEW)).isEqualTo(Duration.ofHours(16));
    }

    @Test
    void aValueThePlatformCannotReadStopsTheStartUpNamingTheProperty() {
        assertThatThrownBy(() -> new CadenceSchedule(
                        new MockEnvironment().withProperty("csmflow.cadence.health-check.cycle", "weekly")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("csmflow.cadence.health-check.cycle");
        assertThatThrownBy(() -> new CadenceSchedule(
                        new MockEnvironment().withProperty("csmflow.cadence.continuity-test.cycle", "P0D")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new CadenceSchedule(new MockEnvironment()
                        .withProperty("csmflow.cadence.executive-summary.time-to-complete", "3 days")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("csmflow.cadence.executive-summary.time-to-complete");
    }

    @Test
    void theFirstEstimateNeverPassesTheCycleOfTheDay() {
        LocalDate anchor = LocalDate.of(2026, 1, 31);
        for (Period cycle :
                new Period[] {Period.ofWeeks(1), Period.ofMonths(1), Period.ofMonths(3), Period.ofYears(1)}) {
            for (int k = 1; k < 40; k++) {
                LocalDate day = anchor.plus(cycle.multipliedBy(k));
                assertThat(CadenceStepDelegate.firstEstimate(anchor, cycle, day))
                        .as("%s cycle %d", cycle, k)
                        .isBetween(1L, (long) k);
            }
        }
    }

    @Test
    void theTierAndTheContinuityAgreementDecideWhatAppliesToAClient() {
        var standard = com.csmflow.client.CsmTier.STANDARD;
        var enhanced = com.csmflow.client.CsmTier.ENHANCED;
        assertThat(CadenceItem.CONTACT_UPDATE.appliesTo(enhanced, false)).isTrue();
        assertThat(CadenceItem.CONTACT_UPDATE.appliesTo(standard, false)).isFalse();
        assertThat(CadenceItem.QUARTERLY_REVIEW.appliesTo(standard, false)).isTrue();
        assertThat(CadenceItem.QUARTERLY_REVIEW.appliesTo(enhanced, false)).isFalse();
        assertThat(CadenceItem.CONTINUITY_TEST.appliesTo(standard, true)).isTrue();
        assertThat(CadenceItem.CONTINUITY_TEST.appliesTo(enhanced, false)).isFalse();
        for (CadenceItem item : new CadenceItem[] {
            CadenceItem.HEALTH_CHECK,
            CadenceItem.EXECUTIVE_SUMMARY,
            CadenceItem.CONTACT_LIST_REVIEW,
            CadenceItem.THRESHOLD_REVIEW
        }) {
            assertThat(item.appliesTo(standard, false)).as(item.name()).isTrue();
            assertThat(item.appliesTo(enhanced, false)).as(item.name()).isTrue();
        }
    }
}
