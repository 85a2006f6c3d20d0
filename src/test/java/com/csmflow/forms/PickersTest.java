package com.csmflow.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.forms.FormOptions.Option;
import com.csmflow.harness.CsmFlowTest;
import com.csmflow.harness.WebappLogin;
import com.csmflow.security.RoleGroup;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 16, item 3 (pick, don't type): the option lists the forms offer, how they reach the form on both ways to
 * the engine's API, and the server refusing what a list would not have offered, before a reference is drawn.
 */
@CsmFlowTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PickersTest {

    private static final String RETIRED = "PICKER-RETIRED";
    private static final String CAB_PERSON = "pmueller";
    private static final String NOT_CAB = "aberger";
    private static final String TWIN_NAME = "pmueller2";

    @Autowired
    FormOptions options;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    IdentityService identityService;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    TaskService taskService;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper json;

    private final List<String> instances = new ArrayList<>();

    @BeforeAll
    void peopleAndARetiredClient() {
        createUser(CAB_PERSON, "Peter", "Müller", "cab");
        createUser(TWIN_NAME, "Peter", "Müller", "cab", "service-manager");
        createUser(NOT_CAB, "Anna", "Berger", "cse");
        if (send("csm", HttpMethod.GET, "/api/clients/" + RETIRED, null).getStatusCode() == HttpStatus.NOT_FOUND) {
            assertThat(send("csm", HttpMethod.POST, "/api/clients", client(RETIRED))
                            .getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
            assertThat(send("csm", HttpMethod.POST, "/api/clients/" + RETIRED + "/retire", null)
                            .getStatusCode())
                    .isEqualTo(HttpStatus.OK);
        }
    }

    @AfterAll
    void cleanUp() {
        instances.forEach(
                id -> runtimeService.deleteProcessInstanceIfExists(id, "pickers test", true, true, true, false));
        for (String user : List.of(CAB_PERSON, NOT_CAB, TWIN_NAME)) {
            identityService.deleteUser(user);
        }
    }

    @Test
    void clientListHoldsTheActiveClientsByNameWithTheirReferenceAsValue() {
        List<Option> clients = options.list(FormOptions.CLIENTS).orElseThrow();
        assertThat(clients)
                .contains(
                        new Option("Alpenwerk Maschinenbau GmbH (ALPENWERK)", "ALPENWERK"),
                        new Option("Hudson Mutual Insurance Inc. (HUDSON-MUTUAL)", "HUDSON-MUTUAL"))
                .extracting(Option::value)
                .doesNotContain(RETIRED);
        assertThat(clients).extracting(Option::label).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    }

    @Test
    void peopleListsHoldTheGroupsMembersByDisplayNameWithTheirUserIdAsValue() {
        List<Option> cab = options.list(FormOptions.membersKey(RoleGroup.CAB)).orElseThrow();
        assertThat(FormOptions.membersKey(RoleGroup.CAB)).isEqualTo("cabMemberOptions");
        assertThat(cab)
                .contains(
                        new Option("Demo Change Advisory Board", "cab"),
                        // two members with one name are told apart by their user id
                        new Option("Peter Müller (pmueller)", CAB_PERSON),
                        new Option("Peter Müller (pmueller2)", TWIN_NAME))
                .extracting(Option::value)
                .doesNotContain(NOT_CAB, "cse", "csm");
        assertThat(options.list(FormOptions.MANAGERS).orElseThrow())
                .extracting(Option::value)
                .contains("service-manager", "delivery-manager", "dc-head", TWIN_NAME)
                .doesNotContain(CAB_PERSON, "cab", "csm");
        assertThat(FormOptions.membersKey(RoleGroup.SERVICE_MANAGER)).isEqualTo("serviceManagerMemberOptions");
        assertThat(options.list("noSuchList")).isEmpty();
        assertThat(FormOptions.names()).contains("clientOptions", "cabMemberOptions", "managerOptions");
    }

    @Test
    void ownerListHoldsTheRoleGroupsThenTheStaffAndTheServerTakesNothingElse() {
        List<Option> owners = options.list(FormOptions.OWNERS).orElseThrow();
        assertThat(owners)
                .startsWith(new Option("Account Manager (group)", "account-manager"))
                .contains(
                        new Option("Delivery Manager (group)", "delivery-manager"),
                        new Option("Client Service Engineer (group)", "cse"),
                        new Option("Anna Berger", NOT_CAB),
                        new Option("Peter Müller (pmueller)", CAB_PERSON));
        // one value per choice: the demo user "cse" is offered as the group of that name
        assertThat(owners).extracting(Option::value).doesNotHaveDuplicates();
        assertThat(owners.subList(0, RoleGroup.values().length))
                .extracting(Option::label)
                .allMatch(label -> label.endsWith(" (group)"));
        assertThat(FormOptions.names()).contains("ownerOptions");
        assertThat(options.isOwner("delivery-manager")).isTrue();
        assertThat(options.isOwner(NOT_CAB)).isTrue();
        assertThat(options.isOwner("nobody-at-all")).isFalse();
        assertThat(options.isOwner(" ")).isFalse();
    }

    @Test
    void theStartFormArrivesWithItsClientListOnTasklistsEngineApiAndOnEngineRest() throws Exception {
        ResponseEntity<String> tasklist = rest.exchange(
                "/camunda/api/engine/engine/default/process-definition/key/change-request/deployed-start-form",
                HttpMethod.GET,
                new HttpEntity<>(WebappLogin.apiHeaders(rest, "tasklist", "csm", "csm")),
                String.class);
        ResponseEntity<String> engineRest = rest.withBasicAuth("csm", "csm")
                .getForEntity("/engine-rest/process-definition/key/escalation/deployed-start-form", String.class);
        for (ResponseEntity<String> form : List.of(tasklist, engineRest)) {
            assertThat(form.getStatusCode()).as(form.getBody()).isEqualTo(HttpStatus.OK);
            JsonNode client = component(json.readTree(form.getBody()), "clientReference");
            assertThat(client.path("type").asText()).isEqualTo("select");
            assertThat(client.has("valuesKey")).isFalse();
            assertThat(values(client)).contains("ALPENWERK", "HUDSON-MUTUAL").doesNotContain(RETIRED);
        }
        // nothing is filled for someone the engine does not show the form to
        assertThat(rest.withBasicAuth("csm", "wrong")
                        .getForEntity(
                                "/engine-rest/process-definition/key/change-request/deployed-start-form", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aChangeStartedWithTheClientInAnotherCaseGetsTheRegistersReference() throws Exception {
        ResponseEntity<String> started = submitStartForm("alpenwerk");
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode instance = json.readTree(started.getBody());
        instances.add(instance.path("id").asText());
        String reference = instance.path("businessKey").asText();
        assertThat(reference).matches("CHG-\\d{4}-\\d{4,}");
        assertThat(jdbc.queryForObject(
                        "SELECT client_reference FROM change_request WHERE reference = ?", String.class, reference))
                .isEqualTo("ALPENWERK");
        assertThat(runtimeService.getVariable(instance.path("id").asText(), "clientReference"))
                .isEqualTo("ALPENWERK");
    }

    @Test
    void aRefusedClientIsA400NamingTheFieldAndUsesNoReference() throws Exception {
        Long before = counter("CHG");
        for (String client : List.of("NO-SUCH-CLIENT", RETIRED)) {
            ResponseEntity<String> refused = submitStartForm(client);
            assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(json.readTree(refused.getBody()).path("message").asText())
                    .contains("clientReference: no active client with this reference");
        }
        assertThat(counter("CHG")).as("CHG references drawn by refused starts").isEqualTo(before);
    }

    @Test
    void escalationsAndProblemsTakeTheClientInAnyCaseAndRefuseAnUnknownOneBeforeDrawingAReference() throws Exception {
        Map<String, Map<String, Object>> starts = Map.of(
                "escalation",
                Map.of("subject", Map.of("value", "Backups failing"), "reportedImpact", Map.of("value", "low")),
                "problem-rca",
                Map.of(
                        "summary", Map.of("value", "Recurring VPN drops"),
                        "priority", Map.of("value", "P3"),
                        "sourceType", Map.of("value", "csm")));
        Map<String, String> prefixes = Map.of("escalation", "ESC", "problem-rca", "PRB");
        Map<String, String> registers = Map.of("escalation", "escalation", "problem-rca", "problem");
        for (String process : starts.keySet()) {
            Long before = counter(prefixes.get(process));
            ResponseEntity<String> refused = submitStartForm(process, "no-such-client", starts.get(process));
            assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(json.readTree(refused.getBody()).path("message").asText())
                    .as(process)
                    .contains("clientReference: no active client with this reference");
            assertThat(counter(prefixes.get(process)))
                    .as(process + " references drawn")
                    .isEqualTo(before);

            ResponseEntity<String> started = submitStartForm(process, "hudson-mutual", starts.get(process));
            assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
            JsonNode instance = json.readTree(started.getBody());
            instances.add(instance.path("id").asText());
            assertThat(jdbc.queryForObject(
                            "SELECT client_reference FROM " + registers.get(process) + " WHERE reference = ?",
                            String.class,
                            instance.path("businessKey").asText()))
                    .as(process)
                    .isEqualTo("HUDSON-MUTUAL");
        }
    }

    @Test
    void cabMembersPickedAsAListAreTakenAndSomeoneOutsideTheCabIsRefusedOnBothApis() throws Exception {
        ResponseEntity<String> started = submitStartForm("HUDSON-MUTUAL");
        String instanceId = json.readTree(started.getBody()).path("id").asText();
        instances.add(instanceId);
        Task prepare = taskService
                .createTaskQuery()
                .processInstanceId(instanceId)
                .taskDefinitionKey("Task_PrepareCab")
                .singleResult();
        assertThat(prepare).isNotNull();

        // what Tasklist sends for a taglist: a Json array
        Map<String, Object> outsider = Map.of(
                "variables",
                Map.of(
                        "cabAgenda", Map.of("value", "Scope"),
                        "cabMembers", Map.of("type", "Json", "value", "[\"" + CAB_PERSON + "\",\"" + NOT_CAB + "\"]")));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> engineRest = rest.withBasicAuth("csm", "csm")
                .exchange(
                        "/engine-rest/task/" + prepare.getId() + "/submit-form",
                        HttpMethod.POST,
                        new HttpEntity<>(outsider, headers),
                        String.class);
        ResponseEntity<String> tasklist = rest.exchange(
                "/camunda/api/engine/engine/default/task/" + prepare.getId() + "/submit-form",
                HttpMethod.POST,
                new HttpEntity<>(outsider, WebappLogin.apiHeaders(rest, "tasklist", "csm", "csm")),
                String.class);
        for (ResponseEntity<String> refused : List.of(engineRest, tasklist)) {
            assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(json.readTree(refused.getBody()).path("message").asText())
                    .endsWith("cabMembers: '" + NOT_CAB + "' is not a member of the CAB (group cab)");
        }

        Map<String, Object> members = Map.of(
                "variables",
                Map.of(
                        "cabAgenda", Map.of("value", "Scope"),
                        "cabMembers", Map.of("type", "Json", "value", "[\"" + CAB_PERSON + "\",\"cab\"]")));
        ResponseEntity<String> taken = rest.exchange(
                "/camunda/api/engine/engine/default/task/" + prepare.getId() + "/submit-form",
                HttpMethod.POST,
                new HttpEntity<>(members, WebappLogin.apiHeaders(rest, "tasklist", "csm", "csm")),
                String.class);
        assertThat(taken.getStatusCode()).as(taken.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(runtimeService.getVariable(instanceId, "cabVoters")).isEqualTo(List.of(CAB_PERSON, "cab"));
    }

    @Test
    void theTaskFormArrivesWithTheCabMembersToChooseFrom() throws Exception {
        ResponseEntity<String> started = submitStartForm("ALPENWERK");
        String instanceId = json.readTree(started.getBody()).path("id").asText();
        instances.add(instanceId);
        Task prepare = taskService
                .createTaskQuery()
                .processInstanceId(instanceId)
                .taskDefinitionKey("Task_PrepareCab")
                .singleResult();
        ResponseEntity<String> form = rest.exchange(
                "/camunda/api/engine/engine/default/task/" + prepare.getId() + "/deployed-form",
                HttpMethod.GET,
                new HttpEntity<>(WebappLogin.apiHeaders(rest, "tasklist", "csm", "csm")),
                String.class);
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode members = component(json.readTree(form.getBody()), "cabMembers");
        assertThat(members.path("type").asText()).isEqualTo("taglist");
        assertThat(values(members)).contains("cab", CAB_PERSON).doesNotContain(NOT_CAB, "csm");
        // the list is not kept anywhere in the process
        assertThat(runtimeService.getVariables(instanceId)).doesNotContainKey("cabMemberOptions");
    }

    // ------------------------------------------------------------------ helpers

    private ResponseEntity<String> submitStartForm(String process, String client, Map<String, Object> fields) {
        Map<String, Object> variables = new LinkedHashMap<>(fields);
        variables.put("clientReference", Map.of("value", client));
        String definitionId = rest.withBasicAuth("csm", "csm")
                .getForObject("/engine-rest/process-definition/key/" + process, JsonNode.class)
                .path("id")
                .asText();
        return rest.exchange(
                "/camunda/api/engine/engine/default/process-definition/" + definitionId + "/submit-form",
                HttpMethod.POST,
                new HttpEntity<>(
                        Map.of("variables", variables), WebappLogin.apiHeaders(rest, "tasklist", "csm", "csm")),
                String.class);
    }

    private ResponseEntity<String> submitStartForm(String client) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("clientReference", Map.of("value", client));
        variables.put("title", Map.of("value", "Replace the core switch"));
        variables.put("requestedType", Map.of("value", "normal"));
        variables.put("nonStandard", Map.of("value", true));
        variables.put("urgency", Map.of("value", "medium"));
        variables.put("impact", Map.of("value", "medium"));
        variables.put("windowStart", Map.of("value", "2027-06-13T22:00+02:00"));
        variables.put("windowEnd", Map.of("value", "2027-06-13T23:30+02:00"));
        variables.put("billable", Map.of("value", false));
        String definitionId = rest.withBasicAuth("csm", "csm")
                .getForObject("/engine-rest/process-definition/key/change-request", JsonNode.class)
                .path("id")
                .asText();
        return rest.exchange(
                "/camunda/api/engine/engine/default/process-definition/" + definitionId + "/submit-form",
                HttpMethod.POST,
                new HttpEntity<>(
                        Map.of("variables", variables), WebappLogin.apiHeaders(rest, "tasklist", "csm", "csm")),
                String.class);
    }

    private Long counter(String prefix) {
        return jdbc
                .queryForList("SELECT last_value FROM business_key_counter WHERE prefix = ?", Long.class, prefix)
                .stream()
                .reduce(0L, Long::sum);
    }

    private static JsonNode component(JsonNode form, String key) {
        return StreamSupport.stream(form.path("components").spliterator(), false)
                .filter(component -> key.equals(component.path("key").asText()))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> values(JsonNode component) {
        return StreamSupport.stream(component.path("values").spliterator(), false)
                .map(value -> value.path("value").asText())
                .toList();
    }

    @SuppressWarnings("rawtypes")
    private ResponseEntity<Map> send(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user).exchange(path, method, new HttpEntity<>(body, headers), Map.class);
    }

    private static Map<String, Object> client(String reference) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", reference);
        body.put("name", "Retired Picker Test GmbH");
        body.put("tier", "STANDARD");
        body.put("language", "de");
        body.put("timeZone", "Europe/Berlin");
        body.put("businessDayStart", "08:00");
        body.put("businessDayEnd", "17:00");
        body.put("businessDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"));
        body.put("holidayRegion", "DE-BY");
        body.put(
                "contacts",
                List.of(Map.of(
                        "name",
                        "Max Muster",
                        "email",
                        "max@retired.example",
                        "role",
                        "IT",
                        "receivesServiceNotices",
                        true)));
        body.put("contracts", List.of());
        return body;
    }

    private void createUser(String id, String first, String last, String... groups) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setFirstName(first);
            user.setLastName(last);
            user.setEmail(id + "@test.csmflow.example");
            user.setPassword(id);
            // a fixture (password = id), so outside the password policy
            ((IdentityServiceImpl) identityService).saveUser(user, true);
        }
        for (String group : groups) {
            if (identityService
                            .createUserQuery()
                            .userId(id)
                            .memberOfGroup(group)
                            .count()
                    == 0) {
                identityService.createMembership(id, group);
            }
        }
    }
}
