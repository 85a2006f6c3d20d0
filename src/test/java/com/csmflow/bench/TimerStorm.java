package com.csmflow.bench;

import com.csmflow.engine.CaseVariables;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Workload 5: N real SLA clocks (slaClockStart on an Enhanced P1 escalation.acknowledge target,
 * round the clock) started at the same engine instant, so their warning timers fall due at one
 * instant and their breach timers at another. The engine clock is then moved (running, not frozen)
 * to each instant and the job executor fires the timers: time until all fired, and the lag of each
 * timer after its due time, from the history of the timer events (engine time).
 */
final class TimerStorm {

    static final String KEY = "bench-timer-storm";
    static final String BARE_KEY = "bench-timer-storm-bare";

    private final BenchApp app;
    private final Results results;
    /** CPU (JVM + PostgreSQL) per fired timer, by kind ("warning", "breach") and storm size. */
    private final Map<String, Map<Integer, Double>> cpuPerTimer = new LinkedHashMap<>();

    TimerStorm(BenchApp app, Results results) {
        this.app = app;
        this.results = results;
    }

    /**
     * The SLA clock pattern of docs/sla-clocks.md with the real clock delegates; {@code bare}: the storm's
     * bare engine, the same user task and boundary timers at the same instants (given as variables), no
     * SLA clock, no delegate on the breach path. What the engine alone needs per fired timer on this
     * machine, measured in the same run as the real storm (issue 22: the storm's floor).
     */
    static BpmnModelInstance model(boolean bare) {
        AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(bare ? BARE_KEY : KEY)
                .name(bare ? "Benchmark timer storm, bare engine" : "Benchmark timer storm")
                .camundaHistoryTimeToLive(1)
                .startEvent("start");
        if (!bare) {
            flow = flow.serviceTask("startClock")
                    .camundaDelegateExpression("${slaClockStart}")
                    .camundaInputParameter("metric", "escalation.acknowledge")
                    .camundaInputParameter("priority", "P1")
                    .camundaInputParameter("clientReference", "${clientReference}")
                    .camundaInputParameter("clockName", "ack");
        }
        AbstractFlowNodeBuilder<?, ?> breach = flow.userTask("work")
                .camundaCandidateGroups("csm")
                .boundaryEvent("warning")
                .cancelActivity(false)
                .timerWithDate("${ackWarning}")
                .endEvent("warned")
                .moveToActivity("work")
                .boundaryEvent("breach")
                .timerWithDate("${ackDue}");
        if (!bare) {
            breach = breach.serviceTask("stopClock")
                    .camundaDelegateExpression("${slaClockStop}")
                    .camundaInputParameter("clockName", "ack");
        }
        return breach.endEvent("breached")
                .moveToActivity("work")
                .endEvent("done")
                .done();
    }

    /** Instants of the real clocks' warning and breach after their start, for the bare storm. */
    private long warningAfterMs = 10 * 60_000;

    private long dueAfterMs = 15 * 60_000;

    /** The storm with real SLA clocks ({@code bare} false) or the same timers on the bare engine. */
    void run(int clocks, List<String> enhancedClients, double timeoutSeconds, boolean bare) {
        String key = bare ? BARE_KEY : KEY;
        // a new version per storm: each storm counts the timer events of its own definition
        app.engine
                .getRepositoryService()
                .createDeployment()
                .name("benchmark timer storm " + clocks + (bare ? " bare" : ""))
                .addModelInstance(key + ".bpmn", model(bare))
                .deploy();
        RuntimeService runtime = app.engine.getRuntimeService();
        TransactionTemplate tx = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
        // every clock starts at the same engine instant (frozen while they start), an hour ahead of real
        // time so that no timer is due before the clock is moved to it
        Date startedAt = new Date((System.currentTimeMillis() / 60_000) * 60_000 + 3_600_000);
        ClockUtil.setCurrentTime(startedAt);
        long createStart = System.nanoTime();
        try {
            int batch = 100;
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> futures = new ArrayList<>();
            for (int from = 0; from < clocks; from += batch) {
                int first = from;
                int last = Math.min(clocks, from + batch);
                futures.add(pool.submit(() -> tx.executeWithoutResult(status -> {
                    for (int i = first; i < last; i++) {
                        Map<String, Object> variables = bare
                                ? Map.of(
                                        "ackWarning", new Date(startedAt.getTime() + warningAfterMs),
                                        "ackDue", new Date(startedAt.getTime() + dueAfterMs))
                                : Map.of(
                                        CaseVariables.CLIENT_REFERENCE.name(),
                                        enhancedClients.get(i % enhancedClients.size()));
                        runtime.startProcessInstanceByKey(key, "STORM-" + i, variables);
                    }
                })));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdown();
        } catch (Exception e) {
            throw new IllegalStateException("creating the storm's clocks", e);
        } finally {
            ClockUtil.reset();
        }
        double createSeconds = (System.nanoTime() - createStart) / 1e9;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("clocks", clocks);
        detail.put("createSeconds", Stats.round(createSeconds));
        detail.put("createPerSecond", Stats.round(clocks / createSeconds));
        // In production the clocks of a storm were started over hours and autovacuum has long caught up
        // when their timers fall due; here they were bulk-created a moment ago, and PostgreSQL's
        // autovacuum and analyze of those rows (about 20 per clock) ran during the storm: at 10,000 timers
        // about 0.8 of a core (session 11). What autovacuum would have done is done first, unmeasured
        // (-Dbench.stormVacuum=false measures the storm straight after the bulk creation, as before).
        if (Boolean.parseBoolean(System.getProperty("bench.stormVacuum", "true"))) {
            long vacuumStart = System.nanoTime();
            app.execute("VACUUM ANALYZE");
            detail.put("vacuumAnalyzeSeconds", Stats.round((System.nanoTime() - vacuumStart) / 1e9));
        }

        String oneInstance = runtime.createProcessInstanceQuery()
                .processDefinitionId(latestDefinitionId(key))
                .listPage(0, 1)
                .get(0)
                .getId();
        Date warningAt = runtime
                .createVariableInstanceQuery()
                .processInstanceIdIn(oneInstance)
                .variableName("ackWarning")
                .listPage(0, 1)
                .stream()
                .map(v -> (Date) v.getValue())
                .findFirst()
                .orElseThrow();
        Date dueAt = runtime
                .createVariableInstanceQuery()
                .processInstanceIdIn(oneInstance)
                .variableName("ackDue")
                .listPage(0, 1)
                .stream()
                .map(v -> (Date) v.getValue())
                .findFirst()
                .orElseThrow();
        long distinctWarning = app.engine
                .getManagementService()
                .createJobQuery()
                .timers()
                .duedateHigherThen(new Date(warningAt.getTime() - 1))
                .duedateLowerThen(new Date(warningAt.getTime() + 1))
                .count();
        detail.put("timersDueAtTheWarningInstant", distinctWarning);

        try {
            detail.put("warning", storm(key, "warning", warningAt, clocks, timeoutSeconds));
            detail.put("breach", storm(key, "breach", dueAt, clocks, timeoutSeconds));
        } finally {
            ClockUtil.reset();
        }
        if (!bare) {
            warningAfterMs = warningAt.getTime() - startedAt.getTime();
            dueAfterMs = dueAt.getTime() - startedAt.getTime();
        }
        results.detail("timerStorm-" + clocks + (bare ? "-bare" : ""), detail);
    }

    /**
     * Issue 22: the cost per fired timer should stay flat as the storm grows: each size's CPU per timer
     * divided by that of the smallest size, within 0.8-1.2 (±20 %).
     */
    void reportCostGrowth() {
        cpuPerTimer.forEach((kind, bySize) -> {
            if (bySize.size() < 2) {
                return;
            }
            int smallest = bySize.keySet().iterator().next();
            double reference = bySize.get(smallest);
            bySize.forEach((size, cpu) -> {
                if (size != smallest) {
                    results.within(
                            "timer storm cost growth (" + kind + ")",
                            "CPU / timer at " + size + " ÷ at " + smallest,
                            cpu / reference,
                            "x",
                            0.8,
                            1.2);
                }
            });
        });
        results.detail("timerStormCpuMsPerTimerBySize", cpuPerTimer);
    }

    /** Moves the running engine clock to the instant and waits until all timers of that kind fired. */
    private String latestDefinitionId(String key) {
        return app.engine
                .getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(key)
                .latestVersion()
                .singleResult()
                .getId();
    }

    private Map<String, Object> storm(String key, String activityId, Date due, int expected, double timeoutSeconds) {
        HistoryService history = app.engine.getHistoryService();
        ManagementService management = app.engine.getManagementService();
        boolean bare = key.equals(BARE_KEY);
        String series = bare ? activityId + ", bare engine" : activityId;
        String definitionId = latestDefinitionId(key);
        long jvmCpuAtStart = CpuTime.jvmNanos();
        long postgresCpuAtStart = CpuTime.postgresNanos();
        ClockUtil.offset(due.getTime() - System.currentTimeMillis());
        long moved = System.nanoTime();
        long fired = 0;
        long deadline = moved + (long) (timeoutSeconds * 1e9);
        while (System.nanoTime() < deadline) {
            fired = history.createHistoricActivityInstanceQuery()
                    .processDefinitionId(definitionId)
                    .activityId(activityId)
                    .count();
            if (fired >= expected) {
                break;
            }
            // once a second: the count scans the timer events' history, and a tighter poll took CPU
            // from the job executor it measures (the lag figures come from the history, not the poll)
            InstanceDriver.sleep(1000);
        }
        double observedSeconds = (System.nanoTime() - moved) / 1e9;
        // CPU per fired timer: what the storm costs, apart from how the job threads were scheduled
        // (the once-a-second history poll above is included; small against 10,000 job executions)
        double jvmCpuMsPerTimer = (CpuTime.jvmNanos() - jvmCpuAtStart) / 1e6 / Math.max(1, fired);
        double postgresCpuMsPerTimer = (CpuTime.postgresNanos() - postgresCpuAtStart) / 1e6 / Math.max(1, fired);
        Stats lag = new Stats();
        int page = 2000;
        for (int first = 0; ; first += page) {
            List<HistoricActivityInstance> instances = history.createHistoricActivityInstanceQuery()
                    .processDefinitionId(definitionId)
                    .activityId(activityId)
                    .orderByHistoricActivityInstanceId()
                    .asc()
                    .listPage(first, page);
            instances.forEach(instance -> lag.record(instance.getStartTime().getTime() - due.getTime()));
            if (instances.size() < page) {
                break;
            }
        }
        double allFiredSeconds = fired >= expected ? lag.max() / 1000.0 : Double.NaN;
        String label = "timer storm (" + expected + " " + series + ")";
        // issue 22's targets are for 10,000 timers: breach <= 20 s, warning <= 10 s
        if (expected == 10_000 && !bare) {
            results.atMost(label, "all fired after due", allFiredSeconds, "s", activityId.equals("breach") ? 20 : 10);
        } else {
            results.add(label, "all fired after due", allFiredSeconds, "s");
        }
        results.add(label, "p50 lag after due", lag.percentile(50) / 1000.0, "s");
        results.add(label, "p99 lag after due", lag.percentile(99) / 1000.0, "s");
        results.add(label, "fired / expected", fired, "timers");
        results.add(label, "CPU / timer: JVM", jvmCpuMsPerTimer, "ms");
        results.add(label, "CPU / timer: PostgreSQL", postgresCpuMsPerTimer, "ms");
        results.add(label, "CPU / timer: JVM + PostgreSQL", jvmCpuMsPerTimer + postgresCpuMsPerTimer, "ms");
        results.point(
                "CPU per fired timer, JVM + PostgreSQL",
                "ms",
                series,
                expected,
                jvmCpuMsPerTimer + postgresCpuMsPerTimer);
        results.point("All timers fired, after due", "s", series, expected, allFiredSeconds);
        if (fired >= expected) {
            cpuPerTimer
                    .computeIfAbsent(series, k -> new java.util.TreeMap<>())
                    .put(expected, jvmCpuMsPerTimer + postgresCpuMsPerTimer);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("due", due.toInstant().toString());
        detail.put("fired", fired);
        detail.put("observedSeconds", Stats.round(observedSeconds));
        detail.put("allFiredAfterDueSeconds", Stats.round(allFiredSeconds));
        detail.put("lagMs", lag.summary());
        detail.put("jvmCpuMsPerTimer", Stats.round(jvmCpuMsPerTimer));
        detail.put("postgresCpuMsPerTimer", Stats.round(postgresCpuMsPerTimer));
        detail.put(
                "failedJobs",
                management
                        .createJobQuery()
                        .processDefinitionKey(key)
                        .withException()
                        .count());
        detail.put("runtimeTableStatistics", app.runtimeTableStatistics());
        System.out.println("[bench] storm " + series + ": " + detail);
        return detail;
    }
}
