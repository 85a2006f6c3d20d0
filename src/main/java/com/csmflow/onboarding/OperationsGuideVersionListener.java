package com.csmflow.onboarding;

import static com.csmflow.change.ChangeProcess.UPDATED_CONFIGURATION_ITEMS;
import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;
import static com.csmflow.onboarding.OnboardingProcess.OPERATIONS_GUIDE_VERSION;

import java.util.Collection;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (event {@code complete}) on the change's "Update configuration documents and CMDB", after
 * {@code ${recordConfigurationUpdates}}: a change that touched the client's configuration items leaves the
 * client's operations guide current (002: documentation kept up to date after moves, adds and changes). The
 * CSE gives the guide's new version ({@code operationsGuideVersion}), recorded as a new version of the
 * client's operations guide in the document register under the change's reference; without it, or with the
 * version already registered, or with no guide registered for the client, the task stays open and the
 * refusal names the field. A change that touched no item records nothing.
 */
@Component("recordOperationsGuideVersion")
class OperationsGuideVersionListener implements TaskListener {

    private final ClientDocuments documents;

    OperationsGuideVersionListener(ClientDocuments documents) {
        this.documents = documents;
    }

    @Override
    public void notify(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        Object touched = execution.getVariable(UPDATED_CONFIGURATION_ITEMS.name());
        if (!(touched instanceof Collection<?> items) || items.isEmpty()) {
            return;
        }
        String version = OPERATIONS_GUIDE_VERSION.text(execution);
        if (version == null) {
            throw new com.csmflow.api.InvalidInputException(
                    OPERATIONS_GUIDE_VERSION.name(),
                    "the change touched configuration items: give the operations guide's new version");
        }
        documents.newVersion(
                execution,
                CLIENT_REFERENCE.text(execution),
                DocumentKind.OPERATIONS_GUIDE,
                version,
                OPERATIONS_GUIDE_VERSION.name());
    }
}
