package com.csmflow.engine;

import java.util.Set;

/**
 * Process variables that carry personal data a workflow moves into its own register (where a row check
 * decides who reads it): a bean of this type names them, and the engine keeps no history of them
 * ({@link HistoryPolicyPlugin}): no historic variable instance, no variable or form-field detail.
 * Without it every value a form submits stays in the history tables, readable through Cockpit and the
 * history REST API by everyone with READ_HISTORY on the process, even after the variable is removed.
 */
public interface PersonalVariables {

    /** The variable names (form field keys) to keep out of the history. */
    Set<String> names();
}
