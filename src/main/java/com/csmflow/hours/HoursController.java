package com.csmflow.hours;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Time entries and the monthly hours ledger of a client. Who may call what is in {@code ApiAccessRules}. */
@RestController
class HoursController {

    private final TimeEntries entries;
    private final HoursLedger ledger;
    private final Clients clients;

    HoursController(TimeEntries entries, HoursLedger ledger, Clients clients) {
        this.entries = entries;
        this.ledger = ledger;
        this.clients = clients;
    }

    /** Either {@code date} (the client's calendar day) or {@code workedAt}; either {@code minutes} or {@code hours}. */
    record TimeEntryBody(
            @NotBlank @Size(max = 64) String clientReference,
            LocalDate date,
            OffsetDateTime workedAt,
            @Positive @Max(TimeEntries.MAX_MINUTES) Integer minutes,

            @Positive @DecimalMax("24") @Digits(integer = 2, fraction = 2)
            BigDecimal hours,

            @Size(max = 64) String userId,
            @Size(max = 64) String caseReference,
            @Size(max = 2000) String note) {}

    record TimeEntryView(
            long id,
            String clientReference,
            LocalDate date,
            Instant workedAt,
            int minutes,
            BigDecimal hours,
            String userId,
            String caseReference,
            String note,
            String source,
            String taskId,
            String recordedBy,
            Instant recordedAt) {
        static TimeEntryView of(TimeEntry e) {
            return new TimeEntryView(
                    e.getId(),
                    e.getClientReference(),
                    e.getWorkDate(),
                    e.getWorkedAt(),
                    e.getMinutes(),
                    BigDecimal.valueOf(e.getMinutes())
                            .divide(BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP),
                    e.getStaffUser(),
                    e.getCaseReference(),
                    e.getNote(),
                    e.getSource().name(),
                    e.getTaskId(),
                    e.getRecordedBy(),
                    e.getRecordedAt());
        }
    }

    @ApiResponse(
            responseCode = "201",
            description = "Recorded; counted in the client's month of its day",
            headers = @Header(name = "Location", description = "Path of the month's ledger of the client"))
    @PostMapping("/api/time-entries")
    ResponseEntity<TimeEntryView> record(@Valid @RequestBody TimeEntryBody body) {
        TimeEntry saved = entries.record(new TimeEntries.NewEntry(
                body.clientReference(),
                body.date(),
                body.workedAt(),
                body.minutes(),
                body.hours(),
                body.userId(),
                body.caseReference(),
                body.note()));
        return ResponseEntity.created(URI.create("/api/clients/" + saved.getClientReference() + "/hours-ledger?month="
                        + YearMonth.from(saved.getWorkDate())))
                .body(TimeEntryView.of(saved));
    }

    @ApiResponse(responseCode = "200", description = "Time entries, newest day first, paged")
    @GetMapping("/api/time-entries")
    ResponseEntity<List<TimeEntryView>> list(
            @RequestParam(required = false) String clientReference,
            @RequestParam(required = false) String month,
            @RequestParam(required = false) String userId,
            @RequestParam(required = false) String caseReference,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(
                entries.list(clientReference, month, userId, caseReference, new PageParameters(page, size)),
                TimeEntryView::of);
    }

    @ApiResponse(responseCode = "200", description = "The client's hours of the month (default: its current month)")
    @ApiResponse(responseCode = "404", description = "No client with this reference")
    @GetMapping("/api/clients/{reference}/hours-ledger")
    HoursLedger.Ledger ledger(@PathVariable String reference, @RequestParam(required = false) String month) {
        Client client = clients.findByReference(
                        reference == null ? null : reference.strip().toUpperCase(Locale.ROOT))
                .orElseThrow(() -> new NotFoundException("Client", reference));
        YearMonth wanted;
        if (month == null || month.isBlank()) {
            wanted = ledger.currentMonth(client);
        } else {
            try {
                wanted = YearMonth.parse(month.strip());
            } catch (java.time.format.DateTimeParseException invalid) {
                throw new InvalidFieldException("month", "must be a month such as 2026-12");
            }
        }
        return ledger.of(client, wanted);
    }
}
