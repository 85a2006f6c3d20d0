package com.csmflow.infosec;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.ListFilters;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.forms.FormOptions;
import com.csmflow.register.BusinessKeys;
import com.csmflow.servicerequest.ManagedService;
import com.csmflow.servicerequest.ServiceDirectory;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The controls register (F11) and the asset inventory with its risk assessment (F15), per client and
 * service, as the API writes and reads them. Security data: what a caller may read is limited by
 * {@link SecurityDataAccess} (isec, IT, admin all; a service's SM and DM the rows of their services; a
 * client-wide row only the former). Every input is checked first and refused with a 400 naming the field.
 */
@Service
class SecurityRegisters {

    static final String CONTROL_REGISTER = "security-control";
    static final String ASSET_REGISTER = "security-asset";
    static final Set<String> REVIEW_CYCLES = Set.of("P1M", "P3M", "P6M", "P1Y");

    private final SecurityControlRepository controls;
    private final SecurityAssetRepository assets;
    private final Clients clients;
    private final ServiceDirectory services;
    private final FormOptions formOptions;
    private final BusinessKeys businessKeys;
    private final RegisterAudit audit;
    private final SecurityDataAccess access;
    private final Clock clock;

    @SuppressWarnings("java:S107")
    SecurityRegisters(
            SecurityControlRepository controls,
            SecurityAssetRepository assets,
            Clients clients,
            ServiceDirectory services,
            FormOptions formOptions,
            BusinessKeys businessKeys,
            RegisterAudit audit,
            SecurityDataAccess access,
            Clock clock) {
        this.controls = controls;
        this.assets = assets;
        this.clients = clients;
        this.services = services;
        this.formOptions = formOptions;
        this.businessKeys = businessKeys;
        this.audit = audit;
        this.access = access;
        this.clock = clock;
    }

    record NewControl(
            String clientReference,
            String serviceReference,
            String name,
            String description,
            String category,
            String owner,
            String reviewCycle,
            LocalDate firstReviewOn) {}

    record NewAsset(
            String clientReference,
            String serviceReference,
            String name,
            String assetType,
            String owner,
            String criticality,
            Boolean personalData,
            String threats,
            String vulnerabilities,
            Integer likelihood,
            Integer impact,
            String treatment) {}

    @Transactional
    SecurityControl addControl(NewControl body) {
        Client client = clients.require(body.clientReference());
        String service = serviceOf(client, body.serviceReference());
        String name = SecurityEvents.required("name", body.name(), 200);
        String description = SecurityEvents.required("description", body.description(), 2000);
        ControlCategory category = SecurityEvents.named("category", body.category(), ControlCategory.class);
        String owner = owner(body.owner());
        String cycle = body.reviewCycle() == null || body.reviewCycle().isBlank()
                ? "P1Y"
                : body.reviewCycle().trim().toUpperCase(java.util.Locale.ROOT);
        if (!REVIEW_CYCLES.contains(cycle)) {
            throw new InvalidFieldException(
                    "reviewCycle",
                    "must be one of " + REVIEW_CYCLES.stream().sorted().toList());
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate first =
                body.firstReviewOn() == null ? today.plus(java.time.Period.parse(cycle)) : body.firstReviewOn();
        if (first.isBefore(today.minusYears(1)) || first.isAfter(today.plusYears(5))) {
            throw new InvalidFieldException("firstReviewOn", "must be within a year back and five years ahead");
        }
        SecurityControl control = controls.save(new SecurityControl(
                businessKeys.next("CTL"),
                client.getReference(),
                service,
                name,
                description,
                category,
                owner,
                cycle,
                first,
                clock.instant(),
                null));
        audit.record(CONTROL_REGISTER, control.getReference(), RegisterAudit.CREATE, Map.of(), control.auditView());
        return control;
    }

    @Transactional
    SecurityAsset addAsset(NewAsset body) {
        Client client = clients.require(body.clientReference());
        String service = serviceOf(client, body.serviceReference());
        String name = SecurityEvents.required("name", body.name(), 200);
        AssetType type = SecurityEvents.named("assetType", body.assetType(), AssetType.class);
        String owner = owner(body.owner());
        AssetCriticality criticality = SecurityEvents.named("criticality", body.criticality(), AssetCriticality.class);
        if (body.personalData() == null) {
            throw new InvalidFieldException("personalData", "is required (true or false)");
        }
        SecurityAsset.RiskAssessment risk = new SecurityAsset.RiskAssessment(
                SecurityEvents.required("threats", body.threats(), 2000),
                SecurityEvents.required("vulnerabilities", body.vulnerabilities(), 2000),
                scale("likelihood", body.likelihood()),
                scale("impact", body.impact()),
                SecurityEvents.required("treatment", body.treatment(), 2000));
        SecurityAsset asset = assets.save(new SecurityAsset(
                businessKeys.next("AST"),
                client.getReference(),
                service,
                name,
                type,
                owner,
                criticality,
                body.personalData(),
                risk,
                caller(),
                clock.instant()));
        audit.record(ASSET_REGISTER, asset.getReference(), RegisterAudit.CREATE, Map.of(), asset.auditView());
        return asset;
    }

    @Transactional(readOnly = true)
    SecurityControl control(String reference) {
        return controls.findByReference(reference)
                .filter(control -> access.mayRead(control.getServiceReference()))
                .orElseThrow(() -> new NotFoundException("security control", reference));
    }

    @Transactional(readOnly = true)
    SecurityAsset asset(String reference) {
        return assets.findByReference(reference)
                .filter(asset -> access.mayRead(asset.getServiceReference()))
                .orElseThrow(() -> new NotFoundException("asset", reference));
    }

    @Transactional(readOnly = true)
    Page<SecurityControl> controls(
            String clientReference,
            String serviceReference,
            ControlStatus status,
            LocalDate dueBy,
            PageParameters page) {
        Specification<SecurityControl> visible = visible();
        if (visible == null) {
            return new PageImpl<>(List.of(), page.sortedBy(Sort.unsorted()), 0);
        }
        Specification<SecurityControl> due = dueBy == null
                ? (root, query, cb) -> null
                : (root, query, cb) -> cb.lessThanOrEqualTo(root.get("nextReviewOn"), dueBy);
        return controls.findAll(
                ListFilters.<SecurityControl>allOf(
                        visible,
                        ListFilters.equal("clientReference", clientReference),
                        ListFilters.equal("serviceReference", serviceReference),
                        ListFilters.equal("status", status),
                        due),
                page.sortedBy(Sort.by(Sort.Order.asc("nextReviewOn"), Sort.Order.asc("id"))));
    }

    @Transactional(readOnly = true)
    Page<SecurityAsset> assets(
            String clientReference, String serviceReference, AssetCriticality riskLevel, PageParameters page) {
        Specification<SecurityAsset> visible = visible();
        if (visible == null) {
            return new PageImpl<>(List.of(), page.sortedBy(Sort.unsorted()), 0);
        }
        return assets.findAll(
                ListFilters.<SecurityAsset>allOf(
                        visible,
                        ListFilters.equal("clientReference", clientReference),
                        ListFilters.equal("serviceReference", serviceReference),
                        ListFilters.equal("riskLevel", riskLevel)),
                page.sortedBy(Sort.by(Sort.Order.desc("riskScore"), Sort.Order.asc("id"))));
    }

    /** All rows, the caller's services' rows, or null when the caller may read none. */
    private <T> Specification<T> visible() {
        if (access.seesAll()) {
            return (root, query, cb) -> null;
        }
        List<String> managed = access.managedServices();
        return managed.isEmpty()
                ? null
                : (root, query, cb) -> root.get("serviceReference").in(managed);
    }

    private String serviceOf(Client client, String serviceReference) {
        String reference = SecurityEvents.blankToNull(serviceReference);
        if (reference == null) {
            return null;
        }
        ManagedService service = services.find(reference)
                .orElseThrow(() -> new InvalidFieldException("serviceReference", "no service with this reference"));
        if (!service.getClientReference().equals(client.getReference())) {
            throw new InvalidFieldException(
                    "serviceReference", "is a service of another client, not of " + client.getReference());
        }
        return service.getReference();
    }

    private String owner(String value) {
        if (!formOptions.isOwner(value)) {
            throw new InvalidFieldException("owner", "must be a role group or a member of one");
        }
        return value.strip();
    }

    private static int scale(String field, Integer value) {
        if (value == null || value < 1 || value > 5) {
            throw new InvalidFieldException(field, "must be a whole number from 1 to 5");
        }
        return value;
    }

    private static String caller() {
        return SecurityContextHolder.getContext().getAuthentication() == null
                ? null
                : SecurityContextHolder.getContext().getAuthentication().getName();
    }
}
