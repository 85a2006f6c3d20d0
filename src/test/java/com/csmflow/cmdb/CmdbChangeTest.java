package com.csmflow.cmdb;

import static com.csmflow.change.ChangeProcess.CONFIGURATION_ITEMS;
import static com.csmflow.change.ChangeProcess.CONFIGURATION_ITEM_STATUS;
import static com.csmflow.change.ChangeProcess.CONFIGURATION_ITEM_VERSION;
import static com.csmflow.change.ChangeProcess.CONFIGURATION_UPDATES;
import static com.csmflow.change.ChangeProcess.TASK_UPDATE_CONFIGURATION;
import static com.csmflow.change.ChangeProcess.UPDATED_CONFIGURATION_ITEMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.csmflow.api.InvalidInputException;
import com.csmflow.change.ChangeProcess;
import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.WebappLogin;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A change names the CMDB items it touches, each one of the change's client's (400 naming
 * {@code configurationItems} otherwise, on the API and on the engine path), and its "update configuration
 * documents and CMDB" step records what it did to each item as a CI change linked to the change.
 */
@CsmFlowTest
class CmdbChangeTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Instant MONDAY_MORNING =
            ZonedDateTime.of(2026, 6, 1, 9, 0, 0, 0, LONDON).toInstant();

    @Autowired
    TestRestTemplate rest;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    TaskService taskService;

    @Autowired
    IdentityService identityService;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper json;

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING));
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void aChangeNamingAnotherClientsItemIsRefusedNamingTheFieldAndStartsNothing() throws Exception {
        String client = CmdbFixtures.newClient(rest);
        String other = CmdbFixtures.newClient(rest);
        String mine = CmdbFixtures.register(rest, client, "fw-01", "FIREWALL", "ACTIVE");
        String theirs = CmdbFixtures.register(rest, other, "fw-01", "FIREWALL", "ACTIVE");
        long changes = changeCount();

        ResponseEntity<String> refused = post(change(client, List.of(mine, theirs)));
        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode problem = json.readTree(refused.getBody());
        assertThat(CmdbFixtures.errorMessages(problem).get("configurationItems"))
                .contains(theirs)
                .contains("another client");
        assertThat(post(change(client, List.of("CI-1999-9999"))).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(changeCount()).as("nothing started, no row written").isEqualTo(changes);

        // the same rule on the engine path (Tasklist start form, engine REST): refused naming the field
        Map<String, Object> variables = engineStart(client, new ArrayList<>(List.of(theirs)));
        Throwable engineRefused =
                catchThrowable(() -> runtimeService.startProcessInstanceByKey(ChangeProcess.KEY, variables));
        assertThat(engineRefused).isInstanceOf(InvalidInputException.class);
        assertThat(((InvalidInputException) engineRefused).field()).isEqualTo(CONFIGURATION_ITEMS.name());
        assertThat(changeCount()).isEqualTo(changes);

        // naming the client's own items (any case) is fine: the change lists them as the register spells them
        ResponseEntity<String> created = post(change(client, List.of(mine.toLowerCase())));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode view = json.readTree(created.getBody());
        assertThat(view.path("configurationItems").get(0).asText()).isEqualTo(mine);
        assertThat(runtimeService.getVariable(view.path("processInstanceId").asText(), CONFIGURATION_ITEMS.name()))
                .isEqualTo(List.of(mine));
        cancel(view.path("processInstanceId").asText());
    }

    @Test
    void theCmdbStepRecordsEachTouchedItemsChangeLinkedToTheChange() throws Exception {
        String client = CmdbFixtures.newClient(rest);
        String other = CmdbFixtures.newClient(rest);
        String firewall = CmdbFixtures.register(rest, client, "fw-01", "FIREWALL", "ACTIVE");
        String sw = CmdbFixtures.register(rest, client, "sw-01", "NETWORK_DEVICE", "PLANNED");
        String untouched = CmdbFixtures.register(rest, client, "sw-02", "NETWORK_DEVICE", "ACTIVE");
        String theirs = CmdbFixtures.register(rest, other, "sw-01", "NETWORK_DEVICE", "ACTIVE");

        ResponseEntity<String> created = post(change(client, List.of(firewall)));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode view = json.readTree(created.getBody());
        String reference = view.path("reference").asText();
        String instance = view.path("processInstanceId").asText();
        // the change is approved, implemented and reviewed as a major change: straight to the CMDB step
        moveTo(instance, TASK_UPDATE_CONFIGURATION);
        Task step = taskService
                .createTaskQuery()
                .processInstanceId(instance)
                .taskDefinitionKey(TASK_UPDATE_CONFIGURATION)
                .singleResult();

        // the CSE's form offers this client's items only
        ResponseEntity<String> form = rest.exchange(
                "/camunda/api/engine/engine/default/task/" + step.getId() + "/deployed-form",
                HttpMethod.GET,
                new HttpEntity<>(WebappLogin.apiHeaders(rest, "tasklist", "cse", "cse")),
                String.class);
        assertThat(form.getStatusCode()).as(form.getBody()).isEqualTo(HttpStatus.OK);
        List<String> offered = new ArrayList<>();
        component(json.readTree(form.getBody()), UPDATED_CONFIGURATION_ITEMS.name())
                .path("values")
                .forEach(value -> offered.add(value.path("value").asText()));
        assertThat(offered).contains(firewall, sw, untouched).doesNotContain(theirs);

        identityService.setAuthentication("cse", List.of("cse"));
        // another client's item is refused naming the field; the task stays open
        Throwable refused = catchThrowable(() -> taskService.complete(
                step.getId(),
                Map.of(
                        CONFIGURATION_UPDATES.name(),
                        "Firmware 9.1 on the pair",
                        UPDATED_CONFIGURATION_ITEMS.name(),
                        new ArrayList<>(List.of(theirs)))));
        assertThat(CmdbFixtures.refusal(refused).field()).isEqualTo(UPDATED_CONFIGURATION_ITEMS.name());
        assertThat(taskService.createTaskQuery().taskId(step.getId()).count()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM configuration_item_change WHERE change_reference = ?",
                        Long.class,
                        reference))
                .isZero();

        Map<String, Object> done = new HashMap<>();
        done.put(CONFIGURATION_UPDATES.name(), "Firmware 9.1 on the pair, COG section 4.2 updated");
        done.put(UPDATED_CONFIGURATION_ITEMS.name(), new ArrayList<>(List.of(sw))); // a list, like the taglist
        done.put(CONFIGURATION_ITEM_STATUS.name(), "ACTIVE");
        done.put(CONFIGURATION_ITEM_VERSION.name(), "9.1");
        // items were touched: the client's operations guide must get its new version, and must exist to get one
        Throwable noGuide = catchThrowable(() -> taskService.complete(step.getId(), withGuide(done, "2.0")));
        assertThat(CmdbFixtures.refusal(noGuide).field()).isEqualTo("operationsGuideVersion");
        assertThat(CmdbFixtures.refusal(noGuide).getMessage()).contains("operations guide");
        registerOperationsGuide(client, "1.0");
        Throwable noVersion = catchThrowable(() -> taskService.complete(step.getId(), done));
        assertThat(CmdbFixtures.refusal(noVersion).field()).isEqualTo("operationsGuideVersion");
        Throwable sameVersion = catchThrowable(() -> taskService.complete(step.getId(), withGuide(done, "1.0")));
        assertThat(CmdbFixtures.refusal(sameVersion).field()).isEqualTo("operationsGuideVersion");
        assertThat(taskService.createTaskQuery().taskId(step.getId()).count()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM configuration_item_change WHERE change_reference = ?",
                        Long.class,
                        reference))
                .as("a refused completion writes nothing")
                .isZero();
        taskService.complete(step.getId(), withGuide(done, "2.0"));
        identityService.clearAuthentication();

        // the guide's new version is in the client's document register, written under the change
        assertThat(jdbc.queryForList(
                        "SELECT version, business_key FROM client_document WHERE client_reference = ?"
                                + " AND kind = 'OPERATIONS_GUIDE' ORDER BY id",
                        client))
                .extracting(row -> row.get("version") + "/" + row.get("business_key"))
                .containsExactly("1.0/null", "2.0/" + reference);

        // the item the change named and the one the CSE picked each got a CI change linked to the change
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT ci_reference, status_before, status_after, version_after, notes, recorded_by, client_reference"
                        + " FROM configuration_item_change WHERE change_reference = ? ORDER BY id",
                reference);
        assertThat(rows).extracting(row -> row.get("ci_reference")).containsExactly(firewall, sw);
        assertThat(rows).extracting(row -> row.get("status_before")).containsExactly("ACTIVE", "PLANNED");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("status_after")).isEqualTo("ACTIVE");
            assertThat(row.get("version_after")).isEqualTo("9.1");
            assertThat(row.get("notes")).isEqualTo("Firmware 9.1 on the pair, COG section 4.2 updated");
            assertThat(row.get("recorded_by")).isEqualTo("cse");
            assertThat(row.get("client_reference")).isEqualTo(client);
        });
        // the items themselves changed, audited under the change's case
        JsonNode switchNow = json.readTree(rest.withBasicAuth("csm", "csm")
                .getForEntity("/api/cis/" + sw, String.class)
                .getBody());
        assertThat(switchNow.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(switchNow.path("version").asText()).isEqualTo("9.1");
        assertThat(switchNow.path("changes").get(0).path("changeReference").asText())
                .isEqualTo(reference);
        assertThat(switchNow.path("changes").get(0).path("statusBefore").asText())
                .isEqualTo("PLANNED");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM register_audit WHERE register = 'configuration_item' AND reference = ?"
                                + " AND business_key = ?",
                        Long.class,
                        sw,
                        reference))
                .isEqualTo(1L);
        assertThat(jdbc.queryForObject(
                        "SELECT status FROM configuration_item WHERE reference = ?", String.class, untouched))
                .isEqualTo("ACTIVE");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM configuration_item_change WHERE ci_reference = ?", Long.class, untouched))
                .isZero();
        cancel(instance);
    }

    @Test
    void aChangeThatNamesItemsUpdatesTheCmdbAndTheOperationsGuideEvenWhenItIsNoMajorChange() throws Exception {
        String client = CmdbFixtures.newClient(rest);
        String firewall = CmdbFixtures.register(rest, client, "fw-01", "FIREWALL", "ACTIVE");
        registerOperationsGuide(client, "3.1");
        Map<String, Object> body = change(client, List.of(firewall));
        body.put("impact", "low"); // a normal low-impact change: no major change
        ResponseEntity<String> created = post(body);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode view = json.readTree(created.getBody());
        String reference = view.path("reference").asText();
        String instance = view.path("processInstanceId").asText();
        assertThat(runtimeService.getVariable(instance, "majorChange")).isEqualTo(false);

        moveTo(instance, "Task_TechnicalReview");
        identityService.setAuthentication("cse", List.of("cse"));
        taskService.complete(
                taskService
                        .createTaskQuery()
                        .processInstanceId(instance)
                        .taskDefinitionKey("Task_TechnicalReview")
                        .singleResult()
                        .getId(),
                Map.of("reviewNotes", "fine"));
        // it named an item of the CMDB: the CMDB and documentation step comes, not straight to billing
        Task step = taskService
                .createTaskQuery()
                .processInstanceId(instance)
                .taskDefinitionKey(TASK_UPDATE_CONFIGURATION)
                .singleResult();
        assertThat(step).as("the CMDB step of a change naming items").isNotNull();
        Map<String, Object> done = new HashMap<>();
        done.put(CONFIGURATION_UPDATES.name(), "ACL for the new branch");
        done.put("operationsGuideVersion", "3.2");
        taskService.complete(step.getId(), done);
        identityService.clearAuthentication();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM configuration_item_change WHERE change_reference = ? AND ci_reference = ?",
                        Long.class,
                        reference,
                        firewall))
                .isEqualTo(1L);
        assertThat(jdbc.queryForObject(
                        "SELECT version FROM client_document WHERE client_reference = ? AND business_key = ?",
                        String.class,
                        client,
                        reference))
                .isEqualTo("3.2");
        cancel(instance);
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, Object> withGuide(Map<String, Object> values, String version) {
        Map<String, Object> with = new HashMap<>(values);
        with.put("operationsGuideVersion", version);
        return with;
    }

    /** The client's operations guide in its document register, as the CSM records it. */
    private void registerOperationsGuide(String client, String version) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("kind", "OPERATIONS_GUIDE");
        document.put("title", "Customer operations guide");
        document.put("version", version);
        document.put("owner", "csm");
        document.put("location", "https://dms.example/cog");
        document.put("nextReviewDate", "2027-06-01");
        ResponseEntity<String> created = rest.withBasicAuth("csm", "csm")
                .postForEntity("/api/clients/" + client + "/documents", document, String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    private Map<String, Object> change(String client, List<String> items) {
        ZonedDateTime window = ZonedDateTime.of(2026, 6, 6, 2, 0, 0, 0, LONDON);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientReference", client);
        body.put("title", "Upgrade the firewall pair");
        body.put("description", "Firmware upgrade");
        body.put("requestedType", "normal");
        body.put("nonStandard", false);
        body.put("impactedServices", List.of("Networking"));
        body.put("configurationItems", items);
        body.put("windowStart", window.toInstant().toString());
        body.put("windowEnd", window.plusHours(2).toInstant().toString());
        body.put("urgency", "low");
        body.put("impact", "medium");
        body.put("billable", false);
        body.put("requesterEmail", "it@client.example");
        return body;
    }

    private Map<String, Object> engineStart(String client, List<String> items) {
        Map<String, Object> variables = new HashMap<>(change(client, items));
        ZonedDateTime window = ZonedDateTime.of(2026, 6, 6, 2, 0, 0, 0, LONDON);
        variables.put("impactedServices", "Networking");
        variables.put("windowStart", window.toOffsetDateTime().toString());
        variables.put("windowEnd", window.plusHours(2).toOffsetDateTime().toString());
        return variables;
    }

    private ResponseEntity<String> post(Map<String, Object> body) {
        return rest.withBasicAuth("csm", "csm").postForEntity("/api/changes", body, String.class);
    }

    private long changeCount() {
        return jdbc.queryForObject("SELECT count(*) FROM change_request", Long.class);
    }

    /** Cancels whatever the instance waits at and starts it before the activity (public modification API). */
    private void moveTo(String instance, String activityId) {
        ActivityInstance tree = runtimeService.getActivityInstance(instance);
        ProcessInstanceModificationBuilder modification =
                runtimeService.createProcessInstanceModification(instance).startBeforeActivity(activityId);
        for (ActivityInstance child : tree.getChildActivityInstances()) {
            modification.cancelActivityInstance(child.getId());
        }
        for (TransitionInstance waiting : tree.getChildTransitionInstances()) {
            modification.cancelTransitionInstance(waiting.getId());
        }
        modification.execute(true, true);
    }

    private void cancel(String instance) {
        if (runtimeService
                        .createProcessInstanceQuery()
                        .processInstanceId(instance)
                        .count()
                > 0) {
            runtimeService.deleteProcessInstance(instance, "test over", true, true);
        }
    }

    private static JsonNode component(JsonNode form, String key) {
        for (JsonNode component : form.path("components")) {
            if (key.equals(component.path("key").asText())) {
                return component;
            }
        }
        throw new AssertionError("no component " + key + " in " + form);
    }
}
