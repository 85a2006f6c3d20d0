package com.csmflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.client.Client;
import com.csmflow.client.ClientRepository;
import com.csmflow.client.CsmTier;
import com.csmflow.harness.CsmFlowTest;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Each demo user sees its group's Tasklist filters and "My tasks", and no other group's filter; the filters
 * list the case variables, sort by due date, and one per group shows what is breached or at risk.
 */
@CsmFlowTest
@SuppressWarnings("unchecked")
class TasklistFilterTest {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {};

    @Autowired
    TestRestTemplate rest;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    TaskService taskService;

    @Autowired
    FilterService filterService;

    @Autowired
    ClientRepository clientRepository;

    @Autowired
    IdentitySetup identitySetup;

    private ProcessInstance instance;
    private String deploymentId;

    @AfterEach
    void removeInstance() {
        ClockUtil.reset();
        if (instance != null) {
            runtimeService.deleteProcessInstance(instance.getId(), "test finished");
        }
        if (deploymentId != null) {
            repositoryService.deleteDeployment(deploymentId, true);
        }
    }

    @Test
    void everyGroupHasItsFiltersListingTheCaseSortedByDueDate() {
        for (RoleGroup role : RoleGroup.values()) {
            Map<String, Map<String, Object>> visible = filters(role.id()).stream()
                    .collect(Collectors.toMap(filter -> (String) filter.get("name"), filter -> filter));
            for (String name : List.of(IdentitySetup.groupFilterName(role), IdentitySetup.atRiskFilterName(role))) {
                assertThat(visible).as("filters of %s", role.id()).containsKey(name);
                Map<String, Object> filter = visible.get(name);
                Map<String, Object> properties = (Map<String, Object>) filter.get("properties");
                assertThat((List<Map<String, Object>>) properties.get("variables"))
                        .extracting(variable -> variable.get("name"))
                        .contains("caseReference", "clientName", "priority");
                Map<String, Object> query = (Map<String, Object>) filter.get("query");
                assertThat((List<Map<String, Object>>) query.get("sorting"))
                        .containsExactly(Map.of("sortBy", "dueDate", "sortOrder", "asc"));
                assertThat(query).containsEntry("candidateGroup", role.id());
            }
            Map<String, Object> atRisk = (Map<String, Object>)
                    visible.get(IdentitySetup.atRiskFilterName(role)).get("query");
            assertThat(atRisk).containsEntry("followUpBeforeExpression", "${now()}");
        }
    }

    @Test
    void filtersOfAnOlderVersionAreBroughtUpToDateAtStart() {
        Filter filter = filterService
                .createFilterQuery()
                .filterName(IdentitySetup.groupFilterName(RoleGroup.CSE))
                .singleResult();
        // as the previous version saved it: no variables, no sorting
        filter.setQuery(taskService.createTaskQuery().taskCandidateGroup("cse").includeAssignedTasks());
        filter.setProperties(Map.of("description", "Tasks of the Client Service Engineer group", "priority", 10));
        filterService.saveFilter(filter);

        identitySetup.run(null);

        Map<String, Object> updated = filters("cse").stream()
                .filter(candidate -> filter.getId().equals(candidate.get("id")))
                .findFirst()
                .orElseThrow();
        assertThat((Map<String, Object>) updated.get("properties")).containsKey("variables");
        assertThat((List<?>) ((Map<String, Object>) updated.get("query")).get("sorting"))
                .hasSize(1);
        // the second filter of the group is there once
        assertThat(filterService
                        .createFilterQuery()
                        .filterName(IdentitySetup.atRiskFilterName(RoleGroup.CSE))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void theAtRiskFilterListsATaskOnceItsClocksWarningHasPassed() {
        deploymentId = repositoryService
                .createDeployment()
                .addClasspathResource("sla/sla-clock-pattern.bpmn")
                .deploy()
                .getId();
        String client = "FLT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        clientRepository.save(new Client(
                client,
                "Filter test " + client,
                CsmTier.STANDARD,
                "en",
                ZoneId.of("UTC"),
                LocalTime.of(9, 0),
                LocalTime.of(17, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                "GB"));
        // Monday 16 March 2026 09:00 UTC, P1 = 8 business hours: warning 15:00, due 17:00
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-16T09:00:00Z")));
        instance = runtimeService.startProcessInstanceByKey(
                "sla-clock-pattern-test",
                "CHG-FLT-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of("metric", "cab.decision", "priority", "P1", "clientReference", client));
        String atRisk = filterId("cab", IdentitySetup.atRiskFilterName(RoleGroup.CAB));
        String all = filterId("cab", IdentitySetup.groupFilterName(RoleGroup.CAB));

        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-16T14:59:00Z")));
        assertThat(instanceIds(list("cab", atRisk))).doesNotContain(instance.getId());
        assertThat(instanceIds(list("cab", all))).contains(instance.getId());

        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-16T15:00:01Z")));
        assertThat(list("cab", atRisk)).anySatisfy(task -> {
            assertThat(task.get("processInstanceId")).isEqualTo(instance.getId());
            assertThat(task.get("due")).isNotNull();
            assertThat(task.get("priority")).isEqualTo(100);
            assertThat((String) task.get("name")).contains(instance.getBusinessKey(), client);
        });
        assertThat(taskService
                        .createTaskQuery()
                        .processInstanceId(instance.getId())
                        .singleResult()
                        .getDueDate())
                .isEqualTo(Date.from(Instant.parse("2026-03-16T17:00:00Z")));
    }

    private String filterId(String user, String name) {
        return filters(user).stream()
                .filter(filter -> name.equals(filter.get("name")))
                .map(filter -> (String) filter.get("id"))
                .findFirst()
                .orElseThrow();
    }

    private List<Map<String, Object>> list(String user, String filterId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        ResponseEntity<List<Map<String, Object>>> tasks = rest.withBasicAuth(user, user)
                .exchange(
                        "/engine-rest/filter/" + filterId + "/list",
                        HttpMethod.POST,
                        new HttpEntity<>("{}", headers),
                        LIST);
        assertThat(tasks.getStatusCode()).isEqualTo(HttpStatus.OK);
        return tasks.getBody();
    }

    private static List<Object> instanceIds(List<Map<String, Object>> tasks) {
        return tasks.stream().map(task -> task.get("processInstanceId")).toList();
    }

    @Test
    void everyRoleSeesItsGroupFilterAndMyTasksOnly() {
        Set<String> groupFilters = Arrays.stream(RoleGroup.values())
                .map(role -> role.displayName() + " tasks")
                .collect(Collectors.toSet());
        for (RoleGroup role : RoleGroup.values()) {
            Set<String> visible = filterNames(role.id());
            String own = role.displayName() + " tasks";
            assertThat(visible).as("filters of %s", role.id()).contains(own, IdentitySetup.MY_TASKS_FILTER);
            assertThat(visible.stream().filter(groupFilters::contains))
                    .as("group filters visible to %s", role.id())
                    .containsExactly(own);
        }
    }

    @Test
    void theCsmFilterListsServiceDeskRequests() {
        instance = runtimeService.startProcessInstanceByKey(
                "service-desk-request",
                "SDR-FILTER-1",
                Map.of(
                        "clientReference", "ALPENWERK",
                        "category", "CHANGE",
                        "priority", "P3",
                        "subject", "Printer offline",
                        "requesterEmail", "a@client.example"));
        TestRestTemplate csm = rest.withBasicAuth("csm", "csm");
        String filterId = filters("csm").stream()
                .filter(filter -> "Client Service Manager tasks".equals(filter.get("name")))
                .map(filter -> (String) filter.get("id"))
                .findFirst()
                .orElseThrow();

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON)); // not HAL, which application/*+json would pick
        ResponseEntity<List<Map<String, Object>>> tasks = csm.exchange(
                "/engine-rest/filter/" + filterId + "/list", HttpMethod.POST, new HttpEntity<>("{}", headers), LIST);

        assertThat(tasks.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(tasks.getBody()).anySatisfy(task -> {
            assertThat(task.get("processInstanceId")).isEqualTo(instance.getId());
            assertThat((String) task.get("processDefinitionId")).startsWith("service-desk-request:");
            // the case reference and the client in the name
            assertThat(task.get("name")).isEqualTo("Handle service desk request · SDR-FILTER-1 · ALPENWERK");
        });

        // the dc-head cannot run the CSM filter at all
        assertThat(rest.withBasicAuth("dc-head", "dc-head")
                        .exchange(
                                "/engine-rest/filter/" + filterId + "/list",
                                HttpMethod.POST,
                                new HttpEntity<>("{}", headers),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void theCsmSeesTheCaseAndClientBesideItsTasks() {
        instance = runtimeService.startProcessInstanceByKey(
                "service-desk-request",
                "SDR-FILTER-2",
                Map.of(
                        "clientReference", "ALPENWERK",
                        "category", "CHANGE",
                        "priority", "P3",
                        "subject", "Printer offline",
                        "requesterEmail", "a@client.example"));
        String filterId = filterId("csm", IdentitySetup.groupFilterName(RoleGroup.CSM));

        // what Tasklist asks for: HAL, with the filter's variables embedded per task
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.parseMediaType("application/hal+json")));
        ResponseEntity<Map<String, Object>> answer = rest.withBasicAuth("csm", "csm")
                .exchange(
                        "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=200",
                        HttpMethod.POST,
                        new HttpEntity<>("{}", headers),
                        new ParameterizedTypeReference<Map<String, Object>>() {});

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<Map<String, Object>> tasks = (List<Map<String, Object>>)
                ((Map<String, Object>) answer.getBody().get("_embedded")).get("task");
        Map<String, Object> ours = tasks.stream()
                .filter(task -> instance.getId().equals(task.get("processInstanceId")))
                .findFirst()
                .orElseThrow();
        List<Map<String, Object>> variables = (List<Map<String, Object>>)
                ((Map<String, Object>) ours.getOrDefault("_embedded", Map.of())).getOrDefault("variable", List.of());
        // the csm may not read the process instance, only its task: the filter must still show these
        assertThat(variables.stream().collect(Collectors.toMap(v -> (String) v.get("name"), v -> v.get("value"))))
                .containsEntry("caseReference", "SDR-FILTER-2")
                .containsEntry("clientName", "Alpenwerk Maschinenbau GmbH");
    }

    private List<Map<String, Object>> filters(String user) {
        ResponseEntity<List<Map<String, Object>>> response =
                rest.withBasicAuth(user, user).exchange("/engine-rest/filter", HttpMethod.GET, jsonOnly(), LIST);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static HttpEntity<Void> jsonOnly() {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        return new HttpEntity<>(headers);
    }

    private Set<String> filterNames(String user) {
        return filters(user).stream().map(filter -> (String) filter.get("name")).collect(Collectors.toSet());
    }
}
