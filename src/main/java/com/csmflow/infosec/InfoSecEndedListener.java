package com.csmflow.infosec;

import com.csmflow.audit.RegisterAudit;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The end of a service's InfoSec loop (the service ended, so the service-request workflow cancelled the
 * call): the last version of its criteria and plan is closed; the earlier ones stay superseded.
 */
@Component("infosecEnded")
class InfoSecEndedListener implements ExecutionListener {

    private final InfoSecPlanRepository plans;
    private final RegisterAudit audit;

    InfoSecEndedListener(InfoSecPlanRepository plans, RegisterAudit audit) {
        this.plans = plans;
        this.audit = audit;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String service = InfoSecProcess.SERVICE_REFERENCE.text(execution);
        if (service == null) {
            return;
        }
        plans.findFirstByServiceReferenceOrderByVersionDesc(service)
                .filter(plan -> plan.getStatus() != PlanStatus.CLOSED && plan.getStatus() != PlanStatus.SUPERSEDED)
                .ifPresent(plan -> {
                    Map<String, Object> before = plan.auditView();
                    plan.close();
                    audit.record(
                            execution, InfoSecPlans.REGISTER, plan.getReference(), "CLOSE", before, plan.auditView());
                });
    }
}
