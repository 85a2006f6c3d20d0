package com.csmflow.client;

import com.csmflow.api.ConflictException;
import com.csmflow.api.PageParameters;
import com.csmflow.client.ClientConstraints.OnCreate;
import com.csmflow.client.ClientConstraints.OnUpdate;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The client register (customer database). Every authenticated user may read it; the roles that look
 * after clients (CSM, service manager, account manager) and administrators may change it.
 */
@RestController
@RequestMapping("/api/clients")
class ClientController {

    private final ClientService service;

    ClientController(ClientService service) {
        this.service = service;
    }

    @ApiResponse(
            responseCode = "201",
            description = "Created",
            headers = @Header(name = "Location", description = "Path of the new client"))
    @ApiResponse(
            responseCode = "409",
            description = "A client with this reference exists, or a contract belongs to another client")
    @PostMapping
    ResponseEntity<ClientResponse> create(@Validated(OnCreate.class) @RequestBody ClientRequest request) {
        ClientResponse created = service.create(request);
        return ResponseEntity.created(URI.create("/api/clients/" + created.reference()))
                .body(created);
    }

    @ApiResponse(responseCode = "200", description = "The client")
    @ApiResponse(responseCode = "404", description = "No client with this reference")
    @GetMapping("/{reference}")
    ClientResponse get(@PathVariable String reference) {
        return service.get(reference);
    }

    @GetMapping
    ClientPage list(
            @RequestParam(required = false) CsmTier tier,
            @RequestParam(defaultValue = "false") boolean includeRetired,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return service.list(tier, includeRetired, new PageParameters(page, size));
    }

    @ApiResponse(responseCode = "200", description = "The client as saved")
    @ApiResponse(responseCode = "404", description = "No client with this reference")
    @ApiResponse(
            responseCode = "409",
            description =
                    "The client is retired, was changed by someone else since it was read (version), or a contract belongs to another client")
    @PutMapping("/{reference}")
    ClientResponse update(
            @PathVariable String reference, @Validated(OnUpdate.class) @RequestBody ClientRequest request) {
        try {
            return service.update(reference, request);
        } catch (ConcurrencyFailureException concurrentUpdate) {
            // someone else committed between our version check and our flush (or won a lock race)
            throw new ConflictException("Client '" + reference + "' was changed by someone else: reload and try again");
        }
    }

    @ApiResponse(responseCode = "200", description = "The retired client")
    @ApiResponse(responseCode = "404", description = "No client with this reference")
    @ApiResponse(
            responseCode = "409",
            description = "The client is already retired, or was changed by someone else meanwhile")
    @PostMapping("/{reference}/retire")
    ClientResponse retire(@PathVariable String reference) {
        try {
            return service.retire(reference);
        } catch (ConcurrencyFailureException concurrentUpdate) {
            throw new ConflictException("Client '" + reference + "' was changed by someone else: reload and try again");
        }
    }

    /** Same as retire: clients are never physically deleted, their history stays. */
    @ApiResponse(responseCode = "200", description = "The retired client")
    @ApiResponse(responseCode = "404", description = "No client with this reference")
    @ApiResponse(
            responseCode = "409",
            description = "The client is already retired, or was changed by someone else meanwhile")
    @DeleteMapping("/{reference}")
    ClientResponse delete(@PathVariable String reference) {
        return retire(reference);
    }
}
