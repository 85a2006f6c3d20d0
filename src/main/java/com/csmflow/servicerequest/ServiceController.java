package com.csmflow.servicerequest;

import static com.csmflow.servicerequest.ServiceBodies.blankToNull;

import com.csmflow.api.PageParameters;
import com.csmflow.servicerequest.ServiceViews.ProfileView;
import com.csmflow.servicerequest.ServiceViews.ResourceView;
import com.csmflow.servicerequest.ServiceViews.ServiceView;
import com.csmflow.servicerequest.ServiceViews.WorkRecordView;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service register (services with SM, DM, scope of work, team and allocations), what happens on
 * demand in a running service (end it, ask for, add or retire a resource), the inventory, the service's
 * records and the staff profiles.
 */
@RestController
class ServiceController {

    private final ServiceRequestService service;

    ServiceController(ServiceRequestService service) {
        this.service = service;
    }

    @ApiResponse(responseCode = "200", description = "Services, by reference, paged")
    @GetMapping("/api/services")
    ResponseEntity<List<ServiceView>> services(
            @RequestParam(required = false) String client,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String manager,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(service.services(
                blankToNull(client), blankToNull(status), blankToNull(manager), new PageParameters(page, size)));
    }

    @ApiResponse(responseCode = "200", description = "The service with its team and allocations")
    @ApiResponse(responseCode = "404", description = "No service with this reference")
    @GetMapping("/api/services/{reference}")
    ServiceView get(@PathVariable String reference) {
        return service.service(reference);
    }

    @ApiResponse(
            responseCode = "202",
            description = "The service's life is interrupted; SM, DM and DC Head consolidate")
    @ApiResponse(responseCode = "404", description = "No service with this reference")
    @ApiResponse(responseCode = "409", description = "The service has ended or is ending already")
    @PostMapping("/api/services/{reference}/end")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ServiceView end(@PathVariable String reference, @Valid @RequestBody ServiceBodies.EndRequest body) {
        return service.end(reference, body);
    }

    @ApiResponse(responseCode = "202", description = "The request waits for the DM's or IT's approval")
    @ApiResponse(responseCode = "404", description = "No service with this reference")
    @ApiResponse(responseCode = "409", description = "The service has ended")
    @PostMapping("/api/services/{reference}/resource-requests")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requestResource(@PathVariable String reference, @Valid @RequestBody ServiceBodies.ResourceRequest body) {
        service.requestResource(reference, body);
    }

    @ApiResponse(responseCode = "202", description = "The addition waits for the SM's or DM's approval")
    @ApiResponse(responseCode = "404", description = "No service with this reference")
    @ApiResponse(responseCode = "409", description = "The service has ended")
    @PostMapping("/api/services/{reference}/resource-additions")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requestAddition(@PathVariable String reference, @Valid @RequestBody ServiceBodies.ResourceAddition body) {
        service.requestAddition(reference, body);
    }

    @ApiResponse(responseCode = "202", description = "IT releases the resource and updates the inventory")
    @ApiResponse(responseCode = "404", description = "No service with this reference")
    @ApiResponse(responseCode = "409", description = "The service has ended")
    @PostMapping("/api/services/{reference}/resource-retirements")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requestRetirement(@PathVariable String reference, @Valid @RequestBody ServiceBodies.ResourceRetirement body) {
        service.requestRetirement(reference, body);
    }

    @ApiResponse(
            responseCode = "200",
            description = "The service's records; personal ones only for CM, HR, its SM and DM")
    @ApiResponse(responseCode = "403", description = "A personal kind asked for by someone who may not read it")
    @ApiResponse(responseCode = "404", description = "No service with this reference")
    @GetMapping("/api/services/{reference}/records")
    ResponseEntity<List<WorkRecordView>> records(
            @PathVariable String reference,
            @RequestParam(required = false) String kind,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(service.records(reference, blankToNull(kind), new PageParameters(page, size)));
    }

    @ApiResponse(responseCode = "200", description = "The resource inventory, paged")
    @GetMapping("/api/resources")
    ResponseEntity<List<ResourceView>> resources(
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String type,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(this.service.resources(
                blankToNull(service), blankToNull(status), blankToNull(type), new PageParameters(page, size)));
    }

    @ApiResponse(responseCode = "200", description = "Staff profiles (personal data), paged")
    @GetMapping("/api/staff-profiles")
    ResponseEntity<List<ProfileView>> profiles(
            @RequestParam(required = false) String skill,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(service.profiles(blankToNull(skill), new PageParameters(page, size)));
    }

    @ApiResponse(responseCode = "200", description = "One person's profile")
    @ApiResponse(responseCode = "403", description = "Not the CM, HR, the person or an SM/DM of the person's services")
    @ApiResponse(responseCode = "404", description = "No profile for this user")
    @GetMapping("/api/staff-profiles/{userId}")
    ProfileView profile(@PathVariable String userId) {
        return service.profile(userId);
    }

    @ApiResponse(responseCode = "200", description = "The profile, created or replaced")
    @PutMapping("/api/staff-profiles/{userId}")
    ProfileView putProfile(@PathVariable String userId, @Valid @RequestBody ServiceBodies.ProfileBody body) {
        return service.putProfile(userId, body);
    }
}
