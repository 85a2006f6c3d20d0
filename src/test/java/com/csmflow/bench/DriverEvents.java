package com.csmflow.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Tells the simulated users when one of their instances got a task or ended, once the engine's
 * transaction committed, so that they never poll the database. Issue 22: since a change waits up to a
 * minute for its window, the users' polling (two queries per round) was most of the CPU per instance
 * and made the overhead ratio meaningless; a user of Tasklist does not poll the task table either.
 * <p>
 * The benchmark's own engine plugin (test code only): a parse listener adds a create listener to every
 * user task and an end listener to every process. The listeners cost the same for the baseline and the
 * change, a few microseconds per event.
 */
final class DriverEvents extends AbstractProcessEnginePlugin {

    /**
     * A task as the user sees it in its list: enough to pick the actor and fill the form. No execution
     * id: the engine moves a task to its parent execution when a parallel branch beside it ends.
     */
    record OpenTask(String id, String taskDefinitionKey, String assignee) {}

    /** A task was created in an instance ({@code task} set), or the instance ended ({@code task} null). */
    record Event(String processInstanceId, OpenTask task) {
        boolean ended() {
            return task == null;
        }
    }

    /** Events of instances nobody claimed yet: the start's commit may come before the caller's claim. */
    private static final int UNCLAIMED_LIMIT = 20_000;

    private final Object lock = new Object();
    private final Map<String, BlockingQueue<Event>> owners = new HashMap<>();
    private final Map<String, List<Event>> unclaimed = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Event>> eldest) {
            // instances nobody drives (mail deliveries, storms, escalations) fall out here
            return size() > UNCLAIMED_LIMIT;
        }
    };

    /** Sends the instance's events to {@code mailbox} from now on, with those that came before. */
    void claim(String processInstanceId, BlockingQueue<Event> mailbox) {
        synchronized (lock) {
            owners.put(processInstanceId, mailbox);
            List<Event> early = unclaimed.remove(processInstanceId);
            if (early != null) {
                mailbox.addAll(early);
            }
        }
    }

    void release(String processInstanceId) {
        synchronized (lock) {
            owners.remove(processInstanceId);
        }
    }

    private void publish(Event event) {
        synchronized (lock) {
            BlockingQueue<Event> mailbox = owners.get(event.processInstanceId());
            if (mailbox != null) {
                mailbox.add(event);
            } else {
                unclaimed
                        .computeIfAbsent(event.processInstanceId(), id -> new ArrayList<>())
                        .add(event);
            }
        }
    }

    /** Publishes after the commit: before it, the task is not visible to another transaction. */
    private void afterCommit(Runnable publish) {
        Context.getCommandContext()
                .getTransactionContext()
                .addTransactionListener(TransactionState.COMMITTED, commandContext -> publish.run());
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AttachListeners());
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private final class AttachListeners extends AbstractBpmnParseListener {

        private final TaskListener created = this::taskCreated;
        private final ExecutionListener ended = this::processEnded;

        @Override
        public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
            if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, created);
            }
        }

        @Override
        public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
            definition.addListener(ExecutionListener.EVENTNAME_END, ended);
        }

        private void taskCreated(DelegateTask task) {
            // read at commit time: the model's and the product's create listeners (routing) ran by then
            afterCommit(() -> publish(new Event(
                    task.getProcessInstanceId(),
                    new OpenTask(task.getId(), task.getTaskDefinitionKey(), task.getAssignee()))));
        }

        private void processEnded(DelegateExecution execution) {
            String processInstanceId = execution.getProcessInstanceId();
            afterCommit(() -> publish(new Event(processInstanceId, null)));
        }
    }
}
