package com.csmflow.problem;

import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;
import static com.csmflow.engine.CaseVariables.PRIORITY;
import static com.csmflow.engine.CaseVariables.SOURCE_BUSINESS_KEY;
import static com.csmflow.problem.ProblemProcess.CLIENT_RCA;
import static com.csmflow.problem.ProblemProcess.CONTRIBUTING_FACTORS;
import static com.csmflow.problem.ProblemProcess.EVIDENCE;
import static com.csmflow.problem.ProblemProcess.PROBLEM_REFERENCE;
import static com.csmflow.problem.ProblemProcess.PROPOSED_ACTIONS;
import static com.csmflow.problem.ProblemProcess.ROOT_CAUSE;
import static com.csmflow.problem.ProblemProcess.SOURCE_REFERENCE;
import static com.csmflow.problem.ProblemProcess.SOURCE_TYPE;
import static com.csmflow.problem.ProblemProcess.SUMMARY;
import static com.csmflow.problem.ProblemProcess.SYMPTOMS;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.InvalidInputException;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.engine.ProcessVariable;
import com.csmflow.register.BusinessKeys;
import com.csmflow.register.ProcessOrigin;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * "Record problem" steps of {@code problem-rca}, input {@code step}:
 * <ul>
 *   <li>{@code OPENED}: a problem opened by the API already has its row (business key = reference) and is
 *       only linked to the instance; one opened by a message or the Tasklist start form gets a new
 *       PRB reference, which becomes the business key.</li>
 *   <li>{@code RCA_ACCEPTED}: the reviewed internal RCA (symptoms, root cause, contributing factors,
 *       evidence, proposed actions) as one document plus its parts.</li>
 *   <li>{@code RCA_SENT}: the client-facing RCA as sent.</li>
 *   <li>{@code CLOSED}: all actions settled.</li>
 * </ul>
 * Every step is idempotent on its row, so a retried job writes nothing twice.
 */
@Component("problemRegister")
class ProblemRegisterDelegate implements InputReadingDelegate {

    static final String STEP = "step";

    private final ProblemRepository problems;
    private final ProblemService problemService;
    private final BusinessKeys businessKeys;
    private final RegisterAudit audit;
    private final Clock clock;

    ProblemRegisterDelegate(
            ProblemRepository problems,
            ProblemService problemService,
            BusinessKeys businessKeys,
            RegisterAudit audit,
            Clock clock) {
        this.clock = clock;
        this.problems = problems;
        this.problemService = problemService;
        this.businessKeys = businessKeys;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String step = DelegateInputs.read(execution, Set.of(STEP)).requiredText(STEP);
        if ("OPENED".equals(step)) {
            open(execution);
            return;
        }
        Problem problem = problems.findByReference(execution.getProcessBusinessKey())
                .orElseThrow(() -> new IllegalStateException(
                        "No problem " + execution.getProcessBusinessKey() + " in the register"));
        Map<String, Object> before = problem.auditView();
        switch (step) {
            case "RCA_ACCEPTED" -> {
                problem.recordInternalRca(
                        SYMPTOMS.get(execution),
                        ROOT_CAUSE.get(execution),
                        CONTRIBUTING_FACTORS.get(execution),
                        EVIDENCE.get(execution),
                        internalRca(execution),
                        clock.instant());
                problem.setStatus(ProblemStatus.RCA_ACCEPTED);
            }
            case "RCA_SENT" -> {
                problem.recordClientRcaSent(CLIENT_RCA.get(execution), clock.instant());
                problem.setStatus(ProblemStatus.RCA_SENT);
            }
            case "ACTIONS_IN_PROGRESS" -> problem.setStatus(ProblemStatus.ACTIONS_IN_PROGRESS);
            case "CLOSED" -> problem.close(clock.instant());
            default -> throw new IllegalArgumentException("Unknown problem register step '" + step + "'");
        }
        audit.record(
                execution,
                ProblemService.REGISTER,
                problem.getReference(),
                step.equals("CLOSED") ? "CLOSE" : RegisterAudit.UPDATE,
                before,
                problem.auditView());
    }

    private void open(DelegateExecution execution) {
        String reference = execution.getProcessBusinessKey();
        Problem problem =
                reference == null ? null : problems.findByReference(reference).orElse(null);
        String owner = problem == null || problem.getOrigin() == null
                ? null
                : problem.getOrigin().getProcessInstanceId();
        if (owner != null && !owner.equals(execution.getProcessInstanceId())) {
            // never take over another case's row: fail (the start rolls back, a job becomes an incident)
            throw new IllegalStateException("Problem " + reference + " belongs to process instance " + owner
                    + ", not to " + execution.getProcessInstanceId());
        }
        if (problem == null) {
            try {
                // every check before the reference is drawn: a refused start uses no reference up
                String clientReference = problemService.checkClient(CLIENT_REFERENCE.get(execution));
                String sourceType = ProblemService.checkSourceType(SOURCE_TYPE.get(execution));
                String sourceReference = sourceReference(execution);
                String summary = required(execution, SUMMARY);
                String priority = ProblemService.normalisePriority(PRIORITY.get(execution));
                problem = problems.save(new Problem(
                        reference != null ? reference : businessKeys.next("PRB"),
                        clientReference,
                        sourceType,
                        sourceReference,
                        summary,
                        priority,
                        null,
                        clock.instant()));
            } catch (InvalidFieldException invalid) {
                // the API's rules, refused on the start form or the engine API as a 400 naming the field
                throw InvalidInputException.of(invalid);
            }
            if (reference == null) {
                execution.setProcessBusinessKey(problem.getReference());
            }
            audit.record(
                    execution,
                    ProblemService.REGISTER,
                    problem.getReference(),
                    RegisterAudit.CREATE,
                    Map.of(),
                    problem.auditView());
        }
        problem.linkProcess(ProcessOrigin.of(execution));
        // the workflow works with the register's normalised values
        PROBLEM_REFERENCE.set(execution, problem.getReference());
        CLIENT_REFERENCE.set(execution, problem.getClientReference());
        PRIORITY.set(execution, problem.getPriority());
        SOURCE_TYPE.set(execution, problem.getSourceType());
        SOURCE_REFERENCE.set(execution, problem.getSourceReference() == null ? "" : problem.getSourceReference());
        SUMMARY.set(execution, problem.getSummary());
    }

    /** The payload's sourceReference; a sender that left it out is still known by its business key. */
    private static String sourceReference(DelegateExecution execution) {
        String given = ProblemService.blankToNull(SOURCE_REFERENCE.get(execution));
        return given != null ? given : ProblemService.blankToNull(SOURCE_BUSINESS_KEY.get(execution));
    }

    private static String internalRca(DelegateExecution execution) {
        return "Symptoms:\n" + nonNull(SYMPTOMS.get(execution))
                + "\n\nRoot cause:\n" + nonNull(ROOT_CAUSE.get(execution))
                + "\n\nContributing factors:\n" + nonNull(CONTRIBUTING_FACTORS.get(execution))
                + "\n\nEvidence:\n" + nonNull(EVIDENCE.get(execution))
                + "\n\nProposed actions:\n" + nonNull(PROPOSED_ACTIONS.get(execution));
    }

    private static String nonNull(String text) {
        return text == null ? "-" : text;
    }

    private static String required(DelegateExecution execution, ProcessVariable<String> variable) {
        String value = variable.get(execution);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(variable.name(), "is required");
        }
        return value;
    }
}
