package com.csmflow.complaint;

import com.csmflow.api.PageParameters;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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

/** The complaint register: a client's complaint, acknowledged within its target and closed with the client's agreement. */
@RestController
@RequestMapping("/api/complaints")
class ComplaintController {

    private final Complaints service;

    ComplaintController(Complaints service) {
        this.service = service;
    }

    record NewComplaint(
            @NotBlank @Size(max = 64) String clientReference,
            @NotBlank @Size(max = 320) String contact,
            @NotBlank String category,
            String priority,
            @NotBlank @Size(max = 4000) String description) {}

    record ClientAgreement(Boolean agreed, @Size(max = 4000) String note) {}

    record ComplaintView(
            String reference,
            String clientReference,
            String contact,
            String category,
            String priority,
            String description,
            String status,
            String handlerGroup,
            String acknowledgedBy,
            Instant acknowledgedAt,
            String resolution,
            String followUp,
            String followUpReference,
            String handledBy,
            String clientAgreement,
            Instant createdAt,
            Instant closedAt,
            String processInstanceId) {
        static ComplaintView of(Complaint c) {
            return new ComplaintView(
                    c.getReference(),
                    c.getClientReference(),
                    c.getContact(),
                    c.getCategory().name(),
                    c.getPriority(),
                    c.getDescription(),
                    c.getStatus().name(),
                    c.getHandlerGroup(),
                    c.getAcknowledgedBy(),
                    c.getAcknowledgedAt(),
                    c.getResolution(),
                    c.getFollowUp() == null ? null : c.getFollowUp().name(),
                    c.getFollowUpReference(),
                    c.getHandledBy(),
                    c.getClientAgreement(),
                    c.getCreatedAt(),
                    c.getClosedAt(),
                    c.getOrigin() == null ? null : c.getOrigin().getProcessInstanceId());
        }
    }

    @ApiResponse(
            responseCode = "201",
            description = "Received: the complaint workflow has started and its acknowledgement clock runs",
            headers = @Header(name = "Location", description = "Path of the new complaint"))
    @PostMapping
    ResponseEntity<ComplaintView> raise(@Valid @RequestBody NewComplaint body) {
        Complaint complaint = service.raise(
                body.clientReference(), body.contact(), body.category(), body.priority(), body.description());
        return ResponseEntity.created(URI.create("/api/complaints/" + complaint.getReference()))
                .body(ComplaintView.of(complaint));
    }

    @ApiResponse(responseCode = "200", description = "The client's answer reached the complaint")
    @ApiResponse(responseCode = "404", description = "No complaint with this reference")
    @ApiResponse(responseCode = "409", description = "The complaint is not waiting for the client's agreement")
    @PostMapping("/{reference}/client-agreement")
    ComplaintView clientAgreement(@PathVariable String reference, @Valid @RequestBody ClientAgreement body) {
        service.clientAgreement(reference, body.agreed(), body.note());
        return ComplaintView.of(service.find(reference));
    }

    @ApiResponse(responseCode = "200", description = "The complaint")
    @ApiResponse(responseCode = "404", description = "No complaint with this reference")
    @GetMapping("/{reference}")
    ComplaintView get(@PathVariable String reference) {
        return ComplaintView.of(service.find(reference));
    }

    @GetMapping
    ResponseEntity<List<ComplaintView>> list(
            @RequestParam(required = false) String clientReference,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(
                service.list(
                        blankToNull(clientReference),
                        blankToNull(category) == null ? null : Complaints.category(category),
                        blankToNull(status) == null ? null : Complaints.status(status),
                        new PageParameters(page, size)),
                ComplaintView::of);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
