package com.csmflow.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the engine's history keeps beyond its own defaults: the one place that hands history events to
 * the database (docs/security.md, "What the history keeps").
 * <ul>
 *   <li><b>Personal variables</b> (named by {@link PersonalVariables} beans) stay out of the history: the
 *       engine's database history handler gets every event except the variable events (create, update,
 *       delete, migrate) and the form-field events (Tasklist's submit-form writes one per field) of those
 *       names. All events of a name are dropped alike, so no later update looks for a historic row that
 *       was never written.</li>
 *   <li><b>Technical machinery</b> (issue 22, docs/performance.md tuning 19): for the processes named in
 *       {@code csmflow.history.technical-processes} (default {@code notification-delivery}, one instance
 *       per mail batch) the handler also drops the activity-instance and variable events (with their
 *       details). Their process instance history, incidents, job log (every attempt, failures with their
 *       stack trace) and user operation log stay; what was sent, to whom and when is the outbox's own
 *       record. An empty value keeps everything.</li>
 *   <li><b>Jobs without a process instance</b> (named in {@code csmflow.history.technical-jobs}, default
 *       the notification delivery job of tuning 23) have no instance whose time-to-live would date their
 *       job log; the engine leaves its removal time empty and the history cleanup never removes it. Their
 *       job log rows get the removal time of a delivery instance instead: written +
 *       {@link #TECHNICAL_JOB_LOG_TIME_TO_LIVE}.</li>
 *   <li><b>Task copies</b> (tuning 26): the variables named in {@code csmflow.history.task-copies}
 *       (default {@code caseReference, clientName}) are copied onto every user task for the Tasklist
 *       ({@code TaskContext}); the process variable of the same name holds the same value and keeps its
 *       history, so the task-local copies' events are dropped. An empty value keeps them.</li>
 *   <li><b>First details on change</b> (tuning 26, {@code csmflow.history.first-detail-on-change}, default
 *       true): see {@link FirstDetailOnChange}.</li>
 * </ul>
 * <p>
 * Engine internals: the history event handler and its event classes are the only place where a value
 * can be kept out of the history tables; the public API can only delete history afterwards, and it has no
 * way at all to delete the form-field details that Tasklist's submit-form writes.
 */
@Component
class HistoryPolicyPlugin extends AbstractProcessEnginePlugin {

    /** As the history time-to-live of {@code notification-delivery} (bpmn/notification-delivery.bpmn). */
    static final Duration TECHNICAL_JOB_LOG_TIME_TO_LIVE = Duration.ofDays(30);

    private final ObjectProvider<PersonalVariables> personal;
    private final Set<String> technicalProcesses;
    private final Set<String> technicalJobs;
    private final Set<String> taskCopies;
    private final boolean firstDetailOnChange;

    HistoryPolicyPlugin(
            ObjectProvider<PersonalVariables> personal,
            @Value("${csmflow.history.technical-processes:notification-delivery}") List<String> technicalProcesses,
            @Value("${csmflow.history.technical-jobs:csmflow-notification-delivery}") List<String> technicalJobs,
            @Value("${csmflow.history.task-copies:caseReference,clientName}") List<String> taskCopies,
            @Value("${csmflow.history.first-detail-on-change:true}") boolean firstDetailOnChange) {
        this.personal = personal;
        this.technicalProcesses = new HashSet<>(technicalProcesses);
        this.technicalProcesses.remove("");
        this.technicalJobs = new HashSet<>(technicalJobs);
        this.technicalJobs.remove("");
        this.taskCopies = new HashSet<>(taskCopies);
        this.taskCopies.remove("");
        this.firstDetailOnChange = firstDetailOnChange;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        if (configuration.isEnableDefaultDbHistoryEventHandler()) {
            configuration.setEnableDefaultDbHistoryEventHandler(false);
            handlers.add(
                    0,
                    new OnlyWhatIsKept(firstDetailOnChange ? new FirstDetailOnChange() : new DbHistoryEventHandler()));
        }
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    private final class OnlyWhatIsKept implements HistoryEventHandler {

        private final HistoryEventHandler database;

        OnlyWhatIsKept(HistoryEventHandler database) {
            this.database = database;
        }

        @Override
        public void handleEvent(HistoryEvent event) {
            if (kept(event, names())) {
                database.handleEvent(datedForCleanup(event, technicalJobs));
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            Set<String> names = names();
            for (HistoryEvent event : events) {
                if (kept(event, names)) {
                    database.handleEvent(datedForCleanup(event, technicalJobs));
                }
            }
        }

        private boolean kept(HistoryEvent event, Set<String> personalNames) {
            return !isPersonal(event, personalNames)
                    && !isTechnicalDetail(event, technicalProcesses)
                    && !isTaskCopy(event, taskCopies);
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

    /** A job log event of a technical job without an instance gets the removal time the engine leaves empty. */
    static HistoryEvent datedForCleanup(HistoryEvent event, Set<String> jobTypes) {
        if (event instanceof HistoricJobLogEvent jobLog
                && jobLog.getRemovalTime() == null
                && jobLog.getProcessInstanceId() == null
                && jobLog.getTimestamp() != null // the engine's clock when the row was written
                && jobTypes.contains(jobLog.getJobDefinitionType())) {
            jobLog.setRemovalTime(Date.from(jobLog.getTimestamp().toInstant().plus(TECHNICAL_JOB_LOG_TIME_TO_LIVE)));
        }
        return event;
    }

    /**
     * An event of a task-local variable of one of these names: all its events (create, update, delete)
     * carry the task, so all are dropped alike.
     */
    static boolean isTaskCopy(HistoryEvent event, Set<String> names) {
        return event instanceof HistoricVariableUpdateEventEntity variable
                && variable.getTaskId() != null
                && names.contains(variable.getVariableName());
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
