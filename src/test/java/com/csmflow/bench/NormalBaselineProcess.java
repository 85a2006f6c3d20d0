package com.csmflow.bench;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The bare baseline of workload 2 (issue 22): the wait states of bpmn/change-request.bpmn's normal
 * path with a 5-member CAB, no-op delegates. In order: an asynchronous step (the "received" mail), the
 * CAB's preparation (user task), an asynchronous step (the invitations), the vote as a parallel
 * multi-instance user task for the five bench-cab-* members that ends at the majority (three votes) and carries
 * two non-interrupting timers (warning and overdue, far ahead, as in the change), an asynchronous step
 * (the "approved" mail), scheduling and the short-notice confirmation (user tasks), the notice timer, an asynchronous step (the notice),
 * the window timer, implement and review (user tasks), an asynchronous step (the outcome), the
 * post-implementation review (user task): 9 user tasks completed, 2 timers fired, 5 asynchronous steps.
 * The change's business work (decision tables, registers, mails, SLA clock) is what it leaves out.
 */
final class NormalBaselineProcess {

    static final String KEY = "bench-baseline-normal";

    private NormalBaselineProcess() {}

    static BpmnModelInstance model() {
        return Bpmn.createExecutableProcess(KEY)
                .name("Benchmark baseline, normal change")
                .camundaHistoryTimeToLive(1)
                .startEvent("start")
                .serviceTask("received")
                .camundaAsyncBefore()
                .camundaDelegateExpression("${benchNoop}")
                .userTask("prepareCab")
                .camundaCandidateGroups("csm")
                .serviceTask("invite")
                .camundaAsyncBefore()
                .camundaDelegateExpression("${benchNoop}")
                .userTask("vote")
                .camundaAssignee("bench-cab-${loopCounter + 1}")
                .multiInstance()
                .parallel()
                .cardinality("5")
                .completionCondition("${nrOfCompletedInstances >= 3}")
                .multiInstanceDone()
                .boundaryEvent("voteWarning")
                .cancelActivity(false)
                .timerWithDuration("P1D")
                .endEvent("warned")
                .moveToActivity("vote")
                .boundaryEvent("voteDue")
                .cancelActivity(false)
                .timerWithDuration("P2D")
                .endEvent("overdue")
                .moveToActivity("vote")
                .serviceTask("approved")
                .camundaAsyncBefore()
                .camundaDelegateExpression("${benchNoop}")
                .userTask("schedule")
                .camundaCandidateGroups("csm")
                .userTask("confirmShortNotice")
                .camundaCandidateGroups("csm")
                .intermediateCatchEvent("notice")
                .timerWithDuration("PT0S")
                .serviceTask("sendNotice")
                .camundaAsyncBefore()
                .camundaDelegateExpression("${benchNoop}")
                .intermediateCatchEvent("window")
                .timerWithDate("${windowStart}")
                .userTask("implement")
                .camundaCandidateGroups("csm")
                .userTask("review")
                .camundaCandidateGroups("csm")
                .serviceTask("outcome")
                .camundaAsyncBefore()
                .camundaDelegateExpression("${benchNoop}")
                .userTask("pir")
                .camundaCandidateGroups("csm")
                .endEvent("end")
                .done();
    }

    /** Started over HTTP through /engine-rest by a csm user; the votes by their assigned CAB members. */
    static InstanceDriver.Scenario scenario(BenchApp app, List<String> clients) {
        return new InstanceDriver.Scenario() {
            @Override
            public String name() {
                return "baseline-normal";
            }

            @Override
            public String start(int sequence) {
                return BaselineProcess.startOverEngineRest(app, KEY, clients.get(sequence % clients.size()));
            }

            @Override
            public InstanceDriver.Actor actor(DriverEvents.OpenTask task) {
                return task.assignee() != null
                        ? new InstanceDriver.Actor(task.assignee(), List.of("cab"))
                        : new InstanceDriver.Actor(Bench.CSM_USER, List.of("csm"));
            }

            @Override
            public Map<String, Object> completion(DriverEvents.OpenTask task) {
                return Map.of("done", true);
            }
        };
    }
}
