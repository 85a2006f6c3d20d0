package com.csmflow.problem;

import com.csmflow.api.PageParameters;
import com.csmflow.problem.ProblemApi.NewRiskEntry;
import com.csmflow.problem.ProblemApi.NewSipAction;
import com.csmflow.problem.ProblemApi.RiskView;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The SIP register ({@code /api/sip-actions}) and the issues and risk register ({@code /api/risks}: issues and risks). */
@RestController
class SipActionController {

    private final SipActionService service;
    private final IssueRisks issueRisks;

    SipActionController(SipActionService service, IssueRisks issueRisks) {
        this.service = service;
        this.issueRisks = issueRisks;
    }

    @ApiResponse(
            responseCode = "201",
            description = "Created: its follow-up workflow has started",
            headers = @Header(name = "Location", description = "Path of the new SIP action"))
    @PostMapping("/api/sip-actions")
    ResponseEntity<SipActionView> create(@Valid @RequestBody NewSipAction request) {
        SipAction action = service.create(
                request.clientReference(),
                request.sourceType(),
                request.sourceReference(),
                request.description(),
                request.owner(),
                request.targetDate());
        return ResponseEntity.created(URI.create("/api/sip-actions/" + action.getReference()))
                .body(SipActionView.of(action));
    }

    @GetMapping("/api/sip-actions")
    ResponseEntity<List<SipActionView>> list(
            @RequestParam(required = false) String clientReference,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String sourceReference,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(
                service.list(
                        ProblemApi.blankToNull(clientReference),
                        ProblemApi.status(status, SipActionStatus.class),
                        ProblemApi.blankToNull(sourceReference),
                        new PageParameters(page, size)),
                SipActionView::of);
    }

    @ApiResponse(responseCode = "200", description = "The SIP action")
    @ApiResponse(responseCode = "404", description = "No SIP action with this reference")
    @GetMapping("/api/sip-actions/{reference}")
    SipActionView get(@PathVariable String reference) {
        return SipActionView.of(service.find(reference));
    }

    @ApiResponse(
            responseCode = "201",
            description = "Raised: an issue or a risk, its review workflow (issue-risk) has started",
            headers = @Header(name = "Location", description = "Path of the new entry"))
    @PostMapping("/api/risks")
    ResponseEntity<RiskView> raise(@Valid @RequestBody NewRiskEntry request) {
        Risk risk = issueRisks.raiseAndReview(
                request.clientReference(),
                request.entryType(),
                request.description(),
                request.owner(),
                request.reviewDate());
        return ResponseEntity.created(URI.create("/api/risks/" + risk.getReference()))
                .body(RiskView.of(risk));
    }

    @GetMapping("/api/risks")
    ResponseEntity<List<RiskView>> risks(
            @RequestParam(required = false) String clientReference,
            @RequestParam(required = false) String entryType,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(
                service.listRisks(
                        ProblemApi.blankToNull(clientReference),
                        entryType == null || entryType.isBlank() ? null : IssueRisks.entryType(entryType),
                        ProblemApi.status(status, RiskStatus.class),
                        new PageParameters(page, size)),
                RiskView::of);
    }

    @ApiResponse(responseCode = "200", description = "The risk")
    @ApiResponse(responseCode = "404", description = "No risk with this reference")
    @GetMapping("/api/risks/{reference}")
    RiskView risk(@PathVariable String reference) {
        return RiskView.of(service.findRisk(reference));
    }
}
