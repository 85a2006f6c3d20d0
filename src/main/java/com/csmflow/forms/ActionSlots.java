package com.csmflow.forms;

import com.csmflow.api.InvalidInputException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Actions a person plans on a form, in {@value #SLOTS} fixed slots (docs/forms.md "Action slots"):
 * {@code <prefix><n>Description}, {@code <prefix><n>Owner} (a select: who may own is the caller's rule, e.g.
 * {@link FormOptions#OWNERS} or {@link FormOptions#STAFF}) and {@code <prefix><n>TargetDate} (a form date).
 * Fixed slots because the forms allow no repeatable group (ModelConventionsTest), and a typed owner would defeat
 * "pick, don't type". Every form that plans actions (an RCA's SIP actions, a service's team, individual and
 * governance plans) reads them here, so the checks and the 400 naming the slot field are the same everywhere.
 */
public final class ActionSlots {

    public static final int SLOTS = 5;
    public static final int MAX_DESCRIPTION = 4000;

    /** One filled slot. */
    public record Action(String description, String owner, LocalDate targetDate) {}

    /**
     * What a form's slots accept.
     *
     * @param atLeastOne whether slot 1 must be filled
     * @param mayOwn who may own an action (checked on the server whatever the form offered)
     * @param whoMayOwn what an owner the rule refuses is, for the 400 ("not a staff member")
     * @param defaultOwner owner of an action whose owner is left empty; null: the owner is required
     * @param defaultTarget target date of an action without one
     */
    public record Rules(
            boolean atLeastOne,
            Predicate<String> mayOwn,
            String whoMayOwn,
            String defaultOwner,
            LocalDate defaultTarget) {}

    private final String prefix;

    private ActionSlots(String prefix) {
        this.prefix = prefix;
    }

    /** The slots whose field keys start with the prefix, e.g. {@code action} for {@code action1Description}. */
    public static ActionSlots named(String prefix) {
        return new ActionSlots(prefix);
    }

    public String description(int slot) {
        return prefix + slot + "Description";
    }

    public String owner(int slot) {
        return prefix + slot + "Owner";
    }

    public String targetDate(int slot) {
        return prefix + slot + "TargetDate";
    }

    /** Every field key of the slots (to clear them after a round, or to keep them out of the history). */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (int slot = 1; slot <= SLOTS; slot++) {
            names.addAll(List.of(description(slot), owner(slot), targetDate(slot)));
        }
        return names;
    }

    /** Whether any slot holds a description or an owner. */
    public boolean present(VariableScope scope) {
        for (int slot = 1; slot <= SLOTS; slot++) {
            if (text(scope, description(slot)) != null || text(scope, owner(slot)) != null) {
                return true;
            }
        }
        return false;
    }

    /** The filled slots in order; a 400 naming the slot field for anything the rules refuse. */
    public List<Action> read(VariableScope scope, Rules rules) {
        List<Action> actions = new ArrayList<>();
        for (int slot = 1; slot <= SLOTS; slot++) {
            String description = text(scope, description(slot));
            String owner = text(scope, owner(slot));
            Object date = scope.getVariable(targetDate(slot));
            boolean dated = date != null && !date.toString().isBlank();
            if (description == null) {
                if (slot == 1 && rules.atLeastOne()) {
                    throw new InvalidInputException(description(slot), "is required: plan at least one action");
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
                owner = rules.defaultOwner();
                if (owner == null) {
                    throw new InvalidInputException(owner(slot), "is required for an action");
                }
            } else if (!rules.mayOwn().test(owner)) {
                throw new InvalidInputException(owner(slot), "'" + owner + "' is " + rules.whoMayOwn());
            }
            LocalDate target = dated ? FormDates.required(date, targetDate(slot), "") : rules.defaultTarget();
            actions.add(new Action(description, owner, target));
        }
        return actions;
    }

    /** Empties the slots, so a form shown again in the next round starts empty. */
    public void clear(VariableScope scope) {
        names().forEach(scope::removeVariable);
    }

    /** One action per line, "description | owner | target date": what review forms and records show. */
    public static String summary(List<Action> actions) {
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
