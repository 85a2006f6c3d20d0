package com.csmflow.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.bpmn.behavior.MultiInstanceActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.core.model.PropertyKey;
import org.camunda.bpm.engine.impl.core.variable.mapping.InputParameter;
import org.camunda.bpm.engine.impl.core.variable.mapping.IoMapping;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the service tasks of our {@link InputReadingDelegate}s without a variable scope.
 * <p>
 * A {@code camunda:inputParameter} makes the engine run its activity in an execution of its own and
 * store each input as a local variable with history, all deleted again when the step ends: for
 * {@code step=CLOSE} on a register step that is an execution, a variable and three history rows. In
 * the benchmark this was about a fifth of all statements of a standard change (docs/performance.md,
 * tuning 7). The inputs stay in the BPMN exactly as modelled (element templates, Modeler); at
 * deployment this plugin takes them off the engine's mapping of such service tasks and keeps them on the
 * activity, and {@link DelegateInputs} evaluates them (text, expressions, lists, maps) when the
 * delegate reads them, which for a service task is the same moment the mapping would have.
 * <p>
 * Left as the engine made them: tasks with output parameters, boundary events or multi-instance (they
 * need the scope anyway), and every delegate that does not declare itself an
 * {@link InputReadingDelegate} (it may read its inputs as variables).
 * <p>
 * Engine internals: a BPMN parse listener and the parsed activity model are the only way to change how the
 * engine maps inputs; {@code camunda:inputOutput} alone always creates the scope whose cost this removes.
 */
@Component
class DelegateInputsPlugin extends AbstractProcessEnginePlugin {

    /** The input parameters of an unscoped service task, in model order. */
    static final PropertyKey<List<InputParameter>> INPUTS = new PropertyKey<>("csmflow.delegateInputs");

    private static final PropertyKey<String> BEAN = new PropertyKey<>("csmflow.delegateBean");
    private static final Pattern BEAN_EXPRESSION = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");

    private final ListableBeanFactory beans;

    DelegateInputsPlugin(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new Unscoping());
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    /** The modelled inputs of the activity the execution is in, or {@code null} when the engine mapped them. */
    static List<InputParameter> inputsOf(DelegateExecution execution) {
        if (execution instanceof ExecutionEntity entity && entity.getActivity() != null) {
            return entity.getActivity().getProperties().get(INPUTS);
        }
        return null;
    }

    private final class Unscoping extends AbstractBpmnParseListener {

        @Override
        public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            String expression = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "delegateExpression");
            Matcher bean = expression == null ? null : BEAN_EXPRESSION.matcher(expression.trim());
            if (bean != null && bean.matches()) {
                activity.getProperties().set(BEAN, bean.group(1));
            }
        }

        /** After the whole process: only now the engine has attached the input mappings. */
        @Override
        public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
            Set<String> inputReaders = Set.of(beans.getBeanNamesForType(InputReadingDelegate.class));
            unscope(processDefinition, inputReaders);
        }

        private void unscope(ScopeImpl scope, Set<String> inputReaders) {
            for (ActivityImpl activity : scope.getActivities()) {
                unscope(activity, inputReaders);
                IoMapping mapping = activity.getIoMapping();
                String bean = activity.getProperties().get(BEAN);
                if (mapping == null
                        || bean == null
                        || !inputReaders.contains(bean)
                        || !mapping.getOutputParameters().isEmpty()
                        || hasBoundaryEvents(scope, activity)
                        || isInsideMultiInstance(activity)) {
                    continue;
                }
                activity.getProperties().set(INPUTS, List.copyOf(mapping.getInputParameters()));
                activity.setIoMapping(null);
                activity.setScope(false);
            }
        }

        private boolean hasBoundaryEvents(ScopeImpl scope, ActivityImpl activity) {
            return scope.getActivities().stream()
                    .anyMatch(other -> other != activity && other.getEventScope() == activity);
        }

        private boolean isInsideMultiInstance(ActivityImpl activity) {
            return activity.getFlowScope() instanceof ActivityImpl body
                    && body.getActivityBehavior() instanceof MultiInstanceActivityBehavior;
        }
    }
}
