package com.csmflow.cadence;

import com.csmflow.engine.EngineIdentity;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A client's ongoing cadence: what comes next, and ending it when the client's service ends. */
@RestController
@RequestMapping("/api/clients/{reference}/cadence")
class CadenceController {

    private final CadenceService cadences;
    private final RuntimeService runtimeService;
    private final EngineIdentity engineIdentity;

    CadenceController(CadenceService cadences, RuntimeService runtimeService, EngineIdentity engineIdentity) {
        this.cadences = cadences;
        this.runtimeService = runtimeService;
        this.engineIdentity = engineIdentity;
    }

    record EndBody(@NotBlank @Size(max = 4000) String reason) {}

    record Ended(String reference, String clientReference) {}

    /** One item of the cadence: whether the client gets it now, its cycle number, when it starts and is due. */
    record NextItem(String item, String label, boolean applies, Long cycle, Instant startsAt, Instant dueAt) {}

    record CadenceView(
            String reference,
            String clientReference,
            String status,
            boolean continuityTestAgreed,
            String startedBy,
            Instant createdAt,
            List<NextItem> items) {}

    @ApiResponse(
            responseCode = "200",
            description = "The client's running cadence (CAD-...) and each item's next cycle")
    @ApiResponse(responseCode = "404", description = "No active client with this reference, or no cadence running")
    @GetMapping
    CadenceView show(@PathVariable String reference) {
        ClientCadence cadence = cadences.activeOrNotFound(reference);
        Map<String, Object> variables = engineIdentity.asPlatform(() -> {
            ProcessInstance instance = runtimeService
                    .createProcessInstanceQuery()
                    .processDefinitionKey(CadenceProcess.KEY)
                    .processInstanceBusinessKey(cadence.getReference())
                    .singleResult();
            return instance == null ? Map.<String, Object>of() : runtimeService.getVariables(instance.getId());
        });
        List<NextItem> items = new ArrayList<>();
        for (CadenceItem item : CadenceItem.values()) {
            items.add(new NextItem(
                    item.name(),
                    item.label(),
                    Boolean.TRUE.equals(variables.get(item.applies())),
                    variables.get(item.cycle()) instanceof Number n ? n.longValue() : null,
                    variables.get(item.at()) instanceof Date d ? d.toInstant() : null,
                    variables.get(item.due()) instanceof Date d ? d.toInstant() : null));
        }
        return new CadenceView(
                cadence.getReference(),
                cadence.getClientReference(),
                cadence.getStatus().name(),
                cadence.isContinuityTestAgreed(),
                cadence.getStartedBy(),
                cadence.getCreatedAt(),
                items);
    }

    @ApiResponse(responseCode = "200", description = "The client's cadence ended (its open cadence tasks are gone)")
    @ApiResponse(responseCode = "404", description = "No active client with this reference, or no cadence running")
    @PostMapping("/end")
    ResponseEntity<Ended> end(@PathVariable String reference, @Valid @RequestBody EndBody body) {
        String ended = cadences.endByRequest(reference, body.reason().strip());
        return ResponseEntity.ok(new Ended(ended, reference.trim().toUpperCase(java.util.Locale.ROOT)));
    }
}
