package com.csmflow.infosec;

import com.csmflow.api.PageParameters;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
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
 * The security events register (seed 004 PR6.4): a SIEM, the client's system or staff report an event;
 * isec, IT and the SM and DM of the event's service read it.
 */
@RestController
@RequestMapping("/api/security-events")
class SecurityEventController {

    private final SecurityEvents service;

    SecurityEventController(SecurityEvents service) {
        this.service = service;
    }

    record NewSecurityEvent(
            @NotBlank @Size(max = 64) String clientReference,
            @Size(max = 32) String serviceReference,
            @NotBlank @Size(max = 32) String eventType,
            @Size(max = 200) String asset,
            @Size(max = 16) String assetCriticality,
            @NotNull Boolean personalData,
            @NotBlank @Size(max = 4000) String description,
            @Size(max = 32) String source,
            // an asset of the client's inventory (/api/security-assets): its name and criticality are used
            @Size(max = 32) String assetReference) {}

    /** What the reporter gets back: the reference to quote, nothing of the register's content. */
    record Receipt(String reference, String status, Instant receivedAt) {}

    record SecurityEventView(
            String reference,
            String clientReference,
            String serviceReference,
            String eventType,
            String asset,
            String assetReference,
            String assetCriticality,
            boolean personalData,
            String description,
            String source,
            String reportedBy,
            String status,
            String severity,
            String priority,
            boolean incident,
            boolean escalated,
            boolean informClient,
            String actionsTaken,
            Boolean causeKnown,
            String cause,
            String lessons,
            String resolution,
            String handledBy,
            Instant handledAt,
            boolean problemRequested,
            String planFeedback,
            Integer planVersion,
            Instant createdAt,
            String processInstanceId) {
        static SecurityEventView of(SecurityEvent e) {
            return new SecurityEventView(
                    e.getReference(),
                    e.getClientReference(),
                    e.getServiceReference(),
                    e.getEventType(),
                    e.getAsset(),
                    e.getAssetReference(),
                    e.getAssetCriticality().name(),
                    e.isPersonalData(),
                    e.getDescription(),
                    e.getSource(),
                    e.getReportedBy(),
                    e.getStatus().name(),
                    e.getSeverity() == null ? null : e.getSeverity().name(),
                    e.getPriority(),
                    e.isIncident(),
                    e.isEscalated(),
                    e.isInformClient(),
                    e.getActionsTaken(),
                    e.getCauseKnown(),
                    e.getCause(),
                    e.getLessons(),
                    e.getResolution(),
                    e.getHandledBy(),
                    e.getHandledAt(),
                    e.isProblemRequested(),
                    e.getPlanFeedback().name(),
                    e.getPlanVersion(),
                    e.getCreatedAt(),
                    e.getOrigin() == null ? null : e.getOrigin().getProcessInstanceId());
        }
    }

    @ApiResponse(
            responseCode = "201",
            description = "Recorded: the security-event workflow has classified it and its handling clock runs",
            headers = @Header(name = "Location", description = "Path of the new security event"))
    @PostMapping
    ResponseEntity<Receipt> raise(@Valid @RequestBody NewSecurityEvent body) {
        SecurityEvent event = service.raise(new SecurityEvents.Report(
                body.clientReference(),
                body.serviceReference(),
                body.eventType(),
                body.asset(),
                body.assetCriticality(),
                body.personalData(),
                body.description(),
                body.source(),
                body.assetReference()));
        return ResponseEntity.created(URI.create("/api/security-events/" + event.getReference()))
                .body(new Receipt(event.getReference(), event.getStatus().name(), event.getCreatedAt()));
    }

    @ApiResponse(responseCode = "200", description = "The security event")
    @ApiResponse(responseCode = "404", description = "No security event with this reference that the caller may read")
    @GetMapping("/{reference}")
    SecurityEventView get(@PathVariable String reference) {
        return SecurityEventView.of(service.find(reference));
    }

    @GetMapping
    ResponseEntity<List<SecurityEventView>> list(
            @RequestParam(required = false) String clientReference,
            @RequestParam(required = false) String serviceReference,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(
                service.list(
                        SecurityEvents.blankToNull(clientReference),
                        SecurityEvents.blankToNull(serviceReference),
                        SecurityEvents.blankToNull(severity) == null ? null : SecurityEvents.severity(severity),
                        SecurityEvents.blankToNull(status) == null ? null : SecurityEvents.status(status),
                        new PageParameters(page, size)),
                SecurityEventView::of);
    }
}
