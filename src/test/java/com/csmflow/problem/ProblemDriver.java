package com.csmflow.problem;

import static com.csmflow.problem.ProblemProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.notification.DeliveryJobs;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Drives problem-rca instances in tests: runs due jobs of one problem (its own, its SIP follow-ups',
 * and the notification deliveries of both, found by business key) and completes tasks.
 */
final class ProblemDriver {

    static final String CLIENT = "ALPENWERK";

    private final ProcessEngine engine;
    private final JdbcTemplate jdbc;

    ProblemDriver(ProcessEngine engine, JdbcTemplate jdbc) {
        this.engine = engine;
        this.jdbc = jdbc;
    }

    /** Business keys belonging to a problem: the problem itself and its SIP actions. */
    Set<String> keysOf(String problemReference) {
        Set<String> keys = new HashSet<>(jdbc.queryForList(
                "SELECT reference FROM sip_action WHERE source_reference = ?", String.class, problemReference));
        keys.add(problemReference);
        return keys;
    }

    /** Executes every job of the problem's instances that is due now (engine clock), until none is left. */
    void runDueJobs(String problemReference) {
        for (int round = 0; round < 200; round++) {
            Set<String> instances = new HashSet<>();
            for (String key : keysOf(problemReference)) {
                engine.getRuntimeService()
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(key)
                        .list()
                        .forEach(instance -> instances.add(instance.getId()));
            }
            Date now = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime();
            List<Job> due = new ArrayList<>();
            for (String instance : instances) {
                engine.getManagementService().createJobQuery().processInstanceId(instance).active().list().stream()
                        .filter(job -> job.getRetries() > 0)
                        .filter(job ->
                                job.getDuedate() == null || !job.getDuedate().after(now))
                        .forEach(due::add);
            }
            for (String key : keysOf(problemReference)) {
                due.addAll(DeliveryJobs.of(engine.getManagementService(), key));
            }
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new IllegalStateException("jobs keep coming for " + problemReference);
    }

    ProcessInstance problemInstance(String problemReference) {
        return engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(KEY)
                .processInstanceBusinessKey(problemReference)
                .singleResult();
    }

    Task task(String businessKey, String taskDefinitionKey) {
        List<Task> tasks = engine.getTaskService()
                .createTaskQuery()
                .processInstanceBusinessKey(businessKey)
                .taskDefinitionKey(taskDefinitionKey)
                .list();
        assertThat(tasks).as("open %s of %s", taskDefinitionKey, businessKey).hasSize(1);
        return tasks.get(0);
    }

    void complete(String businessKey, String taskDefinitionKey, String user, Map<String, Object> variables) {
        Task task = task(businessKey, taskDefinitionKey);
        authenticate(user);
        try {
            engine.getTaskService().complete(task.getId(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /** The form's action slots ({@code action<n>Description/Owner/TargetDate}) for lines {@code description | owner | date}. */
    static Map<String, Object> actionSlots(String lines) {
        Map<String, Object> slots = new java.util.LinkedHashMap<>();
        int slot = 0;
        for (String line : lines.split("\\R")) {
            String[] parts = line.split("\\|");
            slot++;
            slots.put("action" + slot + "Description", parts[0].strip());
            if (parts.length > 1) {
                slots.put("action" + slot + "Owner", parts[1].strip());
            }
            if (parts.length > 2) {
                slots.put("action" + slot + "TargetDate", parts[2].strip());
            }
        }
        return slots;
    }

    /** Signs in like Tasklist does: the user with its groups (demo users are named after their group). */
    void authenticate(String user) {
        engine.getIdentityService()
                .setAuthentication(
                        user,
                        engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
                                .map(org.camunda.bpm.engine.identity.Group::getId)
                                .toList());
    }

    /**
     * CSE determines the root cause with these proposed actions, the client's CSM accepts it. The actions are
     * written as {@code description | owner | yyyy-mm-dd} per line and entered into the form's slots.
     */
    void determineAndAccept(String problem, String proposedActions) {
        Map<String, Object> variables = new java.util.HashMap<>(Map.of(
                SYMPTOMS.name(), "Users lose VPN sessions every afternoon",
                ROOT_CAUSE.name(), "Firewall session table exhausted by a misconfigured backup job",
                CONTRIBUTING_FACTORS.name(), "No monitoring of the session table",
                EVIDENCE.name(), "Firewall logs 12-14 Nov, backup schedule"));
        variables.putAll(actionSlots(proposedActions));
        complete(problem, TASK_DETERMINE_ROOT_CAUSE, "cse", variables);
        complete(
                problem,
                TASK_REVIEW_INTERNAL_RCA,
                "csm",
                Map.of(RCA_REVIEW.name(), "accept", REVIEW_COMMENTS.name(), ""));
    }

    /** CSM writes the client RCA, SM approves; the RCA goes out. */
    void writeAndApproveClientRca(String problem) {
        complete(
                problem,
                TASK_WRITE_CLIENT_RCA,
                "csm",
                Map.of(
                        CLIENT_RCA.name(),
                        "The VPN interruptions were caused by a backup job filling the firewall's session table."));
        complete(
                problem,
                TASK_APPROVE_CLIENT_RCA,
                "service-manager",
                Map.of(CLIENT_RCA_DECISION.name(), "approve", APPROVAL_COMMENTS.name(), ""));
        runDueJobs(problem);
    }

    List<Map<String, Object>> outbox(String businessKey, String template) {
        return jdbc.queryForList(
                "SELECT recipient, status, subject, body_text, audience FROM notification_outbox"
                        + " WHERE business_key = ? AND template_id = ? ORDER BY id",
                businessKey,
                template);
    }

    String status(String problemReference) {
        return jdbc.queryForObject("SELECT status FROM problem WHERE reference = ?", String.class, problemReference);
    }

    String actionStatus(String sipReference) {
        return jdbc.queryForObject("SELECT status FROM sip_action WHERE reference = ?", String.class, sipReference);
    }

    List<String> actions(String problemReference) {
        return jdbc.queryForList(
                "SELECT reference FROM sip_action WHERE source_reference = ? ORDER BY id",
                String.class,
                problemReference);
    }
}
