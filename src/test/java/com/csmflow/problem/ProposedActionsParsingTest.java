package com.csmflow.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.problem.RegisterRcaActionsDelegate.ProposedAction;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The CSE's "one action per line" text: owners, dates and defaults. */
class ProposedActionsParsingTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    @Test
    void readsDescriptionOwnerAndTargetDatePerLine() {
        assertThat(RegisterRcaActionsDelegate.parse("""
                - Reschedule the backup | delivery-manager | 2026-12-04
                Add monitoring|cse|2026-12-20

                * Write the runbook
                """, TODAY))
                .containsExactly(
                        new ProposedAction("Reschedule the backup", "delivery-manager", LocalDate.of(2026, 12, 4)),
                        new ProposedAction("Add monitoring", "cse", LocalDate.of(2026, 12, 20)),
                        new ProposedAction("Write the runbook", null, TODAY.plusDays(30)));
    }

    @Test
    void aBadDateFallsBackToTheDefaultInsteadOfLosingTheAction() {
        assertThat(RegisterRcaActionsDelegate.parse("Patch the firewall | it | next friday", TODAY))
                .containsExactly(new ProposedAction("Patch the firewall", "it", TODAY.plusDays(30)));
        assertThat(RegisterRcaActionsDelegate.parse(null, TODAY)).isEmpty();
        assertThat(RegisterRcaActionsDelegate.parse("-\n  \n", TODAY)).isEmpty();
    }
}
