package com.csmflow.hours;

import com.csmflow.report.ReportSources;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The hours used that the service report shows beside the hours bought: the client's time entries of the
 * report's days. Report periods are whole UTC days, and an entry counts on its work date.
 */
@Component
class LedgerReportSource implements ReportSources.HoursLedgerSource {

    private final TimeEntryRepository entries;

    LedgerReportSource(TimeEntryRepository entries) {
        this.entries = entries;
    }

    @Override
    public Optional<Double> hoursUsed(String clientReference, Instant from, Instant to) {
        LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC).minusDays(1);
        long minutes = entries.minutesBetween(clientReference, first, last);
        return Optional.of(Math.round(minutes / 60.0 * 100) / 100.0);
    }
}
