package com.csmflow.problem;

import com.csmflow.api.PageParameters;
import com.csmflow.problem.ProblemApi.IncidentView;
import com.csmflow.problem.ProblemApi.ReportIncident;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Client incidents per service/CI (from the service desk or the client's ITSM tool). Recording one may
 * open a chronic-incident problem; the answer says whether it did and which problem it belongs to.
 */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {

    private final ChronicIncidentService service;
    private final ClientIncidentRepository incidents;

    IncidentController(ChronicIncidentService service, ClientIncidentRepository incidents) {
        this.service = service;
        this.incidents = incidents;
    }

    @ApiResponse(responseCode = "409", description = "This incident of this client is already recorded")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IncidentView report(@Valid @RequestBody ReportIncident request) {
        return IncidentView.of(service.record(
                request.clientReference(),
                request.incidentReference(),
                request.serviceKey(),
                request.summary(),
                request.priority()));
    }

    @GetMapping
    ResponseEntity<List<Map<String, Object>>> list(
            @RequestParam String clientReference,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        PageParameters paging = new PageParameters(page, size);
        return PageParameters.response(
                incidents.findByClientReference(clientReference, paging.sortedBy(Sort.by(Sort.Order.desc("id")))),
                incident -> Map.<String, Object>of(
                        "incidentReference", incident.getIncidentReference(),
                        "serviceKey", incident.getServiceKey(),
                        "reportedAt", incident.getReportedAt(),
                        "problemReference",
                                incident.getProblemReference() == null ? "" : incident.getProblemReference()));
    }
}
