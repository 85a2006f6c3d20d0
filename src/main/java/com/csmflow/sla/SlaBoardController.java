package com.csmflow.sla;

import com.csmflow.api.PageParameters;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The managers' SLA board (Cockpit's "SLA board" page reads it): open clocks and this month's compliance. */
@RestController
@RequestMapping("/api/sla")
class SlaBoardController {

    private final SlaBoard board;

    SlaBoardController(SlaBoard board) {
        this.board = board;
    }

    @ApiResponse(
            responseCode = "200",
            description = "Open clocks: breached first, then warned, then the rest, each by due; paged"
                    + " (X-Total-Count, Link)")
    @ApiResponse(responseCode = "400", description = "A paging parameter is out of range")
    @GetMapping("/board")
    ResponseEntity<List<SlaClockRow>> board(
            @Parameter(description = "Only this client's clocks") @RequestParam(required = false)
                    String clientReference,
            @Parameter(description = "Only clocks on this target metric, e.g. escalation.resolution")
                    @RequestParam(required = false)
                    String metric,
            @Parameter(description = "Only cases with an open task for this candidate group, e.g. csm")
                    @RequestParam(required = false)
                    String group,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(
                board.open(
                        blankToNull(clientReference),
                        blankToNull(metric),
                        blankToNull(group),
                        new PageParameters(page, size)),
                SlaClockRow::of);
    }

    @ApiResponse(
            responseCode = "200",
            description = "Per client and target, the clocks stopped in the month (UTC): met, breached, percent met")
    @ApiResponse(responseCode = "400", description = "The month is not YYYY-MM")
    @GetMapping("/compliance")
    List<SlaBoard.Compliance> compliance(
            @Parameter(description = "Only this client") @RequestParam(required = false) String clientReference,
            @Parameter(description = "Only this target metric") @RequestParam(required = false) String metric,
            @Parameter(description = "The month as YYYY-MM (UTC); this month when absent")
                    @RequestParam(required = false)
                    String month) {
        return board.compliance(blankToNull(clientReference), blankToNull(metric), blankToNull(month));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
