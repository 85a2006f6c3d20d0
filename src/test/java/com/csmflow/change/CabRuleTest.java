package com.csmflow.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** When a CAB vote is decided and how, for each approval rule (plain unit test). */
class CabRuleTest {

    @Test
    void anyIsDecidedByTheFirstApprovalOrWhenEveryoneRejected() {
        assertThat(CabRule.decided("any", null, 3, 1, 0, false)).isTrue();
        assertThat(CabRule.approved("any", null, 3, 1, false)).isTrue();
        assertThat(CabRule.decided("any", null, 3, 0, 2, false)).isFalse();
        assertThat(CabRule.decided("any", null, 3, 0, 3, false)).isTrue();
        assertThat(CabRule.approved("any", null, 3, 0, false)).isFalse();
    }

    @Test
    void allIsDecidedByTheFirstRejection() {
        assertThat(CabRule.decided("all", null, 3, 2, 0, false)).isFalse();
        assertThat(CabRule.decided("all", null, 3, 0, 1, false)).isTrue();
        assertThat(CabRule.approved("all", null, 3, 3, false)).isTrue();
        assertThat(CabRule.approved("all", null, 3, 2, false)).isFalse();
    }

    @Test
    void majorityNeedsMoreThanHalf() {
        assertThat(CabRule.decided("majority", null, 4, 2, 0, false)).isFalse();
        assertThat(CabRule.decided("majority", null, 4, 3, 0, false)).isTrue();
        assertThat(CabRule.decided("majority", null, 4, 0, 2, false)).isTrue(); // 2 of 4 is no majority
        assertThat(CabRule.approved("majority", null, 4, 2, false)).isFalse();
        assertThat(CabRule.decided("majority", null, 3, 1, 1, false)).isFalse();
    }

    @Test
    void percentageCountsTheShareOfAllMembers() {
        assertThat(CabRule.decided("percentage", 75, 4, 2, 1, false)).isFalse(); // 3 of 4 still reachable
        assertThat(CabRule.decided("percentage", 75, 4, 2, 2, false)).isTrue();
        assertThat(CabRule.approved("percentage", 75, 4, 3, false)).isTrue();
        assertThat(CabRule.approved("percentage", 60, 5, 3, false)).isTrue();
        assertThat(CabRule.decided("percentage", 60, 5, 1, 2, false)).isFalse(); // 3 of 5 = 60 % still reachable
        assertThat(CabRule.decided("percentage", 60, 5, 1, 3, false)).isTrue();
    }

    @Test
    void aVetoDecidesAndRejectsWhateverTheRule() {
        for (String rule : new String[] {"any", "all", "majority"}) {
            assertThat(CabRule.decided(rule, null, 5, 4, 0, true)).isTrue();
            assertThat(CabRule.approved(rule, null, 5, 4, true)).isFalse();
        }
    }

    @Test
    void unknownRulesAndMissingPercentagesAreModellingErrors() {
        assertThatThrownBy(() -> CabRule.approved("two-thirds", null, 3, 1, false))
                .hasMessageContaining("Unknown CAB approval rule");
        assertThatThrownBy(() -> CabRule.approved("percentage", null, 3, 1, false))
                .hasMessageContaining("percentage of 1..100");
    }
}
