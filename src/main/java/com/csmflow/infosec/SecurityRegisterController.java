package com.csmflow.infosec;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.PageParameters;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The controls register ({@code /api/security-controls}, F11) and the asset inventory with its risk
 * assessment ({@code /api/security-assets}, F15): recorded by isec (assets also by IT), read by isec, IT
 * and the service's SM and DM.
 */
@RestController
class SecurityRegisterController {

    private final SecurityRegisters registers;

    SecurityRegisterController(SecurityRegisters registers) {
        this.registers = registers;
    }

    record ControlView(
            String reference,
            String clientReference,
            String serviceReference,
            String name,
            String description,
            String category,
            String owner,
            String reviewCycle,
            LocalDate nextReviewOn,
            String status,
            Instant lastReviewedAt,
            String lastReviewedBy,
            String reviewNotes,
            Instant createdAt) {
        static ControlView of(SecurityControl c) {
            return new ControlView(
                    c.getReference(),
                    c.getClientReference(),
                    c.getServiceReference(),
                    c.getName(),
                    c.getDescription(),
                    c.getCategory().name(),
                    c.getOwner(),
                    c.getReviewCycle(),
                    c.getNextReviewOn(),
                    c.getStatus().name(),
                    c.getLastReviewedAt(),
                    c.getLastReviewedBy(),
                    c.getReviewNotes(),
                    c.getCreatedAt());
        }
    }

    record AssetView(
            String reference,
            String clientReference,
            String serviceReference,
            String name,
            String assetType,
            String owner,
            String criticality,
            boolean personalData,
            String threats,
            String vulnerabilities,
            int likelihood,
            int impact,
            int riskScore,
            String riskLevel,
            String treatment,
            String assessedBy,
            Instant assessedAt,
            String status) {
        static AssetView of(SecurityAsset a) {
            return new AssetView(
                    a.getReference(),
                    a.getClientReference(),
                    a.getServiceReference(),
                    a.getName(),
                    a.getAssetType().name(),
                    a.getOwner(),
                    a.getCriticality().name(),
                    a.isPersonalData(),
                    a.getThreats(),
                    a.getVulnerabilities(),
                    a.getLikelihood(),
                    a.getImpact(),
                    a.getRiskScore(),
                    a.getRiskLevel().name(),
                    a.getTreatment(),
                    a.getAssessedBy(),
                    a.getAssessedAt(),
                    a.getStatus());
        }
    }

    @ApiResponse(
            responseCode = "201",
            description = "Recorded in the controls register; due for its first review on firstReviewOn"
                    + " (default: one review cycle from today)",
            headers = @Header(name = "Location", description = "Path of the new control"))
    @PostMapping("/api/security-controls")
    ResponseEntity<ControlView> addControl(@RequestBody SecurityRegisters.NewControl body) {
        SecurityControl control = registers.addControl(body);
        return ResponseEntity.created(URI.create("/api/security-controls/" + control.getReference()))
                .body(ControlView.of(control));
    }

    @ApiResponse(responseCode = "200", description = "The control")
    @ApiResponse(responseCode = "404", description = "No control with this reference that the caller may read")
    @GetMapping("/api/security-controls/{reference}")
    ControlView control(@PathVariable String reference) {
        return ControlView.of(registers.control(reference));
    }

    /** Due first; {@code dueBy=2026-12-31} for the controls due for review by that day. */
    @GetMapping("/api/security-controls")
    ResponseEntity<List<ControlView>> controls(
            @RequestParam(required = false) String clientReference,
            @RequestParam(required = false) String serviceReference,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String dueBy,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        PageParameters paging = new PageParameters(page, size);
        return PageParameters.response(
                registers.controls(
                        SecurityEvents.blankToNull(clientReference),
                        SecurityEvents.blankToNull(serviceReference),
                        SecurityEvents.blankToNull(status) == null
                                ? null
                                : SecurityEvents.named("status", status, ControlStatus.class),
                        date("dueBy", dueBy),
                        paging),
                ControlView::of);
    }

    @ApiResponse(
            responseCode = "201",
            description = "Recorded in the asset inventory with its risk assessment (score = likelihood x impact)",
            headers = @Header(name = "Location", description = "Path of the new asset"))
    @PostMapping("/api/security-assets")
    ResponseEntity<AssetView> addAsset(@RequestBody SecurityRegisters.NewAsset body) {
        SecurityAsset asset = registers.addAsset(body);
        return ResponseEntity.created(URI.create("/api/security-assets/" + asset.getReference()))
                .body(AssetView.of(asset));
    }

    @ApiResponse(responseCode = "200", description = "The asset and its risk assessment")
    @ApiResponse(responseCode = "404", description = "No asset with this reference that the caller may read")
    @GetMapping("/api/security-assets/{reference}")
    AssetView asset(@PathVariable String reference) {
        return AssetView.of(registers.asset(reference));
    }

    /** Highest risk first. */
    @GetMapping("/api/security-assets")
    ResponseEntity<List<AssetView>> assets(
            @RequestParam(required = false) String clientReference,
            @RequestParam(required = false) String serviceReference,
            @RequestParam(required = false) String riskLevel,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        PageParameters paging = new PageParameters(page, size);
        return PageParameters.response(
                registers.assets(
                        SecurityEvents.blankToNull(clientReference),
                        SecurityEvents.blankToNull(serviceReference),
                        SecurityEvents.blankToNull(riskLevel) == null
                                ? null
                                : SecurityEvents.named("riskLevel", riskLevel, AssetCriticality.class),
                        paging),
                AssetView::of);
    }

    private static LocalDate date(String field, String value) {
        String text = SecurityEvents.blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "must be a date like 2026-12-31");
        }
    }
}
