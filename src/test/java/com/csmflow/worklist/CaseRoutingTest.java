package com.csmflow.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.engine.CaseVariables;
import com.csmflow.harness.CsmFlowTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A client's CSM tasks go to its designated CSM, to the backup while the CSM is recorded away, and stay
 * candidates of the csm group; its CSE tasks are offered to its named CSE team and the cse group. The
 * client register refuses designations that are no member of the right group (400 naming the field).
 * The model (src/test/resources/worklist/worklist-routing-test.bpmn) names only candidate groups.
 */
@CsmFlowTest
class CaseRoutingTest {

    static final String PROCESS = "worklist-routing-test";
    static final String CSM_STEP = "Task_CsmStep";
    static final String CSE_STEP = "Task_CseStep";

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    TaskService taskService;

    @Autowired
    IdentityService identityService;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    private String deploymentId;
    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final String csm = "wl-csm-" + suffix;
    private final String backup = "wl-backup-" + suffix;
    private final String cse = "wl-cse-" + suffix;
    private final List<String> instances = new ArrayList<>();

    @BeforeEach
    void setUp() {
        deploymentId = repositoryService
                .createDeployment()
                .name("case-routing-test")
                .addClasspathResource("worklist/worklist-routing-test.bpmn")
                .deploy()
                .getId();
        user(csm, "csm");
        user(backup, "csm");
        user(cse, "cse");
    }

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        instances.forEach(id -> runtimeService.deleteProcessInstance(id, "test finished"));
        repositoryService.deleteDeployment(deploymentId, true);
        jdbc.update("DELETE FROM staff_absence WHERE user_id IN (?, ?)", csm, backup);
        List.of(csm, backup, cse).forEach(identityService::deleteUser);
    }

    @Test
    void csmTasksGoToTheDesignatedCsmAndCseTasksToTheNamedTeam() {
        String client = client(csm, backup, List.of(cse));
        ProcessInstance pi = start(client);

        Task csmTask = task(pi, CSM_STEP);
        assertThat(csmTask.getAssignee()).isEqualTo(csm);
        assertThat(candidateGroups(csmTask)).containsExactly("csm");
        Task cseTask = task(pi, CSE_STEP);
        assertThat(cseTask.getAssignee()).isNull();
        assertThat(candidateGroups(cseTask)).containsExactly("cse");
        assertThat(candidateUsers(cseTask)).containsExactly(cse);
        // the team member finds it among their tasks, and so does the rest of the group
        assertThat(taskService
                        .createTaskQuery()
                        .taskCandidateUser(cse)
                        .processInstanceId(pi.getId())
                        .count())
                .isEqualTo(1);
        assertThat(taskService
                        .createTaskQuery()
                        .taskCandidateGroup("csm")
                        .includeAssignedTasks()
                        .processInstanceId(pi.getId())
                        .count())
                .isEqualTo(1);
    }

    @Test
    void whileTheCsmIsAwayTheBackupGetsTheirTasksNewAndOpen() {
        String client = client(csm, backup, List.of());
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-06-01T08:00:00Z")));
        ProcessInstance before = start(client);
        assertThat(task(before, CSM_STEP).getAssignee()).isEqualTo(csm);

        // recorded away for a week: the open task moves to the backup at once
        ResponseEntity<Map> away = send(
                "service-manager",
                HttpMethod.PUT,
                "/api/staff/" + csm + "/absence",
                Map.of("until", "2026-06-08T08:00:00Z", "reason", "holiday"));
        assertThat(away.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(away.getBody()).containsEntry("awayNow", true).containsEntry("movedTasks", 1);
        assertThat(task(before, CSM_STEP).getAssignee()).isEqualTo(backup);
        // a new task goes to the backup too; CSE tasks without a named team stay with the group
        ProcessInstance during = start(client);
        assertThat(task(during, CSM_STEP).getAssignee()).isEqualTo(backup);
        assertThat(candidateUsers(task(during, CSE_STEP))).isEmpty();

        // when the absence is over, new tasks go to the CSM again; the backup keeps what they started
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-06-08T08:00:00Z")));
        ProcessInstance after = start(client);
        assertThat(task(after, CSM_STEP).getAssignee()).isEqualTo(csm);
        assertThat(task(before, CSM_STEP).getAssignee()).isEqualTo(backup);

        // away again, then back early: the absence is cleared and new tasks go to the CSM
        send("csm", HttpMethod.PUT, "/api/staff/" + csm + "/absence", Map.of("until", "2026-06-20T08:00:00Z"));
        assertThat(task(start(client), CSM_STEP).getAssignee()).isEqualTo(backup);
        assertThat(send("csm", HttpMethod.DELETE, "/api/staff/" + csm + "/absence", null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(task(start(client), CSM_STEP).getAssignee()).isEqualTo(csm);
    }

    @Test
    void withoutADesignationOrWithBothAwayTheGroupGetsTheTask() {
        ProcessInstance undesignated = start(client(null, null, List.of()));
        Task task = task(undesignated, CSM_STEP);
        assertThat(task.getAssignee()).isNull();
        assertThat(candidateGroups(task)).containsExactly("csm");
        assertThat(candidateUsers(task)).isEmpty();

        String client = client(csm, backup, List.of());
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-06-01T08:00:00Z")));
        send("csm", HttpMethod.PUT, "/api/staff/" + csm + "/absence", Map.of("until", "2026-06-08T08:00:00Z"));
        send("csm", HttpMethod.PUT, "/api/staff/" + backup + "/absence", Map.of("until", "2026-06-08T08:00:00Z"));
        assertThat(task(start(client), CSM_STEP).getAssignee()).isNull();
    }

    @Test
    void theRegisterRefusesDesignationsOutsideTheRightGroup() {
        assertRefused(body(csm, "nobody-" + suffix, List.of()), "backupCsm");
        assertRefused(body(cse, null, List.of()), "designatedCsm"); // an engineer is no CSM
        assertRefused(body(csm, csm, List.of()), "backupCsm");
        assertRefused(body(null, backup, List.of()), "backupCsm");
        assertRefused(body(csm, backup, List.of(csm)), "cseTeam[0]");
        assertRefused(body(csm, backup, List.of(cse, cse)), "cseTeam[1]");

        // the absence API: unknown users 404, an absence that ends before it begins 400
        assertThat(send(
                                "csm",
                                HttpMethod.PUT,
                                "/api/staff/nobody-" + suffix + "/absence",
                                Map.of("until", "2099-01-01T00:00:00Z"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<Map> backwards = send(
                "csm",
                HttpMethod.PUT,
                "/api/staff/" + csm + "/absence",
                Map.of("from", "2099-01-02T00:00:00Z", "until", "2099-01-01T00:00:00Z"));
        assertThat(fields(backwards)).containsExactly("until");
        assertThat(fields(send("csm", HttpMethod.PUT, "/api/staff/" + csm + "/absence", Map.of())))
                .containsExactly("until");
        assertThat(send(
                                "cse",
                                HttpMethod.PUT,
                                "/api/staff/" + csm + "/absence",
                                Map.of("until", "2099-01-01T00:00:00Z"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    private void assertRefused(Map<String, Object> body, String field) {
        Long clients = jdbc.queryForObject("SELECT count(*) FROM client", Long.class);
        assertThat(fields(send("csm", HttpMethod.POST, "/api/clients", body)))
                .as("refused for %s", field)
                .contains(field);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM client", Long.class))
                .isEqualTo(clients);
    }

    private String client(String designated, String backupCsm, List<String> team) {
        Map<String, Object> body = body(designated, backupCsm, team);
        ResponseEntity<Map> created = send("csm", HttpMethod.POST, "/api/clients", body);
        assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
        // absent fields are left out of the answer
        assertThat(created.getBody().get("designatedCsm")).isEqualTo(designated);
        assertThat(created.getBody().get("backupCsm")).isEqualTo(backupCsm);
        assertThat(created.getBody()).containsEntry("cseTeam", team);
        return (String) body.get("reference");
    }

    private Map<String, Object> body(String designated, String backupCsm, List<String> team) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "reference",
                "WLR-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
        body.put("name", "Routing test client");
        body.put("tier", "ENHANCED");
        body.put("language", "en");
        body.put("timeZone", "Europe/London");
        body.put("businessDayStart", "09:00");
        body.put("businessDayEnd", "17:00");
        body.put("businessDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"));
        body.put("holidayRegion", "GB");
        body.put("designatedCsm", designated);
        body.put("backupCsm", backupCsm);
        body.put("cseTeam", team);
        return body;
    }

    private ProcessInstance start(String client) {
        ProcessInstance pi = runtimeService.startProcessInstanceByKey(
                PROCESS,
                "WLR-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of(CaseVariables.CLIENT_REFERENCE.name(), client, CaseVariables.PRIORITY.name(), "P3"));
        instances.add(pi.getId());
        return pi;
    }

    private Task task(ProcessInstance pi, String key) {
        return taskService
                .createTaskQuery()
                .processInstanceId(pi.getId())
                .taskDefinitionKey(key)
                .singleResult();
    }

    private Set<String> candidateGroups(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLink.class.isInstance(link) && "candidate".equals(link.getType()))
                .map(IdentityLink::getGroupId)
                .filter(group -> group != null)
                .collect(Collectors.toSet());
    }

    private Set<String> candidateUsers(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> "candidate".equals(link.getType()))
                .map(IdentityLink::getUserId)
                .filter(user -> user != null)
                .collect(Collectors.toSet());
    }

    private void user(String id, String group) {
        User user = identityService.newUser(id);
        user.setFirstName("Routing");
        user.setLastName(id);
        user.setEmail(id + "@staff.example");
        user.setPassword("routing-test-password-1");
        identityService.saveUser(user);
        identityService.createMembership(id, group);
    }

    private ResponseEntity<Map> send(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user).exchange(path, method, new HttpEntity<>(body, headers), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(ResponseEntity<Map> response) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        List<Map<String, String>> errors =
                (List<Map<String, String>>) response.getBody().get("errors");
        assertThat(errors).as("problem body %s", response.getBody()).isNotNull();
        return errors.stream().map(error -> error.get("field")).toList();
    }
}
