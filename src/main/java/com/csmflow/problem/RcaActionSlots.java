package com.csmflow.problem;

import com.csmflow.forms.ActionSlots;
import com.csmflow.forms.FormOptions;
import com.csmflow.problem.RegisterRcaActionsDelegate.ProposedAction;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The proposed SIP actions of an RCA as the CSE enters them on "Determine the root cause": the
 * {@link ActionSlots} {@code action<n>...}, the owner picked from {@link FormOptions#OWNERS} (a role group id or
 * a staff member's user id) and required, the target date
 * {@value RegisterRcaActionsDelegate#DEFAULT_TARGET_DAYS} days from now when left empty, slot 1 required.
 */
@Component
class RcaActionSlots {

    static final ActionSlots SLOTS = ActionSlots.named("action");

    private final FormOptions options;
    private final Clock clock;

    RcaActionSlots(FormOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    /** Whether the instance holds slots (instances completed before the slots parse {@code proposedActions}). */
    static boolean present(VariableScope scope) {
        return SLOTS.present(scope);
    }

    /** The filled slots in order; a 400 naming the slot field for a missing description or owner. */
    List<ProposedAction> read(VariableScope scope) {
        LocalDate defaultTarget = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                .plusDays(RegisterRcaActionsDelegate.DEFAULT_TARGET_DAYS);
        return SLOTS
                .read(
                        scope,
                        new ActionSlots.Rules(
                                true, options::isOwner, "neither a role group nor a staff member", null, defaultTarget))
                .stream()
                .map(action -> new ProposedAction(action.description(), action.owner(), action.targetDate()))
                .toList();
    }

    /** The read-only summary the review and client-RCA forms show: one action per line. */
    static String summary(List<ProposedAction> actions) {
        return ActionSlots.summary(actions.stream()
                .map(action -> new ActionSlots.Action(action.description(), action.owner(), action.targetDate()))
                .toList());
    }
}
