package com.csmflow.report;

import java.time.Instant;
import java.util.Optional;

/**
 * What other capabilities may add to a report without the report depending on them: a bean of one of these
 * types is used when present (the satisfaction surveys, the hours ledger); without it the report says that no
 * such data is recorded.
 */
public final class ReportSources {

    private ReportSources() {}

    /** Survey answers of a client in {@code [from, to)}: how many, and their mean score. */
    public interface SatisfactionSource {
        Optional<Score> satisfaction(String clientReference, Instant from, Instant to);
    }

    public record Score(long responses, double meanScore) {}

    /** Hours used by a client in {@code [from, to)} from the hours ledger. */
    public interface HoursLedgerSource {
        Optional<Double> hoursUsed(String clientReference, Instant from, Instant to);
    }
}
