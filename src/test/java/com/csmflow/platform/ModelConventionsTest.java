package com.csmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.forms.FormOptions;
import com.csmflow.security.RoleGroup;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards the modelling conventions of DESIGN.md for every workflow in bpmn/, present and future:
 * bounded history, a deployed Camunda Form and a role group on every user task, forms made only of
 * components Tasklist's form-js 1.8 renders, and no class or field injection in delegates.
 * Plain file parsing: no engine needed.
 */
class ModelConventionsTest {

    /** form-js 1.8 components that Tasklist 7.24 renders. */
    private static final Set<String> RENDERED_COMPONENTS = Set.of(
            "textfield",
            "textarea",
            "number",
            "select",
            "checkbox",
            "radio",
            "datetime",
            "text",
            "checklist",
            "taglist");

    private static final Set<String> ROLE_GROUPS =
            Arrays.stream(RoleGroup.values()).map(RoleGroup::id).collect(Collectors.toSet());

    private static Map<Path, BpmnModelInstance> models;
    private static Map<String, JsonNode> formsById;

    @BeforeAll
    static void readModelsAndForms() throws IOException {
        models = new HashMap<>();
        for (Path file : filesEndingWith(Path.of("bpmn"), ".bpmn")) {
            models.put(file, Bpmn.readModelFromFile(file.toFile()));
        }
        ObjectMapper json = new ObjectMapper();
        formsById = new HashMap<>();
        for (Path file : filesEndingWith(Path.of("forms"), ".form")) {
            JsonNode form = json.readTree(file.toFile());
            JsonNode previous = formsById.put(form.path("id").asText(), form);
            assertThat(previous)
                    .as("form id %s is used twice", form.path("id").asText())
                    .isNull();
        }
        assertThat(models).as("BPMN files in bpmn/").isNotEmpty();
    }

    @Test
    void everyExecutableProcessHasAHistoryTimeToLive() {
        List<String> without = new ArrayList<>();
        models.forEach((file, model) -> model.getModelElementsByType(Process.class).stream()
                .filter(Process::isExecutable)
                .filter(process -> process.getCamundaHistoryTimeToLiveString() == null
                        || process.getCamundaHistoryTimeToLiveString().isBlank())
                .forEach(process -> without.add(file.getFileName() + "#" + process.getId())));
        assertThat(without)
                .as("executable processes without camunda:historyTimeToLive")
                .isEmpty();
    }

    /**
     * History removal time is fixed when an instance starts (application.yaml,
     * historyRemovalTimeStrategy: start): a time-to-live shorter than an instance's life would let the
     * nightly cleanup remove the history of an instance that still runs. 30 days is the floor (a held
     * notification waits days at most); case processes keep a year.
     */
    @Test
    void timeToLiveOutlastsTheInstances() {
        List<String> tooShort = new ArrayList<>();
        models.forEach((file, model) -> model.getModelElementsByType(Process.class).stream()
                .filter(Process::isExecutable)
                .filter(process -> process.getCamundaHistoryTimeToLiveString() != null)
                .filter(process -> days(process.getCamundaHistoryTimeToLiveString()) < 30)
                .forEach(process -> tooShort.add(file.getFileName() + "#" + process.getId())));
        assertThat(tooShort)
                .as("executable processes with a history time-to-live under 30 days")
                .isEmpty();
    }

    /** Camunda's time-to-live: whole days, as a number or an ISO period of days. */
    private static long days(String timeToLive) {
        String value = timeToLive.strip();
        return value.startsWith("P") ? Period.parse(value).getDays() : Long.parseLong(value);
    }

    @Test
    void everyUserTaskHasADeployedFormAndARoleGroup() {
        List<String> problems = new ArrayList<>();
        models.forEach((file, model) -> {
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                String where = file.getFileName() + "#" + task.getId();
                checkFormRef(where, task.getCamundaFormRef(), task.getCamundaFormRefBinding(), problems);
                String groups = task.getCamundaCandidateGroups();
                if (groups == null || groups.isBlank()) {
                    // A personal task (e.g. one CAB member's vote) names its assignee instead.
                    String assignee = task.getCamundaAssignee();
                    if (assignee == null || assignee.isBlank()) {
                        problems.add(where + ": neither camunda:candidateGroups nor camunda:assignee");
                    }
                    continue;
                }
                for (String group : groups.split(",")) {
                    String id = group.trim();
                    if (!id.startsWith("${") && !ROLE_GROUPS.contains(id)) {
                        problems.add(where + ": candidate group '" + id + "' is not a role group");
                    }
                }
            }
            for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
                if (start.getCamundaFormRef() != null) {
                    checkFormRef(
                            file.getFileName() + "#" + start.getId(),
                            start.getCamundaFormRef(),
                            start.getCamundaFormRefBinding(),
                            problems);
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void formsUseOnlyComponentsTasklistRenders() {
        List<String> problems = new ArrayList<>();
        formsById.forEach((id, form) -> collectUnrenderedComponents(id, form.path("components"), problems));
        assertThat(problems).isEmpty();
    }

    /**
     * form-js refuses to render a form in which two components share an id ("form field with id
     * &lt;Text_2&gt; already exists"): Tasklist then shows a form failure instead of the task's form.
     */
    @Test
    void componentIdsAreUniqueInEachForm() {
        List<String> problems = new ArrayList<>();
        formsById.forEach((id, form) -> {
            Set<String> seen = new java.util.HashSet<>();
            collectDuplicateIds(id, form.path("components"), seen, problems);
        });
        assertThat(problems).isEmpty();
    }

    private static void collectDuplicateIds(
            String formId, JsonNode components, Set<String> seen, List<String> problems) {
        for (JsonNode component : components) {
            String componentId = component.path("id").asText();
            if (!componentId.isEmpty() && !seen.add(componentId)) {
                problems.add(formId + ": component id '" + componentId + "' is used twice");
            }
            collectDuplicateIds(formId, component.path("components"), seen, problems);
        }
    }

    /**
     * Issue 16, item 3: a field that asks for a client or a person is a select, taglist or radio over a list
     * the platform fills ({@link FormOptions}); a {@code valuesKey} names one of those lists.
     */
    @Test
    void clientsAndPeopleArePickedFromListsThePlatformFills() {
        List<String> problems = new ArrayList<>();
        formsById.forEach((id, form) -> collectTypedChoices(id, form.path("components"), problems));
        assertThat(problems).isEmpty();
    }

    @Test
    void delegatesAreSpringBeansWithoutFieldInjection() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : models.keySet()) {
            String xml = Files.readString(file);
            if (xml.contains("camunda:class=")) {
                problems.add(file.getFileName() + ": uses camunda:class instead of camunda:delegateExpression");
            }
            if (xml.contains("<camunda:field")) {
                problems.add(file.getFileName() + ": uses camunda:field instead of camunda:inputParameter");
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * A job that collides with another transaction on the same case (a user completing a task while a
     * notification branch runs) fails with an OptimisticLockingException and waits for its first retry: with
     * R5/PT5M the case stood still for five minutes (fault test). The first retry must come within 30 s.
     */
    @Test
    void jobsRetryACollisionWithinThirtySeconds() throws IOException {
        Pattern cycle = Pattern.compile("<camunda:failedJobRetryTimeCycle>([^<]*)</camunda:failedJobRetryTimeCycle>");
        List<String> problems = new ArrayList<>();
        for (Path file : models.keySet()) {
            Matcher found = cycle.matcher(Files.readString(file));
            while (found.find()) {
                String value = found.group(1).trim();
                if (value.startsWith("${")) {
                    continue; // a bean's cycle, validated where it is configured (NotificationRetry)
                }
                String first = value.startsWith("R") ? value.substring(value.indexOf('/') + 1) : value.split(",")[0];
                if (Duration.parse(first.trim()).compareTo(Duration.ofSeconds(30)) > 0) {
                    problems.add(file.getFileName() + ": retry cycle " + value + " waits " + first
                            + " before its first retry (use e.g. PT10S,PT1M,PT5M,PT5M,PT5M)");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static void checkFormRef(String where, String formRef, String binding, List<String> problems) {
        if (formRef == null || formRef.isBlank()) {
            problems.add(where + ": no camunda:formRef");
        } else if (!formsById.containsKey(formRef)) {
            problems.add(where + ": form '" + formRef + "' is not in forms/");
        }
        if (!"deployment".equals(binding)) {
            problems.add(where + ": camunda:formRefBinding must be 'deployment'");
        }
    }

    private static void collectUnrenderedComponents(String formId, JsonNode components, List<String> problems) {
        for (JsonNode component : components) {
            String type = component.path("type").asText();
            if (!RENDERED_COMPONENTS.contains(type)) {
                problems.add(formId + "#" + component.path("id").asText() + ": component type '" + type
                        + "' is not rendered by Tasklist's form-js 1.8");
            }
            collectUnrenderedComponents(formId, component.path("components"), problems);
        }
    }

    /** Keys of fields that name a client, people or CMDB items: chosen, never typed. */
    private static final Set<String> PICKED_KEYS = Set.of(
            "clientReference",
            "cabMembers",
            "riskOwner",
            "configurationItems",
            "updatedConfigurationItems",
            "assessedMember");

    private static final Set<String> PICKER_TYPES = Set.of("select", "taglist", "radio", "checklist");

    private static void collectTypedChoices(String formId, JsonNode components, List<String> problems) {
        for (JsonNode component : components) {
            String where = formId + "#" + component.path("id").asText();
            String key = component.path("key").asText("");
            String valuesKey = component.path("valuesKey").asText(null);
            if (valuesKey != null && !FormOptions.names().contains(valuesKey)) {
                problems.add(
                        where + ": valuesKey '" + valuesKey + "' is no list the platform fills " + FormOptions.names());
            }
            // a person, a client or a CI is picked; so is a team member slot (teamMember1); a label asking for a
            // "user id" is a person typed by hand whatever the key
            boolean asksForChoice = PICKED_KEYS.contains(key)
                    || key.endsWith("Owner")
                    || key.matches("teamMember\\d+")
                    || component
                            .path("label")
                            .asText("")
                            .toLowerCase(java.util.Locale.ROOT)
                            .contains("user id");
            if (asksForChoice
                    && !component.path("readonly").asBoolean(false)
                    && (!PICKER_TYPES.contains(component.path("type").asText()) || valuesKey == null)) {
                problems.add(where + ": '" + key + "' must be picked from a list (select/taglist/radio with a"
                        + " valuesKey of FormOptions), not typed");
            }
            collectTypedChoices(formId, component.path("components"), problems);
        }
    }

    private static List<Path> filesEndingWith(Path directory, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix))
                    .filter(file -> !file.toString().contains(".camunda"))
                    .sorted()
                    .toList();
        }
    }
}
