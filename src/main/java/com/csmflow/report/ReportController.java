package com.csmflow.report;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.PageParameters;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Stored service reports (HTML for the browser, PDF for the client) and the KPIs. */
@RestController
class ReportController {

    private final ServiceReports reports;
    private final Kpis kpis;

    ReportController(ServiceReports reports, Kpis kpis) {
        this.reports = reports;
        this.kpis = kpis;
    }

    @ApiResponse(responseCode = "200", description = "Stored reports, newest period first; paged (X-Total-Count, Link)")
    @ApiResponse(responseCode = "400", description = "A filter or paging parameter is invalid")
    @GetMapping("/api/reports")
    ResponseEntity<List<ServiceReports.ReportSummary>> list(
            @Parameter(description = "Only this client's reports") @RequestParam(required = false)
                    String clientReference,
            @Parameter(description = "MONTH, QUARTER or YEAR") @RequestParam(required = false) String periodKind,
            @Parameter(description = "Only the report of this review") @RequestParam(required = false)
                    String reviewReference,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(reports.list(
                blankToNull(clientReference),
                kind(periodKind),
                blankToNull(reviewReference),
                new PageParameters(page, size)));
    }

    @ApiResponse(responseCode = "200", description = "The report as HTML, charts embedded")
    @ApiResponse(responseCode = "404", description = "No such report")
    @GetMapping("/api/reports/{id}")
    ResponseEntity<String> html(@PathVariable String id) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .body(reports.html(id(id)));
    }

    @ApiResponse(responseCode = "200", description = "The report as PDF")
    @ApiResponse(responseCode = "404", description = "No such report")
    @GetMapping("/api/reports/{id}.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String id) {
        long reportId = id(id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"service-report-" + reportId + ".pdf\"")
                .body(reports.pdf(reportId));
    }

    @ApiResponse(responseCode = "200", description = "KPIs of the period for the client, or the whole provider")
    @ApiResponse(responseCode = "400", description = "Unknown client or malformed period")
    @GetMapping("/api/kpis")
    Kpis.KpiSet kpis(
            @Parameter(description = "Only this client; the whole provider when absent") @RequestParam(required = false)
                    String clientReference,
            @Parameter(description = "2026-12, 2026-Q4 or 2026; the last completed month when absent")
                    @RequestParam(required = false)
                    String period) {
        return kpis.kpis(blankToNull(clientReference), blankToNull(period));
    }

    private static long id(String id) {
        try {
            long value = Long.parseLong(id);
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("id", "must be a report id (a positive number)");
        }
    }

    private static PeriodKind kind(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return PeriodKind.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("periodKind", "must be MONTH, QUARTER or YEAR");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
