package com.csmflow.infosec;

import com.csmflow.api.PageParameters;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every version of every service's InfoSec criteria and plan (seed 003 §2.2.5), for isec, IT and the
 * service's SM and DM. Written by the infosec workflow only.
 */
@RestController
@RequestMapping("/api/infosec-plans")
class InfoSecPlanController {

    private final InfoSecPlans plans;

    InfoSecPlanController(InfoSecPlans plans) {
        this.plans = plans;
    }

    record InfoSecPlanView(
            String reference,
            String clientReference,
            String serviceReference,
            int version,
            String status,
            String basis,
            String basisReference,
            String clientCriteria,
            String criteriaSource,
            boolean criteriaSigned,
            LocalDate criteriaSignedOn,
            List<String> internalCriteria,
            String serviceCriteria,
            String mitigationActions,
            String contingencyActions,
            String monitoringCycle,
            String lessons,
            String issuedBy,
            Instant issuedAt,
            String configurationData,
            String actionReport,
            String implementedBy,
            Instant implementedAt) {
        static InfoSecPlanView of(InfoSecPlan p) {
            return new InfoSecPlanView(
                    p.getReference(),
                    p.getClientReference(),
                    p.getServiceReference(),
                    p.getVersion(),
                    p.getStatus().name(),
                    p.getBasis().name(),
                    p.getBasisReference(),
                    p.getClientCriteria(),
                    p.getCriteriaSource(),
                    p.isCriteriaSigned(),
                    p.getCriteriaSignedOn(),
                    List.of(p.getInternalCriteria().split(",\\s*")),
                    p.getServiceCriteria(),
                    p.getMitigationActions(),
                    p.getContingencyActions(),
                    p.getMonitoringCycle(),
                    p.getLessons(),
                    p.getIssuedBy(),
                    p.getCreatedAt(),
                    p.getConfigurationData(),
                    p.getActionReport(),
                    p.getImplementedBy(),
                    p.getImplementedAt());
        }
    }

    @ApiResponse(responseCode = "200", description = "The version of the criteria and plan")
    @ApiResponse(responseCode = "404", description = "No version with this reference that the caller may read")
    @GetMapping("/{reference}")
    InfoSecPlanView get(@PathVariable String reference) {
        return InfoSecPlanView.of(plans.find(reference));
    }

    @GetMapping
    ResponseEntity<List<InfoSecPlanView>> list(
            @RequestParam(required = false) String serviceReference,
            @RequestParam(required = false) String clientReference,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        return PageParameters.response(
                plans.list(
                        SecurityEvents.blankToNull(serviceReference),
                        SecurityEvents.blankToNull(clientReference),
                        SecurityEvents.blankToNull(status) == null
                                ? null
                                : SecurityEvents.named("status", status, PlanStatus.class),
                        new PageParameters(page, size)),
                InfoSecPlanView::of);
    }
}
