package com.csmflow.problem;

import com.csmflow.api.InvalidInputException;
import com.csmflow.forms.FormOptions;
import com.csmflow.problem.RegisterRcaActionsDelegate.ProposedAction;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The proposed SIP actions of an RCA as the CSE enters them on "Determine the root cause": {@value #SLOTS}
 * fixed slots {@code action<n>Description}, {@code action<n>Owner} (picked from
 * {@link FormOptions#OWNERS}: a role group id or a staff member's user id) and {@code action<n>TargetDate}
 * (a form date, default {@value RegisterRcaActionsDelegate#DEFAULT_TARGET_DAYS} days from now). Slot 1 is
 * required, an empty slot is skipped. Fixed slots because the forms allow no repeatable group
 * (ModelConventionsTest), and a typed owner list would defeat "pick, don't type".
 */
@Component
class RcaActionSlots {

    static final int SLOTS = 5;
    static final int MAX_DESCRIPTION = 4000;

    private final FormOptions options;
    private final Clock clock;

    RcaActionSlots(FormOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    static String description(int slot) {
        return "action" + slot + "Description";
    }

    static String owner(int slot) {
        return "action" + slot + "Owner";
    }

    static String targetDate(int slot) {
        return "action" + slot + "TargetDate";
    }

    /** Whether the instance holds slots (instances completed before the slots parse {@code proposedActions}). */
    static boolean present(VariableScope scope) {
        for (int slot = 1; slot <= SLOTS; slot++) {
            if (scope.getVariable(description(slot)) != null || scope.getVariable(owner(slot)) != null) {
                return true;
            }
        }
        return false;
    }

    /** The filled slots in order; a 400 naming the field for a missing description or owner, or an owner nobody may pick. */
    List<ProposedAction> read(VariableScope scope) {
        LocalDate defaultTarget = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                .plusDays(RegisterRcaActionsDelegate.DEFAULT_TARGET_DAYS);
        List<ProposedAction> actions = new ArrayList<>();
        for (int slot = 1; slot <= SLOTS; slot++) {
            String description = text(scope, description(slot));
            String owner = text(scope, owner(slot));
            Object date = scope.getVariable(targetDate(slot));
            boolean dated = date != null && !date.toString().isBlank();
            if (description == null) {
                if (slot == 1) {
                    throw new InvalidInputException(description(slot), "is required: propose at least one action");
                }
                if (owner != null || dated) {
                    throw new InvalidInputException(description(slot), "is required when an owner or date is given");
                }
                continue;
            }
            if (description.length() > MAX_DESCRIPTION) {
                throw new InvalidInputException(description(slot), "at most " + MAX_DESCRIPTION + " characters");
            }
            if (owner == null) {
                throw new InvalidInputException(owner(slot), "is required for an action");
            }
            if (!options.isOwner(owner)) {
                throw new InvalidInputException(
                        owner(slot), "'" + owner + "' is neither a role group nor a staff member");
            }
            LocalDate target = dated ? FormDates.required(date, targetDate(slot), "") : defaultTarget;
            actions.add(new ProposedAction(description, owner, target));
        }
        return actions;
    }

    /** The read-only summary the review and client-RCA forms show: one action per line. */
    static String summary(List<ProposedAction> actions) {
        return actions.stream()
                .map(action -> action.description().replaceAll("\\R+", " ") + " | " + action.owner() + " | "
                        + action.targetDate())
                .collect(Collectors.joining("\n"));
    }

    private static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        String text = value == null ? "" : value.toString().strip();
        return text.isEmpty() ? null : text;
    }
}
