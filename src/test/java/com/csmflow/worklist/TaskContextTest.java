package com.csmflow.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.client.Client;
import com.csmflow.client.ClientRepository;
import com.csmflow.client.CsmTier;
import com.csmflow.engine.CaseVariables;
import com.csmflow.harness.CsmFlowTest;
import com.csmflow.sla.SlaClock;
import com.csmflow.sla.SlaClocks;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Every user task says which case it is for and how urgent it is, with no listener in the model: the SLA
 * clock pattern of the SLA tests (src/test/resources/sla/sla-clock-pattern.bpmn, a CAB task under a
 * cab.decision clock) knows nothing of the worklist. Standard tier, cab.decision: P1 = 8, P2 = 16,
 * P3 = 40 business hours, warning at 75 %; the client works 09:00-17:00 Berlin time.
 */
@CsmFlowTest
class TaskContextTest {

    static final String PROCESS = "sla-clock-pattern-test";
    static final String TASK_DECIDE = "Task_Decide";
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    TaskService taskService;

    @Autowired
    ClientRepository clientRepository;

    @Autowired
    ManagementService managementService;

    @Autowired
    SlaClocks clocks;

    @Autowired
    TestRestTemplate rest;

    private String deploymentId;
    private final List<String> escalations = new ArrayList<>();

    @BeforeEach
    void deploy() {
        deploymentId = repositoryService
                .createDeployment()
                .name("task-context-test")
                .addClasspathResource("sla/sla-clock-pattern.bpmn")
                .deploy()
                .getId();
    }

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        escalations.forEach(id -> runtimeService.deleteProcessInstance(id, "test finished"));
        repositoryService.deleteDeployment(deploymentId, true);
    }

    @Test
    void theTaskNamesCaseAndClientAndTakesPriorityAndDatesFromTheClock() {
        String client = client();
        // Monday 16 March 2026 10:00, P2 = 16 business hours: warning (12 h) Tuesday 14:00, due Wednesday 10:00
        ProcessInstance pi = start(client, "high", at("2026-03-16T10:00"));

        Task task = decide(pi);
        assertThat(task.getName()).isEqualTo("Decide on the change · " + pi.getBusinessKey() + " · " + client);
        assertThat(task.getPriority()).isEqualTo(75);
        assertThat(task.getDueDate()).isEqualTo(Date.from(at("2026-03-18T10:00")));
        assertThat(task.getFollowUpDate()).isEqualTo(Date.from(at("2026-03-17T14:00")));
        assertThat(runtimeService.getVariables(pi.getId()))
                .containsEntry(CaseVariables.CASE_REFERENCE.name(), pi.getBusinessKey())
                .containsEntry(CaseVariables.CLIENT_NAME.name(), "Worklist test " + client);
    }

    @Test
    void theDueDateMovesWhenTheClockPausesResumesAndIsRetargeted() {
        String client = client();
        // Thursday 12 March 10:00, P1 = 8 h: warning Thursday 16:00, due Friday 10:00
        ProcessInstance pi = start(client, "P1", at("2026-03-12T10:00"));
        assertThat(decide(pi).getPriority()).isEqualTo(100);
        assertThat(decide(pi).getDueDate()).isEqualTo(Date.from(at("2026-03-13T10:00")));

        // Thursday 15:00 (5 h counted) the case waits for the client: no clock runs, the task has no deadline
        correlateAt(pi, "sla-test-client-waiting", Map.of(), at("2026-03-12T15:00"));
        assertThat(decide(pi).getDueDate()).isNull();
        assertThat(decide(pi).getFollowUpDate()).isNull();

        // Monday 16 March 11:00 the client answers: 3 h remain -> due Monday 14:00, warning Monday 12:00
        correlateAt(pi, "sla-test-client-responded", Map.of(), at("2026-03-16T11:00"));
        assertThat(decide(pi).getDueDate()).isEqualTo(Date.from(at("2026-03-16T14:00")));
        assertThat(decide(pi).getFollowUpDate()).isEqualTo(Date.from(at("2026-03-16T12:00")));

        // 11:30 the priority drops to P3 (40 h, warning 30 h): 5.5 h counted, 34.5 h remain
        correlateAt(
                pi, "sla-test-priority-changed", Map.of(CaseVariables.PRIORITY.name(), "P3"), at("2026-03-16T11:30"));
        Task retargeted = decide(pi);
        assertThat(retargeted.getPriority()).isEqualTo(50);
        // 5.5 h left on Monday, then Tuesday to Thursday 8 h each (24 h), 5 h on Friday 20 March -> 14:00
        assertThat(retargeted.getDueDate()).isEqualTo(Date.from(at("2026-03-20T14:00")));
        // warning: 24.5 h from 11:30 -> 5.5 + 8 + 8 = 21.5 on Wednesday evening, 3 h Thursday -> 12:00
        assertThat(retargeted.getFollowUpDate()).isEqualTo(Date.from(at("2026-03-19T12:00")));
    }

    @Test
    void anEscalationTaskIsDueWhenItsClockIs() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<Map> raised = rest.withBasicAuth("csm", "csm")
                .exchange(
                        "/api/escalations",
                        HttpMethod.POST,
                        new HttpEntity<>(
                                Map.of(
                                        "clientReference", "ALPENWERK",
                                        "subject", "Line 3 PLC network down",
                                        "reportedImpact", "high"),
                                headers),
                        Map.class);
        assertThat(raised.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String reference = (String) raised.getBody().get("reference");
        String processInstanceId = (String) raised.getBody().get("processInstanceId");
        escalations.add(processInstanceId);
        runAsync(processInstanceId);

        Task acknowledge = taskService
                .createTaskQuery()
                .processInstanceId(processInstanceId)
                .taskDefinitionKey("Task_Acknowledge")
                .singleResult();
        SlaClock clock = clocks.governing(processInstanceId, reference).orElseThrow();
        assertThat(clock.getClockName()).isEqualTo("escalationAcknowledge");
        assertThat(acknowledge.getDueDate()).isEqualTo(Date.from(clock.getDueAt()));
        assertThat(acknowledge.getFollowUpDate()).isEqualTo(Date.from(clock.getWarningAt()));
        assertThat(acknowledge.getName()).isEqualTo("Acknowledge escalation · " + reference + " · ALPENWERK");
        assertThat(acknowledge.getPriority())
                .isEqualTo(TaskPriorities.of(runtimeService
                        .getVariable(processInstanceId, "priority")
                        .toString()));
    }

    private void runAsync(String processInstanceId) {
        for (int round = 0; round < 50; round++) {
            List<Job> jobs = managementService
                    .createJobQuery()
                    .processInstanceId(processInstanceId)
                    .messages()
                    .list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> managementService.executeJob(job.getId()));
        }
    }

    private Task decide(ProcessInstance pi) {
        return taskService
                .createTaskQuery()
                .processInstanceId(pi.getId())
                .taskDefinitionKey(TASK_DECIDE)
                .singleResult();
    }

    private ProcessInstance start(String client, String priority, Instant now) {
        ClockUtil.setCurrentTime(Date.from(now));
        return runtimeService.startProcessInstanceByKey(
                PROCESS,
                "CHG-WL-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(),
                Map.of(
                        "metric",
                        "cab.decision",
                        CaseVariables.PRIORITY.name(),
                        priority,
                        CaseVariables.CLIENT_REFERENCE.name(),
                        client));
    }

    private void correlateAt(ProcessInstance pi, String message, Map<String, Object> variables, Instant now) {
        ClockUtil.setCurrentTime(Date.from(now));
        runtimeService
                .createMessageCorrelation(message)
                .processInstanceId(pi.getId())
                .setVariables(variables)
                .correlate();
    }

    /** A Standard-tier client in Munich, 09:00-17:00 Monday to Friday; unique per test. */
    private String client() {
        String reference = "WL-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        clientRepository.save(new Client(
                reference,
                "Worklist test " + reference,
                CsmTier.STANDARD,
                "de",
                BERLIN,
                LocalTime.of(9, 0),
                LocalTime.of(17, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                "DE-BY"));
        return reference;
    }

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }
}
