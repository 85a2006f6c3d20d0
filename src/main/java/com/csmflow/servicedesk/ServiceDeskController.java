package com.csmflow.servicedesk;

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

/** The service desk register: a client's request (move, add, change, delete or other) and its SLA-bound handling. */
@RestController
@RequestMapping("/api/service-desk-requests")
class ServiceDeskController {

    private final ServiceDeskRequests service;

    ServiceDeskController(ServiceDeskRequests service) {
        this.service = service;
    }

    record NewServiceDeskRequest(
            @NotBlank @Size(max = 64) String clientReference,
            @NotBlank String category,
            @NotBlank String priority,
            @NotBlank @Size(max = 200) String subject,
            @Size(max = 4000) String description,
            @NotBlank @Size(max = 255) String requesterEmail) {}

    record ServiceDeskRequestView(
            String reference,
            String clientReference,
            String category,
            String priority,
            String subject,
            String description,
            String requesterEmail,
            String status,
            String resolution,
            String handledBy,
            Instant createdAt,
            Instant handledAt,
            String processInstanceId) {
        static ServiceDeskRequestView of(ServiceDeskRequest r) {
            return new ServiceDeskRequestView(
                    r.getReference(),
                    r.getClientReference(),
                    r.getCategory(),
                    r.getPriority(),
                    r.getSubject(),
                    r.getDescription(),
                    r.getRequesterEmail(),
                    r.getStatus(),
                    r.getResolution(),
                    r.getHandledBy(),
                    r.getCreatedAt(),
                    r.getHandledAt(),
                    r.getOrigin() == null ? null : r.getOrigin().getProcessInstanceId());
        }
    }

    @ApiResponse(
            responseCode = "201",
            description = "Received: the service-desk-request workflow has started and its SLA clock runs",
            headers = @Header(name = "Location", description = "Path of the new request"))
    @PostMapping
    ResponseEntity<ServiceDeskRequestView> raise(@Valid @RequestBody NewServiceDeskRequest body) {
        ServiceDeskRequest request = service.raise(
                body.clientReference(),
                body.category(),
                body.priority(),
                body.subject(),
                body.description(),
                body.requesterEmail());
        return ResponseEntity.created(URI.create("/api/service-desk-requests/" + request.getReference()))
                .body(ServiceDeskRequestView.of(request));
    }

    @ApiResponse(responseCode = "200", description = "The service desk request")
    @ApiResponse(responseCode = "404", description = "No service desk request with this reference")
    @GetMapping("/{reference}")
    ServiceDeskRequestView get(@PathVariable String reference) {
        return ServiceDeskRequestView.of(service.find(reference));
    }

    @GetMapping
    ResponseEntity<List<ServiceDeskRequestView>> list(
            @RequestParam(required = false) String clientReference,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(
                service.list(
                        blankToNull(clientReference),
                        blankToNull(category) == null ? null : ServiceDeskRequests.category(category),
                        blankToNull(status) == null ? null : ServiceDeskRequests.status(status),
                        new PageParameters(page, size)),
                ServiceDeskRequestView::of);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
