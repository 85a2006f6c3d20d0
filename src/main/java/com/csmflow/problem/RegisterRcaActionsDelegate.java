package com.csmflow.problem;

import com.csmflow.audit.RegisterAudit;
import com.csmflow.engine.CaseVariables;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Register SIP actions": every proposed action of the accepted RCA becomes a SIP register row. The CSE
 * fills the action slots of the form ({@link RcaActionSlots}: description, owner picked from the role groups
 * and staff, target date); they are read and checked again here, so a value that slipped past the form is a
 * 400 naming the slot field. An instance whose RCA was written before the slots has only the text
 * {@code proposedActions}, one action per line {@code description | owner | yyyy-mm-dd}, parsed as before. Sets
 * {@code sipActionReferences}, the collection the multi-instance follow-up iterates over.
 * <p>
 * Runs once per problem; a retried job rolls back with the rows it wrote, so nothing is written twice.
 */
@Component("sipActionsFromRca")
class RegisterRcaActionsDelegate implements JavaDelegate {

    static final int DEFAULT_TARGET_DAYS = 30;

    private final SipActionRepository actions;
    private final ProblemRepository problems;
    private final RegisterAudit audit;
    private final Clock clock;
    private final SipActions sipActions;
    private final RcaActionSlots slots;

    RegisterRcaActionsDelegate(
            SipActionRepository actions,
            ProblemRepository problems,
            RegisterAudit audit,
            Clock clock,
            SipActions sipActions,
            RcaActionSlots slots) {
        this.slots = slots;
        this.sipActions = sipActions;
        this.clock = clock;
        this.actions = actions;
        this.problems = problems;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String problemReference = execution.getProcessBusinessKey();
        List<String> references = new ArrayList<>();
        if (!actions.findBySourceReferenceOrderByIdAsc(problemReference).isEmpty()) {
            // already registered in an earlier visit of this step: follow up those rows
            actions.findBySourceReferenceOrderByIdAsc(problemReference).forEach(a -> references.add(a.getReference()));
        } else {
            List<ProposedAction> proposedActions = RcaActionSlots.present(execution)
                    ? slots.read(execution)
                    : parse(
                            ProblemProcess.PROPOSED_ACTIONS.get(execution),
                            LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
            for (ProposedAction proposed : proposedActions) {
                references.add(sipActions
                        .create(
                                CaseVariables.CLIENT_REFERENCE.get(execution),
                                "problem",
                                problemReference,
                                proposed.description(),
                                proposed.owner(),
                                proposed.targetDate(),
                                execution)
                        .getReference());
            }
        }
        ProblemProcess.SIP_ACTION_REFERENCES.set(
                execution, references); // an ArrayList: allowed by the engine's type validation
        problems.findByReference(problemReference).ifPresent(problem -> {
            java.util.Map<String, Object> before = problem.auditView();
            problem.setStatus(ProblemStatus.ACTIONS_IN_PROGRESS);
            audit.record(
                    execution,
                    ProblemService.REGISTER,
                    problemReference,
                    RegisterAudit.UPDATE,
                    before,
                    problem.auditView());
        });
    }

    record ProposedAction(String description, String owner, LocalDate targetDate) {}

    /** The text of an RCA written before the slots: one action per line. */
    static List<ProposedAction> parse(String text, LocalDate today) {
        List<ProposedAction> result = new ArrayList<>();
        if (text == null) {
            return result;
        }
        for (String line : text.split("\\R")) {
            String[] parts = line.split("\\|");
            String description = parts[0].strip().replaceFirst("^[-*]\\s*", "");
            if (description.isEmpty()) {
                continue;
            }
            String owner = parts.length > 1 && !parts[1].isBlank() ? parts[1].strip() : null;
            LocalDate target = today.plusDays(DEFAULT_TARGET_DAYS);
            if (parts.length > 2 && !parts[2].isBlank()) {
                try {
                    target = LocalDate.parse(parts[2].strip());
                } catch (DateTimeParseException keepDefault) {
                    // a typo in the date must not lose the action; the CSM can see the default in the register
                }
            }
            result.add(new ProposedAction(description, owner, target));
        }
        return result;
    }
}
