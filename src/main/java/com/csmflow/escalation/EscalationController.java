package com.csmflow.escalation;

import com.csmflow.api.PageParameters;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The escalation register and the client side of the escalation workflow. Client systems call it with an
 * account in one of the staff roles below (there is no separate client role yet).
 */
@RestController
@RequestMapping("/api/escalations")
class EscalationController {

    private final EscalationService service;

    EscalationController(EscalationService service) {
        this.service = service;
    }

    @ApiResponse(
            responseCode = "201",
            description = "Raised: the escalation workflow has started",
            headers = @Header(name = "Location", description = "Path of the new escalation"))
    @PostMapping
    ResponseEntity<EscalationView> raise(@Valid @RequestBody EscalationRequests.Raise request) {
        EscalationView created = service.raise(request);
        return ResponseEntity.created(URI.create("/api/escalations/" + created.reference()))
                .body(created);
    }

    @ApiResponse(responseCode = "200", description = "The escalation after the client's information arrived")
    @ApiResponse(responseCode = "404", description = "No escalation with this reference")
    @ApiResponse(responseCode = "409", description = "The escalation is not waiting for information from the client")
    @PostMapping("/{reference}/client-response")
    EscalationView clientResponse(
            @PathVariable String reference, @Valid @RequestBody EscalationRequests.ClientResponse request) {
        return service.clientResponse(reference, request);
    }

    @ApiResponse(responseCode = "200", description = "The escalation after the client's answer")
    @ApiResponse(responseCode = "404", description = "No escalation with this reference")
    @ApiResponse(
            responseCode = "409",
            description = "The escalation is not waiting for the client to confirm a resolution")
    @PostMapping("/{reference}/client-confirmation")
    EscalationView clientConfirmation(
            @PathVariable String reference, @Valid @RequestBody EscalationRequests.ClientConfirmation request) {
        return service.clientConfirmation(reference, request);
    }

    @ApiResponse(responseCode = "200", description = "The escalation and its events")
    @ApiResponse(responseCode = "404", description = "No escalation with this reference")
    @GetMapping("/{reference}")
    EscalationView get(@PathVariable String reference) {
        return service.get(reference);
    }

    @GetMapping
    ResponseEntity<List<EscalationView>> list(
            @RequestParam(required = false) String clientReference,
            @RequestParam(required = false) EscalationStatus status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(service.list(clientReference, status, new PageParameters(page, size)));
    }
}
