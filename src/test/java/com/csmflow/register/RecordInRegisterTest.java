package com.csmflow.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.csmflow.engine.CaseVariables;
import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/** The "Record in register" delegate in a real process on PostgreSQL, and the audit log it writes. */
@CsmFlowTest
class RecordInRegisterTest {

    private static final String PROCESS = "register-record-probe";

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    TaskService taskService;

    @Autowired
    ManagementService managementService;

    @Autowired
    IdentityService identityService;

    @Autowired
    BusinessKeys businessKeys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper objectMapper;

    private String deploymentId;

    /**
     * Start -> [async] record billing -> check "${approved}" (fails until the variable exists, in the
     * same transaction as the record) -> wait for a person -> record the outcome (UPDATE) -> end.
     */
    @BeforeEach
    void deploy() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_RecordBilling")
                .name("Record billing")
                .camundaAsyncBefore()
                .camundaFailedJobRetryTimeCycle("R3/PT5M")
                .camundaDelegateExpression("${registerRecord}")
                .camundaInputParameter(RecordInRegisterDelegate.REGISTER, "billing-record")
                .camundaInputParameter(
                        RecordInRegisterDelegate.DATA, "{\"hours\": ${hours}, \"client\": \"${clientReference}\"}")
                .serviceTask("Task_CheckApproved")
                .camundaExpression("${approved}")
                .userTask("Task_Confirm")
                .camundaCandidateGroups("csm")
                .serviceTask("Task_RecordOutcome")
                .name("Record outcome")
                .camundaDelegateExpression("${registerRecord}")
                .camundaInputParameter(RecordInRegisterDelegate.REGISTER, "billing-record")
                .camundaInputParameter(
                        RecordInRegisterDelegate.DATA,
                        "{\"hours\": ${hours}, \"client\": \"${clientReference}\", \"invoiced\": true}")
                .camundaInputParameter(RecordInRegisterDelegate.ACTION, "close")
                .endEvent()
                .done();
        deploymentId = repositoryService
                .createDeployment()
                .name(PROCESS)
                .addModelInstance(PROCESS + ".bpmn", model)
                .deploy()
                .getId();
    }

    @AfterEach
    void cleanUp() {
        identityService.clearAuthentication();
        repositoryService.deleteDeployment(deploymentId, true);
        ClockUtil.reset();
    }

    @Test
    void recordsARowWithProcessInstanceAndBusinessKeyAndAuditsWhoWhenAndWhichStep() throws Exception {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-04-14T09:30:00Z")));
        String businessKey = businessKeys.next("BIL");
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(
                PROCESS,
                businessKey,
                Variables.createVariables()
                        .putValue("hours", 12)
                        .putValue(CaseVariables.CLIENT_REFERENCE.name(), "ALPENWERK")
                        .putValue("approved", true));
        executeJob(instance);

        List<Map<String, Object>> rows =
                jdbc.queryForList("SELECT * FROM register_entry WHERE business_key = ? ORDER BY id", businessKey);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row)
                    .containsEntry("register", "billing-record")
                    .containsEntry("reference", businessKey)
                    .containsEntry("process_instance_id", instance.getId())
                    .containsEntry("activity_id", "Task_RecordBilling")
                    .containsEntry("action", "CREATE");
            assertThat(json(row.get("data"))).isEqualTo(Map.of("hours", 12, "client", "ALPENWERK"));
        });

        // the outcome step is run by a person: the audit names them
        String task = taskService
                .createTaskQuery()
                .processInstanceId(instance.getId())
                .singleResult()
                .getId();
        identityService.setAuthentication("csm", List.of("csm"));
        taskService.complete(task);
        identityService.clearAuthentication();

        List<Map<String, Object>> audit = rest.withBasicAuth("dc-head", "dc-head")
                .getForObject("/api/audit?businessKey=" + businessKey, List.class);
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0))
                .containsEntry("register", "billing-record")
                .containsEntry("reference", businessKey)
                .containsEntry("processInstanceId", instance.getId())
                .containsEntry("activityId", "Task_RecordBilling")
                .containsEntry("userId", "system")
                .containsEntry("action", "CREATE")
                .containsEntry("changedAt", "2026-04-14T09:30:00Z");
        assertThat((Map<String, Object>) audit.get(0).get("changes"))
                .containsEntry("hours", mapOf("old", null, "new", 12));
        assertThat(audit.get(1))
                .containsEntry("activityId", "Task_RecordOutcome")
                .containsEntry("userId", "csm")
                .containsEntry("action", "CLOSE");
        assertThat((Map<String, Object>) audit.get(1).get("changes")).containsOnlyKeys("invoiced");

        List<Map<String, Object>> listed = rest.withBasicAuth("cse", "cse")
                .getForObject("/api/registers/billing-record?businessKey=" + businessKey, List.class);
        assertThat(listed)
                .extracting(entry -> entry.get("activityId"))
                .containsExactly("Task_RecordBilling", "Task_RecordOutcome");
        assertThat(listed.get(1))
                .containsEntry("businessKey", businessKey)
                .containsEntry("data", Map.of("hours", 12, "client", "ALPENWERK", "invoiced", true));
    }

    @Test
    void aJobRetriedAfterAFailureLaterInItsTransactionRecordsOnce() {
        String businessKey = businessKeys.next("BIL");
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(
                PROCESS,
                businessKey,
                Variables.createVariables()
                        .putValue("hours", 3)
                        .putValue(CaseVariables.CLIENT_REFERENCE.name(), "HUDSON-MUTUAL"));
        Job job = managementService
                .createJobQuery()
                .processInstanceId(instance.getId())
                .singleResult();

        // the record step runs, then "${approved}" fails in the same transaction: all of it rolls back
        assertThatThrownBy(() -> managementService.executeJob(job.getId())).isInstanceOf(Exception.class);
        assertThat(entries(businessKey)).isZero();
        assertThat(audits(businessKey)).isZero();

        runtimeService.setVariable(instance.getId(), "approved", true);
        managementService.executeJob(job.getId());
        assertThat(entries(businessKey)).isEqualTo(1);
        assertThat(audits(businessKey)).isEqualTo(1);
    }

    @Test
    void runningTheSameStepAgainInTheSameInstanceDoesNotWriteTwice() {
        String businessKey = businessKeys.next("BIL");
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(
                PROCESS,
                businessKey,
                Variables.createVariables()
                        .putValue("hours", 5)
                        .putValue(CaseVariables.CLIENT_REFERENCE.name(), "ALPENWERK")
                        .putValue("approved", true));
        executeJob(instance);
        assertThat(entries(businessKey)).isEqualTo(1);

        // an operator replays the step through process instance modification (Cockpit: "move token")
        runtimeService
                .createProcessInstanceModification(instance.getId())
                .startBeforeActivity("Task_RecordBilling")
                .execute();
        executeJob(instance);

        assertThat(entries(businessKey)).isEqualTo(1);
        assertThat(audits(businessKey)).isEqualTo(1);
    }

    @Test
    void aStepWithoutRegisterNameFailsAndWritesNothing() {
        BpmnModelInstance broken = Bpmn.createExecutableProcess("register-record-broken")
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_Record")
                .camundaDelegateExpression("${registerRecord}")
                .camundaInputParameter(RecordInRegisterDelegate.DATA, "{\"a\": 1}")
                .endEvent()
                .done();
        String brokenDeployment = repositoryService
                .createDeployment()
                .addModelInstance("broken.bpmn", broken)
                .deploy()
                .getId();
        try {
            String businessKey = businessKeys.next("BIL");
            assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("register-record-broken", businessKey))
                    .hasMessageContaining("register");
            assertThat(entries(businessKey)).isZero();
            assertThat(runtimeService
                            .createProcessInstanceQuery()
                            .processInstanceBusinessKey(businessKey)
                            .count())
                    .isZero();
        } finally {
            repositoryService.deleteDeployment(brokenDeployment, true);
        }
    }

    @Test
    void auditIsForManagersAndNeedsAFilter() {
        assertThat(rest.withBasicAuth("cse", "cse")
                        .getForEntity("/api/audit?businessKey=X", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("delivery-manager", "delivery-manager")
                        .getForEntity("/api/audit?businessKey=NONE-2026-0001", List.class)
                        .getBody())
                .isEmpty();
        assertThat(rest.withBasicAuth("admin", "admin")
                        .getForEntity("/api/audit", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/api/registers/Bad_Name", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    // ---------------------------------------------------------------------------------------------

    private void executeJob(ProcessInstance instance) {
        Job job = managementService
                .createJobQuery()
                .processInstanceId(instance.getId())
                .singleResult();
        managementService.executeJob(job.getId());
    }

    private long entries(String businessKey) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM register_entry WHERE business_key = ?", Long.class, businessKey);
    }

    private long audits(String businessKey) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM register_audit WHERE business_key = ?", Long.class, businessKey);
    }

    private Map<String, Object> json(Object text) throws Exception {
        return objectMapper.readValue(text.toString(), Map.class);
    }

    private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
        java.util.HashMap<String, Object> map = new java.util.HashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
