package com.csmflow.problem;

import com.csmflow.api.PageParameters;
import com.csmflow.problem.ProblemApi.NewAction;
import com.csmflow.problem.ProblemApi.OpenProblem;
import com.csmflow.problem.ProblemApi.ProblemView;
import com.csmflow.problem.ProblemApi.SipActionView;
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

/** The problem register: open a problem (starts problem-rca), read problems, add an action later. */
@RestController
@RequestMapping("/api/problems")
class ProblemController {

    private final ProblemService problems;

    ProblemController(ProblemService problems) {
        this.problems = problems;
    }

    @ApiResponse(
            responseCode = "201",
            description = "Opened: the problem-rca workflow has started",
            headers = @Header(name = "Location", description = "Path of the new problem"))
    @PostMapping
    ResponseEntity<ProblemView> open(@Valid @RequestBody OpenProblem request) {
        Problem problem = problems.open(
                request.clientReference(),
                request.sourceType(),
                request.sourceReference(),
                request.summary().trim(),
                request.priority(),
                null);
        return ResponseEntity.created(URI.create("/api/problems/" + problem.getReference()))
                .body(ProblemView.of(problems.find(problem.getReference())));
    }

    @GetMapping
    ResponseEntity<List<ProblemView>> list(
            @RequestParam(required = false) String clientReference,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(
                problems.list(
                        ProblemApi.blankToNull(clientReference),
                        ProblemApi.status(status, ProblemStatus.class),
                        new PageParameters(page, size)),
                ProblemView::of);
    }

    @ApiResponse(responseCode = "200", description = "The problem")
    @ApiResponse(responseCode = "404", description = "No problem with this reference")
    @GetMapping("/{reference}")
    ProblemView get(@PathVariable String reference) {
        return ProblemView.of(problems.find(reference));
    }

    @ApiResponse(
            responseCode = "201",
            description = "The SIP action, followed up with the problem's others",
            headers = @Header(name = "Location", description = "Path of the new SIP action"))
    @ApiResponse(responseCode = "404", description = "No problem with this reference")
    @ApiResponse(
            responseCode = "409",
            description = "The problem's RCA has not been sent yet, or the problem is closed")
    @PostMapping("/{reference}/actions")
    ResponseEntity<SipActionView> addAction(@PathVariable String reference, @Valid @RequestBody NewAction request) {
        SipAction action = problems.addAction(reference, request.description(), request.owner(), request.targetDate());
        return ResponseEntity.created(URI.create("/api/sip-actions/" + action.getReference()))
                .body(SipActionView.of(action));
    }
}
