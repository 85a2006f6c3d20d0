package com.csmflow.client;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Supplemental packages of a contract (seed 001 §2.1): added by change request (the body names it), co-termed
 * with the contract. Who may add one is in {@code ApiAccessRules} (the client's keepers).
 */
@RestController
@RequestMapping("/api/clients/{reference}/contracts/{contractReference}/supplements")
class ContractSupplementController {

    private final ContractHours hours;

    ContractSupplementController(ContractHours hours) {
        this.hours = hours;
    }

    record SupplementBody(
            @NotBlank @Size(max = 40) String kind,
            @NotNull @Positive @Max(400) Integer hoursPerMonth,
            @NotBlank @Size(max = 7) String firstMonth,
            @NotBlank @Size(max = 64) String changeReference,
            @Size(max = 2000) String note) {}

    @ApiResponse(
            responseCode = "201",
            description = "Added to the contract, counting from its first month until the contract's term ends",
            headers =
                    @Header(
                            name = "Location",
                            description = "Path of the client, whose contracts list their supplements"))
    @ApiResponse(responseCode = "404", description = "No such client or contract")
    @ApiResponse(responseCode = "409", description = "The contract has no base package to add hours to")
    @PostMapping
    ResponseEntity<ClientResponse.SupplementView> add(
            @PathVariable String reference,
            @PathVariable String contractReference,
            @Valid @RequestBody SupplementBody body) {
        ContractSupplement added = hours.addSupplement(
                reference,
                contractReference,
                new ContractHours.SupplementRequest(
                        body.kind(), body.hoursPerMonth(), body.firstMonth(), body.changeReference(), body.note()));
        return ResponseEntity.created(URI.create(
                        "/api/clients/" + added.getContract().getClient().getReference()))
                .body(ClientResponse.SupplementView.of(added));
    }
}
