package com.csmflow.change;

import static com.csmflow.change.ChangeProcess.CONFIGURATION_ITEMS;
import static com.csmflow.change.ChangeProcess.CONFIGURATION_ITEM_STATUS;
import static com.csmflow.change.ChangeProcess.CONFIGURATION_ITEM_VERSION;
import static com.csmflow.change.ChangeProcess.CONFIGURATION_UPDATES;
import static com.csmflow.change.ChangeProcess.UPDATED_CONFIGURATION_ITEMS;
import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.InvalidInputException;
import com.csmflow.cmdb.CiStatus;
import com.csmflow.cmdb.ConfigurationItems;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (event {@code complete}) on "Update configuration documents and CMDB": writes what the change
 * did to the CMDB. Every item the change named ({@code configurationItems}) and every item the CSE picked
 * ({@code updatedConfigurationItems}, items of the change's client only) gets a CI change row linked to the
 * change's reference, with the notes ({@code configurationUpdates}) and, when given, the new status
 * ({@code configurationItemStatus}) and version ({@code configurationItemVersion}) set on the item. A refused
 * value names its field and the task stays open.
 */
@Component("recordConfigurationUpdates")
class ConfigurationUpdateListener implements TaskListener {

    private final ConfigurationItems configurationItems;

    ConfigurationUpdateListener(ConfigurationItems configurationItems) {
        this.configurationItems = configurationItems;
    }

    @Override
    public void notify(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        String client = CLIENT_REFERENCE.text(execution);
        String change = execution.getProcessBusinessKey();
        Set<String> wanted =
                new LinkedHashSet<>(ChangeStepDelegate.members(execution.getVariable(CONFIGURATION_ITEMS.name())));
        List<String> picked;
        CiStatus status = null;
        try {
            picked = configurationItems.requireOfClient(
                    client,
                    ChangeStepDelegate.members(execution.getVariable(UPDATED_CONFIGURATION_ITEMS.name())),
                    UPDATED_CONFIGURATION_ITEMS.name());
            String statusText = CONFIGURATION_ITEM_STATUS.text(execution);
            if (statusText != null) {
                status = ConfigurationItems.status(statusText, CONFIGURATION_ITEM_STATUS.name());
            }
        } catch (InvalidFieldException invalid) {
            throw InvalidInputException.of(invalid);
        }
        wanted.addAll(picked);
        String version = CONFIGURATION_ITEM_VERSION.text(execution);
        if (version != null && version.length() > 64) {
            throw new InvalidInputException(CONFIGURATION_ITEM_VERSION.name(), "at most 64 characters");
        }
        if (wanted.isEmpty()) {
            return; // a change that names no CMDB item: the notes are its record, as before the CMDB
        }
        String notes = CONFIGURATION_UPDATES.text(execution);
        if (notes == null) {
            throw new InvalidInputException(
                    CONFIGURATION_UPDATES.name(), "say what changed on the configuration items");
        }
        if (notes.length() > 4000) {
            throw new InvalidInputException(CONFIGURATION_UPDATES.name(), "at most 4000 characters");
        }
        for (String item : wanted) {
            configurationItems.recordChange(execution, change, item, status, version, notes);
        }
        UPDATED_CONFIGURATION_ITEMS.set(execution, new ArrayList<>(wanted));
    }
}
