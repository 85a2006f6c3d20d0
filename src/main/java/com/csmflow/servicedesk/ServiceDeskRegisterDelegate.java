package com.csmflow.servicedesk;

import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;
import static com.csmflow.engine.CaseVariables.PRIORITY;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.InvalidInputException;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.register.ProcessOrigin;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The register steps of {@code service-desk-request}, input {@code step}:
 * <ul>
 *   <li>{@code OPENED}: a request raised through the API already has its row (business key = reference)
 *       and is linked to the instance; one from the Tasklist start form is written here and its SDR
 *       reference becomes the business key (an instance started with a business key of its own keeps it;
 *       mails name {@code requestReference}). The workflow then works with the register's normalised values.</li>
 *   <li>{@code HANDLED}: the CSM's outcome ({@code resolved} or {@code declined}) and resolution.</li>
 * </ul>
 */
@Component("serviceDeskRegister")
class ServiceDeskRegisterDelegate implements InputReadingDelegate {

    static final String STEP = "step";

    private final ServiceDeskRequestRepository requests;
    private final ServiceDeskRequests register;
    private final RegisterAudit audit;
    private final Clock clock;
    private final EngineIdentity engineIdentity;

    ServiceDeskRegisterDelegate(
            ServiceDeskRequestRepository requests,
            ServiceDeskRequests register,
            RegisterAudit audit,
            Clock clock,
            EngineIdentity engineIdentity) {
        this.requests = requests;
        this.register = register;
        this.audit = audit;
        this.clock = clock;
        this.engineIdentity = engineIdentity;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String step = DelegateInputs.read(execution, Set.of(STEP)).requiredText(STEP);
        switch (step) {
            case "OPENED" -> open(execution);
            case "HANDLED" -> handled(execution);
            default -> throw new IllegalArgumentException("Unknown service desk register step '" + step + "'");
        }
    }

    private void open(DelegateExecution execution) {
        String reference = execution.getProcessBusinessKey();
        ServiceDeskRequest request =
                reference == null ? null : requests.findByReference(reference).orElse(null);
        if (request != null
                && request.getOrigin() != null
                && request.getOrigin().getProcessInstanceId() != null
                && !request.getOrigin().getProcessInstanceId().equals(execution.getProcessInstanceId())) {
            // never take over another case's row
            throw new IllegalStateException("Service desk request " + reference + " belongs to process instance "
                    + request.getOrigin().getProcessInstanceId());
        }
        if (request == null) {
            try {
                // references are issued by the platform only: a business key given through the Java API
                // (tests, probes) stays the instance's, the register row gets its own SDR reference
                request = register.write(
                        null,
                        CLIENT_REFERENCE.get(execution),
                        ServiceDeskRequestProcess.CATEGORY.get(execution),
                        PRIORITY.get(execution),
                        ServiceDeskRequestProcess.SUBJECT.get(execution),
                        ServiceDeskRequestProcess.DESCRIPTION.get(execution),
                        ServiceDeskRequestProcess.REQUESTER_EMAIL.get(execution),
                        ProcessOrigin.of(execution));
            } catch (InvalidFieldException invalid) {
                throw InvalidInputException.of(invalid);
            }
            if (reference == null) {
                execution.setProcessBusinessKey(request.getReference());
            }
            audit.record(
                    execution,
                    ServiceDeskRequests.REGISTER,
                    request.getReference(),
                    RegisterAudit.CREATE,
                    Map.of(),
                    request.auditView());
        }
        request.linkProcess(ProcessOrigin.of(execution));
        ServiceDeskRequestProcess.REQUEST_REFERENCE.set(execution, request.getReference());
        CLIENT_REFERENCE.set(execution, request.getClientReference());
        PRIORITY.set(execution, request.getPriority());
        ServiceDeskRequestProcess.CATEGORY.set(execution, request.getCategory());
        ServiceDeskRequestProcess.SUBJECT.set(execution, request.getSubject());
        ServiceDeskRequestProcess.DESCRIPTION.set(
                execution, request.getDescription() == null ? "" : request.getDescription());
        ServiceDeskRequestProcess.REQUESTER_EMAIL.set(execution, request.getRequesterEmail());
    }

    private void handled(DelegateExecution execution) {
        ServiceDeskRequest request = requests.findByReference(
                        ServiceDeskRequestProcess.REQUEST_REFERENCE.get(execution))
                .orElseThrow(() -> new IllegalStateException("No service desk request "
                        + ServiceDeskRequestProcess.REQUEST_REFERENCE.get(execution) + " in the register"));
        Map<String, Object> before = request.auditView();
        String outcome = ServiceDeskRequestProcess.OUTCOME.get(execution);
        ServiceDeskStatus status = "declined".equalsIgnoreCase(outcome == null ? "" : outcome.trim())
                ? ServiceDeskStatus.DECLINED
                : ServiceDeskStatus.RESOLVED;
        request.handled(
                status,
                ServiceDeskRequestProcess.RESOLUTION.get(execution),
                engineIdentity.currentUserId(),
                clock.instant());
        audit.record(
                execution, ServiceDeskRequests.REGISTER, request.getReference(), "CLOSE", before, request.auditView());
    }
}
