package com.csmflow.change;

import java.util.Locale;

/**
 * The CAB approval rules of the decision table {@code change-cab-approval}: when a vote is decided and
 * whether the change is approved. {@code any}: one approval is enough; {@code all}: every member must
 * approve; {@code majority}: more than half; {@code percentage}: at least that share of the members. A veto
 * (from a member of the veto group) rejects at once, whatever the rule.
 *
 * <p>"Decided" means the outcome can no longer change, so the multi-instance vote ends early and the
 * members who have not voted yet see their task disappear.
 */
final class CabRule {

    static final String ANY = "any";
    static final String ALL = "all";
    static final String MAJORITY = "majority";
    static final String PERCENTAGE = "percentage";

    private CabRule() {}

    static boolean approved(String rule, Integer percentage, int members, int approvals, boolean vetoed) {
        if (vetoed) {
            return false;
        }
        return switch (normalise(rule)) {
            case ANY -> approvals >= 1;
            case ALL -> approvals == members;
            case MAJORITY -> approvals * 2 > members;
            case PERCENTAGE -> approvals * 100 >= required(percentage) * members;
            default -> throw unknown(rule);
        };
    }

    static boolean decided(
            String rule, Integer percentage, int members, int approvals, int rejections, boolean vetoed) {
        if (vetoed || approvals + rejections >= members) {
            return true;
        }
        int open = members - approvals - rejections;
        // decided when the outcome is reached, or can no longer be reached with the votes still open
        return approved(rule, percentage, members, approvals, false)
                || !approved(rule, percentage, members, approvals + open, false);
    }

    private static int required(Integer percentage) {
        if (percentage == null || percentage < 1 || percentage > 100) {
            throw new IllegalArgumentException(
                    "The CAB rule 'percentage' needs a percentage of 1..100, was " + percentage);
        }
        return percentage;
    }

    private static String normalise(String rule) {
        return rule == null ? "" : rule.trim().toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException unknown(String rule) {
        return new IllegalArgumentException(
                "Unknown CAB approval rule '" + rule + "' (any, all, majority, percentage)");
    }
}
