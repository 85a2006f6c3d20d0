package com.csmflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.bpm.model.bpmn.builder.StartEventBuilder;

/**
 * Workload 4: a bare BPMN with the same number of wait states (user tasks, timers) and asynchronous
 * steps as the change standard path, and no-op delegates. Its shape is a parameter
 * (bench.baseline.userTasks / asyncSteps / timers; defaults 4 / 4 / 2 = bpmn/change-request.bpmn's
 * standard path as the benchmark drives it: schedule, confirm the short notice (the window is seconds
 * away), implement, technical review; notice and window timers; four mails sent asynchronously: received,
 * approved, maintenance notice, outcome; until session 11 the default was 2, from before the received
 * and approved mails). Timers, async steps and user tasks alternate.
 */
final class BaselineProcess {

    static final String KEY = "bench-baseline";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BaselineProcess() {}

    static BpmnModelInstance model(int userTasks, int asyncSteps, int timers) {
        StartEventBuilder start = Bpmn.createExecutableProcess(KEY)
                .name("Benchmark baseline")
                .camundaHistoryTimeToLive(1)
                .startEvent("start");
        AbstractFlowNodeBuilder<?, ?> flow = start;
        for (int i = 0; i < Math.max(Math.max(userTasks, asyncSteps), timers); i++) {
            if (i < timers) {
                // the first timer is due at once (the change's late maintenance notice), the others at the
                // window start the instance was given (the change's window timer)
                flow = i == 0
                        ? flow.intermediateCatchEvent("timer" + i).timerWithDuration("PT0S")
                        : flow.intermediateCatchEvent("timer" + i).timerWithDate("${windowStart}");
            }
            if (i < asyncSteps) {
                flow = flow.serviceTask("async" + i).camundaAsyncBefore().camundaDelegateExpression("${benchNoop}");
            }
            if (i < userTasks) {
                flow = flow.userTask("task" + i).camundaCandidateGroups("csm");
            }
        }
        return flow.endEvent("end").done();
    }

    /** Started over HTTP through /engine-rest by a csm user, tasks completed by csm users. */
    static InstanceDriver.Scenario scenario(BenchApp app, List<String> clients) {
        return new InstanceDriver.Scenario() {
            @Override
            public String name() {
                return "baseline";
            }

            @Override
            public String start(int sequence) {
                return startOverEngineRest(app, KEY, clients.get(sequence % clients.size()));
            }

            @Override
            public InstanceDriver.Actor actor(DriverEvents.OpenTask task) {
                return new InstanceDriver.Actor(Bench.CSM_USER, List.of("csm"));
            }

            @Override
            public Map<String, Object> completion(DriverEvents.OpenTask task) {
                return Map.of("done", true);
            }
        };
    }

    /**
     * Starts a baseline instance as a client system would, over /engine-rest as a csm user, with the
     * client and the window at the next whole minute (as the change's); returns its process instance id.
     * No business key: a caller of the engine API may not choose one (docs/security.md).
     */
    static String startOverEngineRest(BenchApp app, String key, String client) {
        String window = WorkflowWorkloads.windowStart().toInstant().toString();
        String body = "{\"variables\":{\"clientReference\":{\"value\":\"" + client
                + "\",\"type\":\"String\"},\"windowStart\":{\"value\":\"" + window
                + "\",\"type\":\"String\"}}}";
        HttpResponse<String> response = app.call(
                "POST", "/engine-rest/process-definition/key/" + key + "/start", Bench.CSM_USER, Bench.PASSWORD, body);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("start: " + response.statusCode() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body()).get("id").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
