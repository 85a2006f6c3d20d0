package com.csmflow.cadence;

import com.csmflow.client.CsmTier;
import java.time.Duration;
import java.time.Period;

/**
 * The recurring work of a client's cadence (001 §3-4.1 ongoing, 000 §4.1.1-4.1.2, 002 continuity): what it
 * is, who does it, for which clients, and its default cycle and time to complete (business hours on the
 * client's calendar). The cycles and times are configuration ({@code csmflow.cadence.<property>.cycle},
 * {@code .time-to-complete}, read by {@link CadenceSchedule}); the model reads the variables named after
 * {@link #prefix()}: {@code <prefix>At} (the timer), {@code <prefix>Due} (the task's due date),
 * {@code <prefix>Applies}, {@code <prefix>Cycle} (the cycle's number) and {@code <prefix>Text}.
 */
public enum CadenceItem {
    HEALTH_CHECK("healthCheck", "health-check", "weekly health check", Period.ofWeeks(1), Duration.ofHours(8)),
    EXECUTIVE_SUMMARY(
            "executiveSummary",
            "executive-summary",
            "monthly executive summary",
            Period.ofMonths(1),
            Duration.ofHours(24)),
    /** Enhanced clients only (000 §4.1.2): weekly updates to the key client contacts. */
    CONTACT_UPDATE(
            "contactUpdate",
            "contact-update",
            "weekly update to the key contacts",
            Period.ofWeeks(1),
            Duration.ofHours(8)),
    /** Standard clients only (000 §4.1.1): the remote quarterly service review. */
    QUARTERLY_REVIEW(
            "quarterlyReview",
            "quarterly-review",
            "quarterly service review",
            Period.ofMonths(3),
            Duration.ofHours(40)),
    CONTACT_LIST_REVIEW(
            "contactListReview",
            "contact-list-review",
            "review of the authorised contact list and the customer playbook",
            Period.ofMonths(3),
            Duration.ofHours(40)),
    THRESHOLD_REVIEW(
            "thresholdReview",
            "threshold-review",
            "review of the monitoring thresholds",
            Period.ofMonths(3),
            Duration.ofHours(40)),
    /** Only where a continuity plan was agreed with the client (002 continuity). */
    CONTINUITY_TEST(
            "continuityTest",
            "continuity-test",
            "test of the continuity plan",
            Period.ofYears(1),
            Duration.ofHours(80)),
    /**
     * The regular operational call with the client (001 §4.1 ongoing): open items, scheduled maintenance and
     * changes, the service review; every two weeks unless the kick-off agreed otherwise in configuration.
     */
    OPERATIONAL_CALL("operationalCall", "operational-call", "operational call", Period.ofWeeks(2), Duration.ofHours(8)),
    /**
     * The client's service information, account plan and billing details reviewed (000 §4.1.1-4.1.2); wrong
     * client data raises a data-correction ticket (002 configuration management).
     */
    ACCOUNT_REVIEW(
            "accountReview",
            "account-review",
            "review of service information, account plan and billing details",
            Period.ofMonths(3),
            Duration.ofHours(40));

    private final String prefix;
    private final String property;
    private final String label;
    private final Period defaultCycle;
    private final Duration defaultTimeToComplete;

    CadenceItem(String prefix, String property, String label, Period defaultCycle, Duration defaultTimeToComplete) {
        this.prefix = prefix;
        this.property = property;
        this.label = label;
        this.defaultCycle = defaultCycle;
        this.defaultTimeToComplete = defaultTimeToComplete;
    }

    /** Whether the client gets this item now: by its current tier and whether a continuity plan was agreed. */
    public boolean appliesTo(CsmTier tier, boolean continuityTestAgreed) {
        return switch (this) {
            case CONTACT_UPDATE -> tier == CsmTier.ENHANCED;
            case QUARTERLY_REVIEW -> tier != CsmTier.ENHANCED;
            case CONTINUITY_TEST -> continuityTestAgreed;
            default -> true;
        };
    }

    public String prefix() {
        return prefix;
    }

    String property() {
        return property;
    }

    public String label() {
        return label;
    }

    Period defaultCycle() {
        return defaultCycle;
    }

    Duration defaultTimeToComplete() {
        return defaultTimeToComplete;
    }

    String at() {
        return prefix + "At";
    }

    String due() {
        return prefix + "Due";
    }

    String applies() {
        return prefix + "Applies";
    }

    String cycle() {
        return prefix + "Cycle";
    }

    String text() {
        return prefix + "Text";
    }
}
