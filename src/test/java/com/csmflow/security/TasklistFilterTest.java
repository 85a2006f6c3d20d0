package com.csmflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
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

/** Each demo user sees its group's Tasklist filter and "My tasks", and no other group's filter. */
@CsmFlowTest
class TasklistFilterTest {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {};

    @Autowired
    TestRestTemplate rest;

    @Autowired
    RuntimeService runtimeService;

    private ProcessInstance instance;

    @AfterEach
    void removeInstance() {
        if (instance != null) {
            runtimeService.deleteProcessInstance(instance.getId(), "test finished");
        }
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
            assertThat(task.get("name")).isEqualTo("Handle service desk request");
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
