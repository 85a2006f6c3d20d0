package com.csmflow.infosec;

import com.csmflow.api.ListFilters;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The versioned InfoSec criteria and plans as the API reads them, limited by {@link SecurityDataAccess}. */
@Service
class InfoSecPlans {

    static final String REGISTER = "infosec-plan";

    private final InfoSecPlanRepository plans;
    private final SecurityDataAccess access;

    InfoSecPlans(InfoSecPlanRepository plans, SecurityDataAccess access) {
        this.plans = plans;
        this.access = access;
    }

    @Transactional(readOnly = true)
    InfoSecPlan find(String reference) {
        return plans.findByReference(reference)
                .filter(plan -> access.mayRead(plan.getServiceReference()))
                .orElseThrow(() -> new NotFoundException("InfoSec plan version", reference));
    }

    /** Every version, newest first; a service's versions with {@code serviceReference}. */
    @Transactional(readOnly = true)
    Page<InfoSecPlan> list(String serviceReference, String clientReference, PlanStatus status, PageParameters page) {
        Specification<InfoSecPlan> visible = (root, query, cb) -> null;
        if (!access.seesAll()) {
            List<String> managed = access.managedServices();
            if (managed.isEmpty()) {
                return new PageImpl<>(List.of(), page.sortedBy(Sort.unsorted()), 0);
            }
            visible = (root, query, cb) -> root.get("serviceReference").in(managed);
        }
        return plans.findAll(
                ListFilters.<InfoSecPlan>allOf(
                        visible,
                        ListFilters.equal("serviceReference", serviceReference),
                        ListFilters.equal("clientReference", clientReference),
                        ListFilters.equal("status", status)),
                page.sortedBy(Sort.by(Sort.Order.desc("id"))));
    }
}
