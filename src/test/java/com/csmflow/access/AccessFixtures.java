package com.csmflow.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.notification.DeliveryJobs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Drives the access workflows in tests: the API as a demo user, tasks as a user, jobs by business key. */
record AccessFixtures(
        ProcessEngine engine, JdbcTemplate jdbc, TestRestTemplate rest, ObjectMapper json, Set<String> driven) {

    AccessFixtures(ProcessEngine engine, JdbcTemplate jdbc, TestRestTemplate rest, ObjectMapper json) {
        this(engine, jdbc, rest, json, new HashSet<>());
    }

    ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user).exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    JsonNode read(ResponseEntity<String> response) {
        try {
            return json.readTree(response.getBody());
        } catch (Exception e) {
            throw new IllegalStateException(response.getBody(), e);
        }
    }

    /** A client of its own (Europe/Berlin, German), so that reviews see only this test's rights. */
    String newClient() {
        String client = "ACC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", client);
        body.put("name", "Access Test " + client);
        body.put("tier", "STANDARD");
        body.put("language", "de");
        body.put("timeZone", "Europe/Berlin");
        body.put("businessDayStart", "08:00");
        body.put("businessDayEnd", "18:00");
        body.put("businessDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"));
        body.put("holidayRegion", "DE-BY");
        body.put(
                "contacts",
                List.of(Map.of(
                        "name",
                        "Eva Sicher",
                        "email",
                        "eva@" + client.toLowerCase() + ".example",
                        "role",
                        "CISO",
                        "receivesServiceNotices",
                        true)));
        ResponseEntity<String> created = call("csm", HttpMethod.POST, "/api/clients", body);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        return client;
    }

    /** A service of the client whose SM is {@code service-manager} and DM {@code delivery-manager}. */
    String newService(String client) {
        String reference =
                "SVC-T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        jdbc.update(
                "INSERT INTO managed_service (reference, client_reference, request_reference, service_name,"
                        + " service_manager, delivery_manager, price_model, scope, starts_on, term_end,"
                        + " staffing_follow_up_cycle, governance_cycle, team_assessment_cycle,"
                        + " individual_assessment_cycle, status, created_at, updated_at)"
                        + " VALUES (?, ?, ?, 'Managed SIEM', 'service-manager', 'delivery-manager', 'FIXED',"
                        + " 'SIEM operation', DATE '2026-01-01', DATE '2027-12-31', 'P1M', 'P3M', 'P6M', 'P12M',"
                        + " 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                reference,
                client,
                "SRQ-T" + reference.substring(5));
        return reference;
    }

    /** POST /api/access-requests as {@code user}; the reference. */
    String request(String user, Map<String, Object> body) {
        ResponseEntity<String> created = call(user, HttpMethod.POST, "/api/access-requests", body);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        String reference = read(created).path("reference").asText();
        driven.add(reference);
        return reference;
    }

    static Map<String, Object> body(String client, String grantee, String asset, String permission) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientReference", client);
        body.put("grantee", grantee);
        body.put("asset", asset);
        body.put("permission", permission);
        body.put("reason", "Operates the " + asset + " for the client");
        return body;
    }

    Task task(String businessKey, String taskKey) {
        driven.add(businessKey);
        List<Task> tasks = engine.getTaskService()
                .createTaskQuery()
                .processInstanceBusinessKey(businessKey)
                .taskDefinitionKey(taskKey)
                .list();
        assertThat(tasks).as("tasks %s of %s", taskKey, businessKey).hasSize(1);
        return tasks.get(0);
    }

    List<Task> tasks(String businessKey) {
        driven.add(businessKey);
        return engine.getTaskService()
                .createTaskQuery()
                .processInstanceBusinessKey(businessKey)
                .list();
    }

    /** Acts as the user with the user's groups, as Tasklist would. */
    void authenticate(String user) {
        engine.getIdentityService()
                .setAuthentication(
                        user,
                        engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
                                .map(org.camunda.bpm.engine.identity.Group::getId)
                                .toList());
    }

    void complete(Task task, String user, Map<String, Object> variables) {
        authenticate(user);
        try {
            engine.getTaskService().complete(task.getId(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    List<String> candidates(Task task) {
        List<String> all = new ArrayList<>();
        engine.getTaskService()
                .getIdentityLinksForTask(task.getId())
                .forEach(link ->
                        all.add(link.getGroupId() != null ? "group:" + link.getGroupId() : "user:" + link.getUserId()));
        return all;
    }

    /** Approves (as {@code approver}) and provides (as it) the right. */
    void approveAndProvide(String right, String approver) {
        complete(
                task(right, AccessRightProcess.TASK_APPROVE),
                approver,
                Map.of(
                        AccessRightProcess.APPROVAL.name(),
                        "approve",
                        AccessRightProcess.DECISION_COMMENT.name(),
                        "ok"));
        complete(task(right, AccessRightProcess.TASK_PROVIDE), "it", Map.of("provided", true));
    }

    /** Runs every job due now of the instances with this business key (their mails included). */
    void runDueJobs(String businessKey) {
        for (int round = 0; round < 50; round++) {
            Date now = ClockUtil.getCurrentTime();
            List<Job> due = new ArrayList<>();
            engine.getRuntimeService()
                    .createProcessInstanceQuery()
                    .processInstanceBusinessKey(businessKey)
                    .list()
                    .forEach(instance -> engine
                            .getManagementService()
                            .createJobQuery()
                            .processInstanceId(instance.getId())
                            .active()
                            .list()
                            .stream()
                            .filter(job -> job.getRetries() > 0)
                            .filter(job -> job.getDuedate() == null
                                    || !job.getDuedate().after(now))
                            .forEach(due::add));
            due.addAll(DeliveryJobs.of(engine.getManagementService(), businessKey));
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new IllegalStateException("jobs keep coming for " + businessKey);
    }

    Map<String, Object> row(String reference) {
        return jdbc.queryForMap("SELECT * FROM access_right WHERE reference = ?", reference);
    }

    List<Map<String, Object>> outbox(String businessKey, String template) {
        return jdbc.queryForList(
                "SELECT * FROM notification_outbox WHERE business_key = ? AND template_id = ? ORDER BY id",
                businessKey,
                template);
    }

    boolean ended(String businessKey) {
        return engine.getRuntimeService()
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(businessKey)
                        .count()
                == 0;
    }

    /** The share of the latest model's flow nodes that the instances of {@code businessKeys} visited, and the rest. */
    static void assertFlowNodeCoverage(ProcessEngine engine, String key, Set<String> businessKeys, double atLeast) {
        String definition = engine.getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(key)
                .latestVersion()
                .singleResult()
                .getId();
        Set<String> nodes =
                engine
                        .getRepositoryService()
                        .getBpmnModelInstance(definition)
                        .getModelElementsByType(FlowNode.class)
                        .stream()
                        .map(FlowNode::getId)
                        .collect(Collectors.toSet());
        Set<String> covered = new HashSet<>();
        for (String businessKey : businessKeys) {
            engine.getHistoryService()
                    .createHistoricProcessInstanceQuery()
                    .processDefinitionKey(key)
                    .processInstanceBusinessKey(businessKey)
                    .list()
                    .forEach(instance -> engine
                            .getHistoryService()
                            .createHistoricActivityInstanceQuery()
                            .processInstanceId(instance.getId())
                            .list()
                            .stream()
                            .map(HistoricActivityInstance::getActivityId)
                            .forEach(covered::add));
        }
        covered.retainAll(nodes);
        Set<String> missing = new HashSet<>(nodes);
        missing.removeAll(covered);
        assertThat((double) covered.size() / nodes.size())
                .as("flow-node coverage of %s; not visited: %s", key, missing)
                .isGreaterThanOrEqualTo(atLeast);
    }
}
