package com.csmflow.cmdb;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.InvalidInputException;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.ProcessVariable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (event {@code complete}) on a "Set up the CMDB" task of a case with a
 * {@code clientReference} (onboarding, 000 §4.1.1): the item the form describes ({@code ciName},
 * {@code ciType}, {@code ciTechnologyGroup}, optional {@code ciLocation}, {@code ciOwnerName}, {@code ciStatus})
 * is registered, then the task completes only when the client has at least one item in the CMDB that is not
 * retired, refused otherwise naming {@code ciName} (the task stays open). More items come through
 * {@code POST /api/cis}. The counts are left as {@code cmdbItemCount} and {@code cmdbDeviceCount}.
 */
@Component("cmdbSetUpCheck")
class CmdbSetUpCheck implements TaskListener {

    static final ProcessVariable<String> CI_NAME = ProcessVariable.text("ciName");
    static final ProcessVariable<String> CI_TYPE = ProcessVariable.text("ciType");
    static final ProcessVariable<String> CI_TECHNOLOGY_GROUP = ProcessVariable.text("ciTechnologyGroup");
    static final ProcessVariable<String> CI_LOCATION = ProcessVariable.text("ciLocation");
    static final ProcessVariable<String> CI_OWNER = ProcessVariable.text("ciOwnerName");
    static final ProcessVariable<String> CI_STATUS = ProcessVariable.text("ciStatus");
    public static final ProcessVariable<Long> CMDB_ITEM_COUNT = ProcessVariable.number("cmdbItemCount");
    public static final ProcessVariable<Long> CMDB_DEVICE_COUNT = ProcessVariable.number("cmdbDeviceCount");

    private final ConfigurationItems items;

    CmdbSetUpCheck(ConfigurationItems items) {
        this.items = items;
    }

    @Override
    public void notify(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        String client = CaseVariables.CLIENT_REFERENCE.text(execution);
        String name = CI_NAME.text(execution);
        if (name != null) {
            try {
                items.create(
                        new CiInput(
                                client,
                                name,
                                CI_TYPE.text(execution),
                                CI_TECHNOLOGY_GROUP.text(execution),
                                CI_LOCATION.text(execution),
                                CI_OWNER.text(execution),
                                CI_STATUS.text(execution),
                                null),
                        execution);
            } catch (InvalidFieldException invalid) {
                throw new InvalidInputException(formField(invalid.field()), invalid.getMessage());
            }
        }
        // the item is in the CMDB now: the case keeps no copy of it
        for (ProcessVariable<String> field :
                java.util.List.of(CI_NAME, CI_TYPE, CI_TECHNOLOGY_GROUP, CI_LOCATION, CI_OWNER, CI_STATUS)) {
            execution.removeVariable(field.name());
        }
        execution.removeVariable("registeredConfigurationItems");
        long registered = items.registeredCount(client);
        if (registered == 0) {
            throw new InvalidInputException(
                    CI_NAME.name(),
                    "register at least one configuration item of the client (here or with POST /api/cis)"
                            + " before the CMDB is set up");
        }
        CMDB_ITEM_COUNT.set(execution, registered);
        CMDB_DEVICE_COUNT.set(execution, items.activeDeviceCount(client));
    }

    /** The form's name of a field the register refused. */
    private static String formField(String field) {
        return switch (field) {
            case "name" -> CI_NAME.name();
            case "type" -> CI_TYPE.name();
            case "technologyGroup" -> CI_TECHNOLOGY_GROUP.name();
            case "status" -> CI_STATUS.name();
            default -> field;
        };
    }
}
