package com.csmflow.servicerequest;

import static com.csmflow.servicerequest.ServiceBodies.blankToNull;

import com.csmflow.api.PageParameters;
import com.csmflow.servicerequest.ServiceViews.RequestView;
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

/** Clients' requests for new services, taken in by the DC Head or sales (seed 003 §2.2.1 step 1). */
@RestController
@RequestMapping("/api/service-requests")
class ServiceRequestController {

    private final ServiceRequestService service;

    ServiceRequestController(ServiceRequestService service) {
        this.service = service;
    }

    @ApiResponse(
            responseCode = "201",
            description = "Recorded: the DC Head's go/no-go task is open, with the status summary and recommendation",
            headers = @Header(name = "Location", description = "Path of the new service request"))
    @PostMapping
    ResponseEntity<RequestView> submit(@Valid @RequestBody ServiceRequestBody body) {
        RequestView created = service.submit(body);
        return ResponseEntity.created(URI.create("/api/service-requests/" + created.reference()))
                .body(created);
    }

    @ApiResponse(responseCode = "200", description = "The request, its status summary, recommendation and decision")
    @ApiResponse(responseCode = "404", description = "No service request with this reference")
    @GetMapping("/{reference}")
    RequestView get(@PathVariable String reference) {
        return service.request(reference);
    }

    @ApiResponse(responseCode = "200", description = "Service requests, newest first, paged")
    @GetMapping
    ResponseEntity<List<RequestView>> list(
            @RequestParam(required = false) String client,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(
                service.requests(blankToNull(client), blankToNull(status), new PageParameters(page, size)));
    }
}
