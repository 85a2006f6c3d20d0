package com.csmflow.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps the variables named by {@link PersonalVariables} beans out of the history: the engine's database
 * history handler gets every event except the variable events (create, update, delete, migrate) and the
 * form-field events (Tasklist's submit-form writes one per field) of those names. All events of a name are
 * dropped alike, so no later update looks for a historic row that was never written.
 * <p>
 * Engine internals: the history event handler and its event classes are the only place where a value
 * can be kept out of the history tables; the public API can only delete history afterwards, and it has no
 * way at all to delete the form-field details that Tasklist's submit-form writes.
 * <p>
 * Technical machinery (issue 22, docs/performance.md tuning 19): for the processes named in
 * {@code csmflow.history.technical-processes} (default {@code notification-delivery}, one instance per
 * mail batch) the handler also drops the activity-instance and variable events (with their details).
 * Their process instance history, incidents, job log (every attempt, failures with their stack trace)
 * and user operation log stay; what was sent, to whom and when is the outbox's own record
 * (docs/security.md, "what the history keeps"). An empty value keeps everything.
 */
@Component
class PersonalVariablesHistoryPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<PersonalVariables> personal;
    private final Set<String> technicalProcesses;

    PersonalVariablesHistoryPlugin(
            ObjectProvider<PersonalVariables> personal,
            @Value("${csmflow.history.technical-processes:notification-delivery}") List<String> technicalProcesses) {
        this.personal = personal;
        this.technicalProcesses = new HashSet<>(technicalProcesses);
        this.technicalProcesses.remove("");
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        if (configuration.isEnableDefaultDbHistoryEventHandler()) {
            configuration.setEnableDefaultDbHistoryEventHandler(false);
            handlers.add(0, new WithoutPersonalVariables(new DbHistoryEventHandler()));
        }
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    private final class WithoutPersonalVariables implements HistoryEventHandler {

        private final HistoryEventHandler database;

        WithoutPersonalVariables(HistoryEventHandler database) {
            this.database = database;
        }

        @Override
        public void handleEvent(HistoryEvent event) {
            if (!isPersonal(event, names()) && !isTechnicalDetail(event, technicalProcesses)) {
                database.handleEvent(event);
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            Set<String> names = names();
            for (HistoryEvent event : events) {
                if (!isPersonal(event, names) && !isTechnicalDetail(event, technicalProcesses)) {
                    database.handleEvent(event);
                }
            }
        }

        /** The names, looked up at the first event (the beans that name them use engine services themselves). */
        private volatile Set<String> names;

        /**
         * Once: the names are constants of the workflows. Collecting them from the beans on every history
         * event was 4 % of the JVM's samples in the benchmark of issue 22.
         */
        private Set<String> names() {
            Set<String> known = names;
            if (known == null) {
                Set<String> collected = new HashSet<>();
                personal.forEach(variables -> collected.addAll(variables.names()));
                known = Set.copyOf(collected);
                names = known;
            }
            return known;
        }
    }

    /**
     * An activity-instance or variable event of a technical process. All such events of these processes
     * are dropped alike (start and end, create, update and delete), so none looks for a row never written.
     */
    static boolean isTechnicalDetail(HistoryEvent event, Set<String> processKeys) {
        if (processKeys.isEmpty()
                || !(event instanceof HistoricActivityInstanceEventEntity
                        || event instanceof HistoricVariableUpdateEventEntity
                        || event instanceof HistoricFormPropertyEventEntity)) {
            return false;
        }
        String key = event.getProcessDefinitionKey();
        if (key == null && event.getProcessDefinitionId() != null) {
            // the engine's definition ids start with the key ("key:version:id")
            key = event.getProcessDefinitionId().split(":", 2)[0];
        }
        return key != null && processKeys.contains(key);
    }

    static boolean isPersonal(HistoryEvent event, Set<String> names) {
        if (event instanceof HistoricVariableUpdateEventEntity variable) {
            return names.contains(variable.getVariableName());
        }
        if (event instanceof HistoricFormPropertyEventEntity field) {
            return names.contains(field.getPropertyId());
        }
        return false;
    }
}
