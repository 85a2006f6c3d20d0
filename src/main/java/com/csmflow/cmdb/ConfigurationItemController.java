package com.csmflow.cmdb;

import com.csmflow.api.ConflictException;
import com.csmflow.api.PageParameters;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CMDB: every member of staff reads it; CSMs, CSEs and service managers register and edit items
 * (who may call what is in {@code ApiAccessRules}).
 */
@RestController
@RequestMapping("/api/cis")
class ConfigurationItemController {

    private final ConfigurationItems items;

    ConfigurationItemController(ConfigurationItems items) {
        this.items = items;
    }

    record CiView(
            String reference,
            String clientReference,
            String name,
            String type,
            boolean device,
            String technologyGroup,
            String location,
            String owner,
            String status,
            String version,
            String recordedBy,
            Instant createdAt,
            Instant updatedAt,
            List<CiChangeView> changes) {
        static CiView of(ConfigurationItem item, List<ConfigurationItemChange> changes) {
            return new CiView(
                    item.getReference(),
                    item.getClientReference(),
                    item.getName(),
                    item.getType().name(),
                    item.getType().isDevice(),
                    item.getTechnologyGroup(),
                    item.getLocation(),
                    item.getOwner(),
                    item.getStatus().name(),
                    item.getVersion(),
                    item.getRecordedBy(),
                    item.getCreatedAt(),
                    item.getUpdatedAt(),
                    changes == null
                            ? null
                            : changes.stream().map(CiChangeView::of).toList());
        }
    }

    /** What one change did to the item. */
    record CiChangeView(
            String changeReference,
            String statusBefore,
            String statusAfter,
            String versionBefore,
            String versionAfter,
            String notes,
            String recordedBy,
            Instant recordedAt) {
        static CiChangeView of(ConfigurationItemChange change) {
            return new CiChangeView(
                    change.getChangeReference(),
                    change.getStatusBefore().name(),
                    change.getStatusAfter().name(),
                    change.getVersionBefore(),
                    change.getVersionAfter(),
                    change.getNotes(),
                    change.getRecordedBy(),
                    change.getRecordedAt());
        }
    }

    @ApiResponse(
            responseCode = "201",
            description = "Registered (reference CI-...)",
            headers = @Header(name = "Location", description = "Path of the new configuration item"))
    @ApiResponse(responseCode = "400", description = "A field is missing or invalid; the problem detail names it")
    @PostMapping
    ResponseEntity<CiView> create(@Valid @RequestBody CiInput body) {
        ConfigurationItem item = items.create(body, null);
        return ResponseEntity.created(URI.create("/api/cis/" + item.getReference()))
                .body(CiView.of(item, List.of()));
    }

    @ApiResponse(responseCode = "200", description = "The configuration item and what changes did to it")
    @ApiResponse(responseCode = "404", description = "No configuration item with this reference")
    @GetMapping("/{reference}")
    CiView get(@PathVariable String reference) {
        return CiView.of(items.require(reference), items.history(reference));
    }

    @ApiResponse(responseCode = "200", description = "The configuration items, by client and name, paged")
    @ApiResponse(responseCode = "400", description = "An unknown type or status, or a page out of range")
    @GetMapping
    ResponseEntity<List<CiView>> list(
            @RequestParam(required = false) String clientReference,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String technologyGroup,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(
                items.search(
                        blankToNull(clientReference),
                        blankToNull(type),
                        blankToNull(technologyGroup),
                        blankToNull(status),
                        new PageParameters(page, size)),
                item -> CiView.of(item, null));
    }

    @ApiResponse(responseCode = "200", description = "The configuration item as saved")
    @ApiResponse(responseCode = "400", description = "A field is missing or invalid; the problem detail names it")
    @ApiResponse(responseCode = "404", description = "No configuration item with this reference")
    @ApiResponse(responseCode = "409", description = "The item is retired, or was changed by someone else meanwhile")
    @PutMapping("/{reference}")
    CiView replace(@PathVariable String reference, @Valid @RequestBody CiInput body) {
        return edit(reference, body, false);
    }

    @ApiResponse(responseCode = "200", description = "The configuration item as saved")
    @ApiResponse(responseCode = "400", description = "A field is invalid; the problem detail names it")
    @ApiResponse(responseCode = "404", description = "No configuration item with this reference")
    @ApiResponse(responseCode = "409", description = "The item is retired, or was changed by someone else meanwhile")
    @PatchMapping("/{reference}")
    CiView change(@PathVariable String reference, @Valid @RequestBody CiInput body) {
        return edit(reference, body, true);
    }

    private CiView edit(String reference, CiInput body, boolean partial) {
        try {
            ConfigurationItem item = items.edit(reference, body, partial);
            return CiView.of(item, items.history(item.getReference()));
        } catch (ConcurrencyFailureException concurrentUpdate) {
            throw new ConflictException(
                    "Configuration item '" + reference + "' was changed by someone else: reload and try again");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
