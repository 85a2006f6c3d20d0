package com.csmflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ServiceTaskBuilder;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Keeps the Modeler element templates ({@code bpmn/.camunda/element-templates/*.json}, read from the
 * file system so a new template is picked up without any registration) and their delegates in step.
 * For every template:
 * <ol>
 *   <li>it is a Camunda 7 template (schema, id, name, appliesTo) and configures its delegate only by
 *       {@code camunda:delegateExpression="${bean}"} and {@code camunda:inputParameter}s (no class, no field injection);</li>
 *   <li>the bean exists and is a {@link TemplateBackedDelegate};</li>
 *   <li>its {@link TemplateBackedDelegate#inputNames()} equal the template's input parameters;</li>
 *   <li>run once in a generated one-task process with those inputs, it reads (with the {@code *Local}
 *       variable methods) exactly those names: the execution handed to it records every local read.</li>
 * </ol>
 */
@CsmFlowTest
class ElementTemplateContractTest {

    static final Path TEMPLATES = Path.of("bpmn/.camunda/element-templates");
    private static final Pattern BEAN_EXPRESSION = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)}$");
    private static final Set<String> LOCAL_READS =
            Set.of("getVariableLocal", "getVariableLocalTyped", "hasVariableLocal");
    private static final String PROBE_BEAN = "templateContractProbe";
    private static final AtomicInteger PROBES = new AtomicInteger();

    @Autowired
    ApplicationContext context;

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    RuntimeService runtimeService;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void templatesExistAndHaveUniqueIds() throws IOException {
        List<Template> templates = templates();
        assertThat(templates).extracting(Template::id).isNotEmpty().doesNotHaveDuplicates();
        assertThat(templates).extracting(Template::id).contains("com.csmflow.register.record-in-register");
    }

    @TestFactory
    Stream<DynamicTest> everyTemplateMatchesItsDelegate() throws IOException {
        return templates().stream()
                .map(template -> DynamicTest.dynamicTest(template.toString(), () -> check(template)));
    }

    private void check(Template template) {
        JsonNode node = template.node();
        assertThat(node.path("$schema").asText()).as("%s: $schema", template).contains("element-templates-json-schema");
        assertThat(node.path("name").asText()).as("%s: name", template).isNotBlank();
        assertThat(node.path("appliesTo").isArray() && !node.path("appliesTo").isEmpty())
                .as("%s: appliesTo", template)
                .isTrue();

        String beanName = null;
        Map<String, String> inputs = new LinkedHashMap<>();
        for (JsonNode property : node.path("properties")) {
            JsonNode binding = property.path("binding");
            String type = binding.path("type").asText();
            String name = binding.path("name").asText();
            if (type.equals("property") && name.equals("camunda:delegateExpression")) {
                Matcher matcher = BEAN_EXPRESSION.matcher(property.path("value").asText());
                assertThat(matcher.matches())
                        .as(
                                "%s: delegateExpression must be ${beanName}, is '%s'",
                                template, property.path("value").asText())
                        .isTrue();
                beanName = matcher.group(1);
            } else if (type.equals("property") && (name.equals("camunda:class") || name.equals("camunda:expression"))) {
                fail("%s: configure the delegate by camunda:delegateExpression, not %s", template, name);
            } else if (type.equals("camunda:field")) {
                fail(
                        "%s: no camunda:field injection into singleton beans (field '%s'); use camunda:inputParameter",
                        template, name);
            } else if (type.equals("camunda:inputParameter")) {
                assertThat(inputs.put(name, sampleValue(property)))
                        .as("%s: input '%s' declared twice", template, name)
                        .isNull();
            }
        }
        assertThat(beanName)
                .as("%s: no camunda:delegateExpression property", template)
                .isNotNull();
        assertThat(context.containsBean(beanName))
                .as("%s: no bean named '%s'", template, beanName)
                .isTrue();
        Object bean = context.getBean(beanName);
        assertThat(bean)
                .as("%s: bean '%s' must implement TemplateBackedDelegate", template, beanName)
                .isInstanceOf(TemplateBackedDelegate.class);
        TemplateBackedDelegate delegate = (TemplateBackedDelegate) bean;

        assertThat(new TreeSet<>(delegate.inputNames()))
                .as("%s: inputNames() of bean '%s' vs the template's camunda:inputParameter names", template, beanName)
                .isEqualTo(new TreeSet<>(inputs.keySet()));

        Set<String> read = runOnce(delegate, inputs);
        assertThat(new TreeSet<>(read))
                .as(
                        "%s: names bean '%s' read with getVariableLocal(..) when run with the template's inputs "
                                + "(read every input, and all of them before validating; never read other local names)",
                        template, beanName)
                .isEqualTo(new TreeSet<>(inputs.keySet()));
    }

    /** Runs the delegate in a generated one-task process and returns the local variable names it read. */
    private Set<String> runOnce(TemplateBackedDelegate delegate, Map<String, String> inputs) {
        String processKey = "template-probe-" + PROBES.incrementAndGet();
        ServiceTaskBuilder task = Bpmn.createExecutableProcess(processKey)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_Probe")
                .camundaDelegateExpression("${" + PROBE_BEAN + "}");
        inputs.forEach(task::camundaInputParameter);
        BpmnModelInstance model = task.endEvent().done();
        String deploymentId = repositoryService
                .createDeployment()
                .name(processKey)
                .addModelInstance(processKey + ".bpmn", model)
                .deploy()
                .getId();
        RecordingDelegate probe = new RecordingDelegate(delegate);
        probeBean().current = probe;
        try {
            runtimeService.startProcessInstanceByKey(processKey, "PROBE-" + PROBES.get());
        } catch (RuntimeException failureAfterTheReads) {
            // placeholder inputs usually make the delegate fail after reading them: only the reads matter
        } finally {
            repositoryService.deleteDeployment(deploymentId, true);
        }
        assertThat(probe.called).as("the delegate was not invoked").isTrue();
        return probe.localReads;
    }

    /**
     * The generated process calls {@code ${templateContractProbe}}, a singleton added to the running
     * context once (no extra test configuration, so this test shares the one cached context).
     */
    private ProbeBean probeBean() {
        ConfigurableListableBeanFactory beans = ((ConfigurableApplicationContext) context).getBeanFactory();
        synchronized (ElementTemplateContractTest.class) {
            if (!beans.containsSingleton(PROBE_BEAN)) {
                beans.registerSingleton(PROBE_BEAN, new ProbeBean());
            }
        }
        return (ProbeBean) beans.getSingleton(PROBE_BEAN);
    }

    /** Forwards to the recording delegate of the current run. */
    static final class ProbeBean implements JavaDelegate {
        volatile JavaDelegate current;

        @Override
        public void execute(DelegateExecution execution) throws Exception {
            current.execute(execution);
        }
    }

    /** The template's literal default, else the first non-empty choice, else a placeholder. */
    private static String sampleValue(JsonNode property) {
        String value = property.path("value").asText("");
        if (!value.isBlank() && !value.contains("${") && !value.contains("#{")) {
            return value;
        }
        for (JsonNode choice : property.path("choices")) {
            String choiceValue = choice.path("value").asText("");
            if (!choiceValue.isBlank() && !choiceValue.contains("${")) {
                return choiceValue;
            }
        }
        return "x";
    }

    private List<Template> templates() throws IOException {
        assertThat(TEMPLATES).as("run the tests from the project directory").isDirectory();
        List<Template> templates = new ArrayList<>();
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = json.readTree(file.toFile());
                // a file holds one template or an array of them
                if (root.isArray()) {
                    root.forEach(node ->
                            templates.add(new Template(file.getFileName().toString(), node)));
                } else {
                    templates.add(new Template(file.getFileName().toString(), root));
                }
            }
        }
        return templates;
    }

    record Template(String file, JsonNode node) {
        String id() {
            return node.path("id").asText();
        }

        @Override
        public String toString() {
            return file + " (" + id() + ")";
        }
    }

    /**
     * Calls the real delegate with the real execution behind a recording proxy: every name asked for
     * with a {@code *Local} variable method is noted, everything is passed through.
     */
    static final class RecordingDelegate implements JavaDelegate {
        private final JavaDelegate target;
        final Set<String> localReads = new ConcurrentSkipListSet<>();
        volatile boolean called;

        RecordingDelegate(JavaDelegate target) {
            this.target = target;
        }

        @Override
        public void execute(DelegateExecution execution) throws Exception {
            called = true;
            InvocationHandler recorder = (proxy, method, args) -> {
                if (LOCAL_READS.contains(method.getName())
                        && args != null
                        && args.length > 0
                        && args[0] instanceof String name) {
                    localReads.add(name);
                }
                try {
                    return method.invoke(execution, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            DelegateExecution recording = (DelegateExecution) Proxy.newProxyInstance(
                    DelegateExecution.class.getClassLoader(), new Class<?>[] {DelegateExecution.class}, recorder);
            target.execute(recording);
        }
    }

    /** Self-check: a template that declares one input fewer, or one more, than the delegate is caught. */
    @Test
    void aTemplateOutOfStepWithItsDelegateIsCaught() throws IOException {
        String missingAction = """
                {"$schema": "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json",
                 "name": "Out of step", "id": "test.out-of-step", "appliesTo": ["bpmn:ServiceTask"],
                 "properties": [
                   {"type": "Hidden", "value": "${registerRecord}",
                    "binding": {"type": "property", "name": "camunda:delegateExpression"}},
                   {"type": "String", "binding": {"type": "camunda:inputParameter", "name": "register"}},
                   {"type": "String", "binding": {"type": "camunda:inputParameter", "name": "reference"}},
                   {"type": "String", "binding": {"type": "camunda:inputParameter", "name": "data"}}]}
                """;
        assertThatThrownBy(() -> check(new Template("missing.json", json.readTree(missingAction))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("inputNames()");
        String extraInput = missingAction.replace(
                "\"data\"}}]}",
                "\"data\"}},"
                        + "{\"type\": \"String\", \"binding\": {\"type\": \"camunda:inputParameter\", \"name\": \"action\"}},"
                        + "{\"type\": \"String\", \"binding\": {\"type\": \"camunda:inputParameter\", \"name\": \"colour\"}}]}");
        assertThatThrownBy(() -> check(new Template("extra.json", json.readTree(extraInput))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("colour");
        String unknownBean = missingAction.replace("${registerRecord}", "${noSuchDelegate}");
        assertThatThrownBy(() -> check(new Template("bean.json", json.readTree(unknownBean))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("noSuchDelegate");
    }

    /** A self-check of the recorder, so a passing contract test means something. */
    @Test
    void recorderSeesLocalReadsOnly() {
        Set<String> seen = new HashSet<>();
        TemplateBackedDelegate sloppy = new TemplateBackedDelegate() {
            @Override
            public Set<String> inputNames() {
                return Set.of("a");
            }

            @Override
            public void execute(DelegateExecution execution) {
                execution.getVariableLocal("a");
                execution.getVariableLocal("undeclared");
                execution.getVariable("processVariable");
            }
        };
        seen.addAll(runOnce(sloppy, Map.of("a", "1")));
        assertThat(seen).containsExactlyInAnyOrder("a", "undeclared");
    }
}
