package com.csmflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;

/**
 * Tuning 18: the FEEL engine that keeps parse trees gives every decision table of bpmn/ the results
 * of Camunda's own engine, for every combination of the values its rules name, and parses each text
 * once.
 */
class ParsedFeelExpressionsTest {

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    @Test
    void thePluginInstallsTheCachingEngineAndCanBeSwitchedOff() {
        StandaloneInMemProcessEngineConfiguration on = new StandaloneInMemProcessEngineConfiguration();
        new ParsedFeelExpressions(true).preInit(on);
        assertThat(on.getDmnEngineConfiguration().getFeelEngineFactory().createInstance())
                .isInstanceOf(ParsedFeelExpressions.CachingFeelEngine.class);

        StandaloneInMemProcessEngineConfiguration off = new StandaloneInMemProcessEngineConfiguration();
        new ParsedFeelExpressions(false).preInit(off);
        assertThat(off.getDmnEngineConfiguration()).isNull();
    }

    @Test
    void everyTableAnswersAsCamundasEngineDoesAndEachTextIsParsedOnce() {
        AtomicInteger parses = new AtomicInteger();
        ParsedFeelExpressions.CachingFeelEngine caching = new ParsedFeelExpressions.CachingFeelEngine(List.of()) {
            {
                // count the parses the cache lets through
                var engine = feelEngine;
                feelEngine =
                        new org.camunda.feel.FeelEngine(
                                engine.functionProvider(),
                                engine.valueMapper(),
                                engine.configuration(),
                                engine.clock()) {
                            @Override
                            public camundajar.impl.scala.util.Either<
                                            org.camunda.feel.FeelEngine.Failure,
                                            org.camunda.feel.syntaxtree.ParsedExpression>
                                    parseUnaryTests(String expression) {
                                parses.incrementAndGet();
                                return super.parseUnaryTests(expression);
                            }

                            @Override
                            public camundajar.impl.scala.util.Either<
                                            org.camunda.feel.FeelEngine.Failure,
                                            org.camunda.feel.syntaxtree.ParsedExpression>
                                    parseExpression(String expression) {
                                parses.incrementAndGet();
                                return super.parseExpression(expression);
                            }
                        };
            }
        };
        DmnEngine cached = engine(caching);
        DmnEngine plain = engine(new ScalaFeelEngine(List.of()));
        int evaluations = 0;
        File[] tables = new File("bpmn").listFiles((dir, name) -> name.endsWith(".dmn"));
        assertThat(tables).isNotEmpty();
        for (File file : tables) {
            DmnModelInstance model = Dmn.readModelFromFile(file);
            for (Map<String, Object> variables : combinations(model)) {
                for (DmnDecision decision : cached.parseDecisions(Dmn.readModelFromFile(file))) {
                    DmnDecision same = plain.parseDecision(decision.getKey(), Dmn.readModelFromFile(file));
                    Object expected = outcome(plain, same, variables);
                    assertThat(outcome(cached, decision, variables))
                            .as(file.getName() + " with " + variables)
                            .isEqualTo(expected);
                    evaluations++;
                }
            }
        }
        int parsesAfterFirstRound = parses.get();
        assertThat(evaluations).isGreaterThan(100);
        assertThat(parsesAfterFirstRound).isPositive().isLessThan(evaluations);
        // a second round of every table parses nothing again
        for (File file : tables) {
            DmnModelInstance model = Dmn.readModelFromFile(file);
            for (Map<String, Object> variables : combinations(model)) {
                for (DmnDecision decision : cached.parseDecisions(Dmn.readModelFromFile(file))) {
                    outcome(cached, decision, variables);
                }
            }
        }
        assertThat(parses.get()).isEqualTo(parsesAfterFirstRound);
    }

    @Test
    void aTextThatDoesNotParseFailsAsWithCamundasEngine() {
        ParsedFeelExpressions.CachingFeelEngine caching = new ParsedFeelExpressions.CachingFeelEngine(List.of());
        var context = Variables.createVariables().putValue("x", 1).asVariableContext();
        assertThatThrownBy(() -> caching.evaluateSimpleUnaryTests("> > 3", "cellInput", context))
                .isInstanceOf(FeelException.class);
        assertThat(caching.evaluateSimpleUnaryTests(
                        "> 3",
                        "cellInput",
                        Variables.createVariables().putValue("cellInput", 4).asVariableContext()))
                .isTrue();
        assertThat((Object) caching.evaluateSimpleExpression("x + 1", context)).isEqualTo(2L);
    }

    private static DmnEngine engine(ScalaFeelEngine feel) {
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DefaultDmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        configuration.setFeelEngineFactory(() -> feel);
        return configuration.buildEngine();
    }

    /** The decision's result, or the class of the exception it threw. */
    private static Object outcome(DmnEngine engine, DmnDecision decision, Map<String, Object> variables) {
        try {
            return engine.evaluateDecision(decision, variables).getResultList();
        } catch (RuntimeException e) {
            return e.getClass().getName();
        }
    }

    /** Every combination of the values the rules name per input, plus a value no rule names and null. */
    private static List<Map<String, Object>> combinations(DmnModelInstance model) {
        List<String> names = new ArrayList<>();
        List<List<Object>> values = new ArrayList<>();
        for (Input input : model.getModelElementsByType(Input.class)) {
            String name = input.getInputExpression().getText().getTextContent().trim();
            String type = input.getInputExpression().getTypeRef();
            Set<Object> candidates = new LinkedHashSet<>();
            int column = ((org.camunda.bpm.model.dmn.instance.DecisionTable) input.getParentElement())
                    .getInputs().stream().toList().indexOf(input);
            for (Rule rule : model.getModelElementsByType(Rule.class)) {
                if (rule.getParentElement() != input.getParentElement()) {
                    continue;
                }
                InputEntry entry = rule.getInputEntries().stream().toList().get(column);
                String text = entry.getText() == null ? "" : entry.getText().getTextContent();
                Matcher quoted = QUOTED.matcher(text);
                while (quoted.find()) {
                    candidates.add(quoted.group(1));
                }
                Matcher number = NUMBER.matcher(text.replaceAll("\"[^\"]*\"", ""));
                while (number.find()) {
                    long value = (long) Double.parseDouble(number.group());
                    candidates.add(value);
                    candidates.add(value + 1);
                    candidates.add(value - 1);
                }
            }
            if ("boolean".equals(type)) {
                candidates.add(true);
                candidates.add(false);
            } else if ("string".equals(type) || candidates.isEmpty()) {
                candidates.add("no rule names this");
            }
            candidates.add(null);
            names.add(name);
            values.add(new ArrayList<>(candidates));
        }
        List<Map<String, Object>> combinations = new ArrayList<>();
        combinations.add(new HashMap<>());
        for (int i = 0; i < names.size(); i++) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : combinations) {
                for (Object value : values.get(i)) {
                    Map<String, Object> map = new HashMap<>(partial);
                    map.put(names.get(i), value);
                    next.add(map);
                }
            }
            combinations = next.size() > 1_500 ? next.subList(0, 1_500) : next;
        }
        return combinations;
    }
}
