package com.csmflow.sla;

import com.csmflow.api.PageParameters;
import com.csmflow.client.CsmTier;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
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
 * SLA targets: everyone signed in may read them; only service managers and Camunda admins change them.
 * The role is checked before the body is validated, so a user without the role learns nothing from
 * validation messages.
 */
@RestController
@RequestMapping("/api/sla-targets")
class SlaTargetController {

    private final SlaTargets targets;

    SlaTargetController(SlaTargets targets) {
        this.targets = targets;
    }

    @GetMapping
    ResponseEntity<List<SlaTargetView>> list(
            @RequestParam(required = false) CsmTier tier,
            @RequestParam(required = false) SlaPriority priority,
            @RequestParam(required = false) String metric,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(
                targets.search(tier, priority, metric, new PageParameters(page, size)), SlaTargetView::of);
    }

    @ApiResponse(responseCode = "200", description = "The SLA target")
    @ApiResponse(responseCode = "404", description = "No SLA target with this id")
    @GetMapping("/{id}")
    SlaTargetView get(@PathVariable long id) {
        return SlaTargetView.of(targets.get(id));
    }

    @ApiResponse(
            responseCode = "201",
            description = "Created",
            headers = @Header(name = "Location", description = "Path of the new SLA target"))
    @ApiResponse(responseCode = "409", description = "A target for this tier, priority and metric exists")
    @PostMapping
    ResponseEntity<SlaTargetView> create(@RequestBody(required = false) SlaTargetRequest request, Authentication user) {
        SlaTargetView created = SlaTargetView.of(targets.create(request, user.getName()));
        return ResponseEntity.created(URI.create("/api/sla-targets/" + created.id()))
                .body(created);
    }

    @ApiResponse(responseCode = "200", description = "The SLA target as saved")
    @ApiResponse(responseCode = "404", description = "No SLA target with this id")
    @ApiResponse(responseCode = "409", description = "Another target for this tier, priority and metric exists")
    @PutMapping("/{id}")
    SlaTargetView update(
            @PathVariable long id, @RequestBody(required = false) SlaTargetRequest request, Authentication user) {
        return SlaTargetView.of(targets.update(id, request, user.getName()));
    }

    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No SLA target with this id")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, Authentication user) {
        targets.delete(id);
        return ResponseEntity.noContent().build();
    }
}
