package com.csmflow.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decision tables evaluated without parsing their FEEL text again for every evaluation
 * (docs/performance.md, tuning 18).
 *
 * <p>Camunda's {@link ScalaFeelEngine} hands each input entry and output entry of a decision table to
 * the FEEL engine as text, which parses it on every evaluation (camunda/feel-scala#1149, open). The
 * texts are few and fixed by the deployed tables, so this engine keeps each one's parse tree, keyed by
 * the text, and evaluates the tree in the same context Camunda's engine builds (the cell's input under
 * {@code inputVariableName}, then the decision's variables). A text that does not parse is not kept:
 * it goes to Camunda's engine, which reports the error as before. The cache is bounded: beyond
 * {@value #MAX_ENTRIES} texts (only generated tables could have so many) it starts again empty.
 * {@code csmflow.dmn.parsed-expression-cache=false} switches it off (for the benchmark's before/after).
 * <p>
 * Engine internals: the DMN engine's FEEL engine factory and Camunda's {@code ScalaFeelEngine} are the
 * only place where the parse can be kept; the public API evaluates decisions, it does not expose how
 * their expressions are parsed.
 */
@Component
class ParsedFeelExpressions extends AbstractProcessEnginePlugin {

    static final int MAX_ENTRIES = 2_000;

    private final boolean enabled;

    ParsedFeelExpressions(@Value("${csmflow.dmn.parsed-expression-cache:true}") boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (!enabled) {
            return;
        }
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
                ? configuration.getDmnEngineConfiguration()
                : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        if (dmn.getFeelEngineFactory() == null && !dmn.isEnableFeelLegacyBehavior()) {
            // read at creation, after the engine's configuration builder has set the custom functions
            dmn.setFeelEngineFactory(() -> new CachingFeelEngine(dmn.getFeelCustomFunctionProviders()));
            configuration.setDmnEngineConfiguration(dmn);
        }
    }

    /** Camunda's FEEL engine with the parse trees of the texts it has seen kept. */
    static class CachingFeelEngine extends ScalaFeelEngine {

        private final Map<String, ParsedExpression> unaryTests = new ConcurrentHashMap<>();
        private final Map<String, ParsedExpression> expressions = new ConcurrentHashMap<>();

        CachingFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
            super(functionProviders);
        }

        @Override
        public boolean evaluateSimpleUnaryTests(
                String expression, String inputVariable, VariableContext variableContext) {
            ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
            if (parsed == null) {
                return super.evaluateSimpleUnaryTests(expression, inputVariable, variableContext);
            }
            VariableProvider input = new VariableProvider.StaticVariableProvider(
                    new camundajar.impl.scala.collection.immutable.Map.Map1<>(INPUT_VARIABLE_NAME, inputVariable));
            VariableProvider variables = new VariableProvider.CompositeVariableProvider(
                    toScalaList(input, new ContextVariableWrapper(variableContext)));
            Object result = value(feelEngine.eval(parsed, new CustomContext() {
                @Override
                public VariableProvider variableProvider() {
                    return variables;
                }
            }));
            return camundajar.impl.scala.runtime.BoxesRunTime.unboxToBoolean(result);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
            ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
            if (parsed == null) {
                return super.evaluateSimpleExpression(expression, variableContext);
            }
            VariableProvider variables = new ContextVariableWrapper(variableContext);
            return (T) value(feelEngine.eval(parsed, new CustomContext() {
                @Override
                public VariableProvider variableProvider() {
                    return variables;
                }
            }));
        }

        private static ParsedExpression parsed(
                Map<String, ParsedExpression> cache,
                String expression,
                Function<String, camundajar.impl.scala.util.Either<FeelEngine.Failure, ParsedExpression>> parse) {
            ParsedExpression parsed = cache.get(expression);
            if (parsed != null) {
                return parsed;
            }
            camundajar.impl.scala.util.Either<FeelEngine.Failure, ParsedExpression> result = parse.apply(expression);
            if (result.isLeft()) {
                return null;
            }
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            parsed = result.toOption().get();
            cache.put(expression, parsed);
            return parsed;
        }

        /** The value, or Camunda's own exception with the FEEL engine's message (as ScalaFeelEngine does). */
        private static Object value(camundajar.impl.scala.util.Either<FeelEngine.Failure, Object> result) {
            if (result.isRight()) {
                return result.toOption().get();
            }
            throw LOGGER.evaluationException(result.left().toOption().get().message());
        }
    }
}
