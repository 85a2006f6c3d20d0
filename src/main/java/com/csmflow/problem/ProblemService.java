package com.csmflow.problem;

import com.csmflow.api.ConflictException;
import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.ListFilters;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.register.BusinessKeys;
import com.csmflow.sla.SlaPriority;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens problems (REST API, chronic incidents) and answers what the problem workflow asks about its
 * actions. A problem opened here is written first and its workflow started in the same transaction,
 * with the problem reference as business key: either both exist or neither.
 */
@Service("problemActions")
public class ProblemService {

    static final String REGISTER = "problem";
    static final Set<String> SOURCE_TYPES = Set.of("change", "escalation", "incident", "complaint", "csm");
    private static final List<SipActionStatus> OPEN_ACTION_STATUSES =
            List.of(SipActionStatus.OPEN, SipActionStatus.OVERDUE);

    private final ProblemRepository problems;
    private final SipActionRepository actions;
    private final Clients activeClients;
    private final BusinessKeys businessKeys;
    private final RegisterAudit audit;
    private final RuntimeService runtimeService;
    private final Clock clock;
    private final SipActions sipActions;
    private final EngineIdentity engineIdentity;

    ProblemService(
            ProblemRepository problems,
            SipActionRepository actions,
            Clients activeClients,
            BusinessKeys businessKeys,
            RegisterAudit audit,
            RuntimeService runtimeService,
            Clock clock,
            SipActions sipActions,
            EngineIdentity engineIdentity) {
        this.engineIdentity = engineIdentity;
        this.sipActions = sipActions;
        this.clock = clock;
        this.problems = problems;
        this.actions = actions;
        this.activeClients = activeClients;
        this.businessKeys = businessKeys;
        this.audit = audit;
        this.runtimeService = runtimeService;
    }

    /** Writes the problem and starts its workflow; {@code chronicKey} only for chronic incidents. */
    @Transactional
    public Problem open(
            String clientReference,
            String sourceType,
            String sourceReference,
            String summary,
            String priority,
            String chronicKey) {
        String client = checkClient(clientReference);
        String type = checkSourceType(sourceType);
        String normalisedPriority = normalisePriority(priority);
        Problem problem = problems.save(new Problem(
                businessKeys.next("PRB"),
                client,
                type,
                blankToNull(sourceReference),
                summary,
                normalisedPriority,
                chronicKey,
                now()));
        audit.record(REGISTER, problem.getReference(), RegisterAudit.CREATE, Map.of(), problem.auditView());
        engineIdentity.asPlatform(() -> runtimeService.startProcessInstanceByKey(
                ProblemProcess.KEY,
                problem.getReference(),
                Map.of(
                        CaseVariables.CLIENT_REFERENCE.name(),
                        client,
                        ProblemProcess.SOURCE_TYPE.name(),
                        type,
                        ProblemProcess.SOURCE_REFERENCE.name(),
                        problem.getSourceReference() == null ? "" : problem.getSourceReference(),
                        ProblemProcess.SUMMARY.name(),
                        summary,
                        CaseVariables.PRIORITY.name(),
                        normalisedPriority)));
        return problem;
    }

    /** The CSM adds an improvement action to a problem whose RCA has been sent; it is followed up like the others. */
    @Transactional
    public SipAction addAction(String problemReference, String description, String owner, LocalDate targetDate) {
        Problem problem = find(problemReference);
        ProblemStatus status = problem.status();
        if (status != ProblemStatus.RCA_SENT && status != ProblemStatus.ACTIONS_IN_PROGRESS) {
            // before: the actions come from the RCA; after closing: nothing follows them up any more
            throw new ConflictException(
                    "Actions can be added once the RCA has been sent and until the problem is closed" + " (problem "
                            + problemReference + " is " + problem.getStatus() + ")");
        }
        SipAction action = sipActions.create(
                problem.getClientReference(), "problem", problem.getReference(), description, owner, targetDate, null);
        engineIdentity.asPlatform(() -> runtimeService
                .createMessageCorrelation(ProblemProcess.ACTION_ADDED_MESSAGE)
                .processInstanceBusinessKey(problem.getReference())
                .setVariable(ProblemProcess.ADDED_SIP_ACTION_REFERENCE.name(), action.getReference())
                .correlateWithResult());
        return action;
    }

    @Transactional(readOnly = true)
    public Problem find(String reference) {
        return problems.findByReference(reference).orElseThrow(() -> new NotFoundException("problem", reference));
    }

    @Transactional(readOnly = true)
    public Page<Problem> list(String clientReference, ProblemStatus status, PageParameters page) {
        return problems.findAll(
                ListFilters.<Problem>allOf(
                        ListFilters.equal("clientReference", clientReference), ListFilters.equal("status", status)),
                page.sortedBy(Sort.by(Sort.Order.desc("id"))));
    }

    /** Used by the BPMN gateway "Actions still open?": SIP actions of this problem neither done nor accepted as risk. */
    public long openActionCount(String problemReference) {
        return actions.countBySourceReferenceAndStatusIn(problemReference, OPEN_ACTION_STATUSES);
    }

    /**
     * Used by the BPMN gateway "Any action accepted as risk?": a problem whose actions were not all done
     * closes only by the CSM's decision.
     */
    public long acceptedRiskCount(String problemReference) {
        return actions.countBySourceReferenceAndStatusIn(problemReference, List.of(SipActionStatus.RISK_ACCEPTED));
    }

    /** The active client's reference (a retired client gets no new problem, like changes and escalations). */
    String checkClient(String clientReference) {
        return activeClients.require(clientReference).getReference();
    }

    static String checkSourceType(String sourceType) {
        String type = sourceType == null || sourceType.isBlank()
                ? "csm"
                : sourceType.trim().toLowerCase();
        if (!SOURCE_TYPES.contains(type)) {
            throw new InvalidFieldException("sourceType", "must be one of " + SOURCE_TYPES);
        }
        return type;
    }

    static String normalisePriority(String priority) {
        try {
            return SlaPriority.parse(priority).name();
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("priority", e.getMessage());
        }
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    Instant now() {
        return clock.instant();
    }
}
