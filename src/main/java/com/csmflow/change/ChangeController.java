package com.csmflow.change;

import com.csmflow.api.PageParameters;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The change register. Staff and client systems (through a technical user in one of the starter groups)
 * raise changes; every authenticated user may read them.
 */
@RestController
@RequestMapping("/api/changes")
class ChangeController {

    private final ChangeService service;

    ChangeController(ChangeService service) {
        this.service = service;
    }

    @ApiResponse(
            responseCode = "201",
            description = "Raised: the change-request workflow has started",
            headers = @Header(name = "Location", description = "Path of the new change"))
    @PostMapping
    ResponseEntity<ChangeView> raise(@Valid @RequestBody ChangeRequestBody body) {
        ChangeView created = service.raise(body);
        return ResponseEntity.created(URI.create("/api/changes/" + created.reference()))
                .body(created);
    }

    @ApiResponse(responseCode = "200", description = "The change after the client's advisory board decision")
    @ApiResponse(responseCode = "400", description = "A field is missing or invalid; the problem detail names it")
    @ApiResponse(responseCode = "404", description = "No change with this reference")
    @ApiResponse(
            responseCode = "409",
            description = "The change is not waiting for the client's advisory board decision")
    @PostMapping("/{reference}/client-approval")
    ChangeView clientApproval(@PathVariable String reference, @Valid @RequestBody ClientApprovalBody body) {
        return service.clientApproval(reference, body);
    }

    @ApiResponse(responseCode = "200", description = "The change, its open steps, votes and SLA clocks")
    @ApiResponse(responseCode = "404", description = "No change with this reference")
    @GetMapping("/{reference}")
    ChangeView get(@PathVariable String reference) {
        return service.get(reference);
    }

    @GetMapping
    ResponseEntity<List<ChangeView>> list(
            @RequestParam(required = false) String client,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    OffsetDateTime windowFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime windowTo,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(service.list(
                blankToNull(client), blankToNull(status), windowFrom, windowTo, new PageParameters(page, size)));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
