package com.csmflow.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Workload 6: many open user tasks across the clients (a minimal process with one user task, started
 * through the engine in batches of one transaction each), then the queries Tasklist sends for a csm
 * user, over HTTP with Basic auth and authorization on.
 */
final class TasklistScale {

    static final String KEY = "bench-tasklist";
    /** Candidate groups of the bulk tasks: 30 % are the csm group's. */
    static final String[] GROUPS = {"csm", "csm", "csm", "cse", "cse", "cse", "service-manager", "service-manager",
            "cab", "it"};

    private final BenchApp app;
    private final Results results;

    TasklistScale(BenchApp app, Results results) {
        this.app = app;
        this.results = results;
    }

    static BpmnModelInstance model() {
        return Bpmn.createExecutableProcess(KEY).name("Benchmark open task").camundaHistoryTimeToLive(1)
                .startEvent("start").userTask("work").name("Open work").camundaCandidateGroups("${group}")
                .endEvent("end").done();
    }

    /** Creates the open tasks; returns seconds taken. */
    double populate(int tasks, List<String> clients) {
        RuntimeService runtime = app.engine.getRuntimeService();
        TransactionTemplate tx = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
        long start = System.nanoTime();
        int batch = 250;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int from = 0; from < tasks; from += batch) {
                int first = from;
                int last = Math.min(tasks, from + batch);
                futures.add(pool.submit(() -> tx.executeWithoutResult(status -> {
                    for (int i = first; i < last; i++) {
                        runtime.startProcessInstanceByKey(KEY, "TASK-" + i, Map.of(
                                "clientReference", clients.get(i % clients.size()),
                                "group", GROUPS[i % GROUPS.length]));
                    }
                })));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("creating the open tasks", e);
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    Map<String, Object> measure(String label, int warmup, int samples) {
        Filter filter = app.engine.getFilterService().createFilterQuery()
                .filterName("Client Service Manager tasks").singleResult();
        Map<String, Supplier<HttpResponse<String>>> queries = new LinkedHashMap<>();
        queries.put("GET /engine-rest/task (my groups, 50, newest first)", () -> app.call("GET",
                "/engine-rest/task?candidateGroups=csm&includeAssignedTasks=true&sortBy=created&sortOrder=desc"
                        + "&firstResult=0&maxResults=50", Bench.CSM_USER, Bench.PASSWORD, null));
        queries.put("GET /engine-rest/task/count (my groups)", () -> app.call("GET",
                "/engine-rest/task/count?candidateGroups=csm&includeAssignedTasks=true",
                Bench.CSM_USER, Bench.PASSWORD, null));
        if (filter != null) {
            queries.put("POST /engine-rest/filter/{csm}/list (Tasklist)", () -> app.call("POST",
                    "/engine-rest/filter/" + filter.getId() + "/list?firstResult=0&maxResults=15",
                    Bench.CSM_USER, Bench.PASSWORD,
                    "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}"));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<HttpResponse<String>>> query : queries.entrySet()) {
            Stats stats = time(query.getValue(), warmup, samples);
            results.add(label, query.getKey() + " p50", stats.percentile(50), "ms");
            results.atMost(label, query.getKey() + " p95", stats.percentile(95), "ms", 100);
            detail.put(query.getKey(), stats.summary());
        }
        HttpResponse<String> count = app.call("GET", "/engine-rest/task/count?candidateGroups=csm&includeAssignedTasks=true",
                Bench.CSM_USER, Bench.PASSWORD, null);
        detail.put("csmUserSees", count.body());
        return detail;
    }

    static Stats time(Supplier<HttpResponse<String>> call, int warmup, int samples) {
        Stats stats = new Stats();
        for (int i = 0; i < warmup + samples; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = call.get();
            long t1 = System.nanoTime();
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            if (i >= warmup) {
                stats.recordNanos(t1 - t0);
            }
        }
        return stats;
    }
}
