package com.csmflow.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Attaches one create listener and one complete listener to every user task of every deployed model, present and future, which
 * hands the new task to each {@link UserTaskDecorator} bean. The decorators are looked up when a task is
 * created, not when the engine starts: they use engine services themselves.
 * <p>
 * Engine internals: a BPMN parse listener and the parsed task definition are the only way to add a task
 * listener to every user task without writing it into each model; the public API has no global task
 * listener.
 */
@Component
class UserTaskDecoratorsPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<UserTaskDecorator> decorators;

    UserTaskDecoratorsPlugin(ObjectProvider<UserTaskDecorator> decorators) {
        this.decorators = decorators;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AttachToUserTasks());
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private final class AttachToUserTasks extends AbstractBpmnParseListener {

        private final TaskListener decorate = new Decorate();
        private final TaskListener completed = new Completed();

        @Override
        public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
            if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, decorate);
                userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_COMPLETE, completed);
            }
        }
    }

    private final class Completed implements TaskListener {

        @Override
        public void notify(DelegateTask task) {
            decorators.orderedStream().forEach(decorator -> decorator.onComplete(task));
        }
    }

    private final class Decorate implements TaskListener {

        @Override
        public void notify(DelegateTask task) {
            decorators.orderedStream().forEach(decorator -> decorator.onCreate(task));
        }
    }
}
