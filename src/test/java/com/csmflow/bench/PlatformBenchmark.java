package com.csmflow.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Test;

/**
 * The performance benchmark of issue 7 (docs/performance.md). Not a test: it measures and never
 * asserts speed. Run with {@code mvn -Pbench verify} (full scale) or {@code -Dbench.scale=smoke}.
 * Starts the application with production settings in this JVM (-Xmx512m), runs the workloads one
 * after another, prints a table and writes target/bench/results.json (and results.txt).
 */
class PlatformBenchmark {

    /** -Dbench.skip=baseline,workflows,storm,tasklist,report leaves workloads out (for quick looks at one). */
    private static boolean wanted(String workload) {
        return !List.of(System.getProperty("bench.skip", "").split(",")).contains(workload);
    }

    @Test
    void run() {
        Bench.Scale scale =
                Bench.Scale.of(System.getProperty("bench.scale", "smoke")).withOverrides();
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        Results results = new Results();
        results.run("scale", scale);
        results.run("machineAtStart", Bench.machine());
        results.run("maxHeapSetting", System.getProperty("bench.xmx", "default"));
        List<String> extra = new ArrayList<>();
        // -Dbench.args="--camunda.bpm.job-execution.max-jobs-per-acquisition=3 ..." compares settings;
        // split before each "--" only, so that a value may hold spaces (an SQL statement, say)
        String args = System.getProperty("bench.args", "").trim();
        if (!args.isEmpty()) {
            extra.addAll(List.of(args.split("\\s+(?=--)")));
        }
        results.run("extraArguments", extra);

        // the 1-minute load average every 5 s: on a shared machine the figures mean little without it
        Stats load = new Stats();
        Stats heapUsed = new Stats(); // MB in use, every 5 s: what the heap really held at one moment
        java.util.concurrent.ScheduledExecutorService sampler =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "bench-load-sampler");
                    thread.setDaemon(true);
                    return thread;
                });
        sampler.scheduleAtFixedRate(
                () -> {
                    load.record(Double.parseDouble(Bench.loadAverage().split(" ")[0]));
                    heapUsed.record(java.lang.management.ManagementFactory.getMemoryMXBean()
                                    .getHeapMemoryUsage()
                                    .getUsed()
                            / 1048576.0);
                },
                0,
                5,
                java.util.concurrent.TimeUnit.SECONDS);
        GreenMail smtp = new GreenMail(new ServerSetup(0, "localhost", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (BenchApp app = new BenchApp(smtp.getSmtp().getPort(), extra);
                HeapWatch heap = new HeapWatch()) {
            results.run("database", app.databaseDescription);
            app.enableStatementStatistics();
            results.run("jobExecutor", jobExecutor(app));
            String footprint = "footprint";
            results.add(footprint, "start-up to ready (SpringApplication.run)", app.startupMillis / 1000, "s");
            results.add(footprint, "JVM uptime at ready", app.jvmUptimeAtReadyMillis / 1000, "s");
            results.add(footprint, "RSS at ready", Bench.rss().getOrDefault("VmRSS", Double.NaN), "MB");
            results.write(out);

            Bench.createUsers(app);
            List<String> clients = Bench.createClients(app);
            List<String> enhanced = clients.stream()
                    .filter(c -> Integer.parseInt(c.substring(6)) % 2 == 0)
                    .toList();
            RepositoryService repository = app.engine.getRepositoryService();
            int userTasks = Integer.getInteger("bench.baseline.userTasks", 4);
            int asyncSteps = Integer.getInteger("bench.baseline.asyncSteps", 4);
            int timers = Integer.getInteger("bench.baseline.timers", 2);
            repository
                    .createDeployment()
                    .name("benchmark")
                    .addModelInstance(
                            BaselineProcess.KEY + ".bpmn", BaselineProcess.model(userTasks, asyncSteps, timers))
                    .addModelInstance(TimerStorm.KEY + ".bpmn", TimerStorm.model(false))
                    .addModelInstance(TasklistScale.KEY + ".bpmn", TasklistScale.model())
                    .addModelInstance(NormalBaselineProcess.KEY + ".bpmn", NormalBaselineProcess.model())
                    .deploy();
            Bench.grantStart(app, "csm", BaselineProcess.KEY);
            Bench.grantStart(app, "csm", NormalBaselineProcess.KEY);

            // 4: baseline; the baseline runs before and after workload 1 (A-B-A): the overhead ratio compares workload
            // 1
            // with the mean of both, so that a drift of the machine or of the JVM during the run cancels out
            Supplier<InstanceDriver.Outcome> runBaseline = () -> new InstanceDriver(app)
                    .run(
                            BaselineProcess.scenario(app, clients),
                            scale.users(),
                            scale.inFlightPerUser(),
                            scale.warmupSeconds(),
                            scale.measureSeconds());
            WorkflowWorkloads workflows =
                    new WorkflowWorkloads(app, results, scale, clients, smtp, wanted("baseline") ? runBaseline : null);
            // issue 22: workload 2 against a bare baseline with its own wait states, A-B-A as workload 1
            workflows.issue22(
                    heap,
                    !wanted("baseline")
                            ? null
                            : () -> new InstanceDriver(app)
                                    .run(
                                            NormalBaselineProcess.scenario(app, clients),
                                            scale.users(),
                                            scale.inFlightPerUser(),
                                            scale.warmupSeconds(),
                                            Double.parseDouble(System.getProperty(
                                                    "bench.normalSeconds", "" + scale.measureSeconds()))));
            // what the platform costs with nothing to do (job acquisition, schedulers, the benchmark's
            // samplers): spread over every completed instance, it pulls a CPU ratio towards 1 when the
            // closed loop completes few instances per second
            long idleJvm = CpuTime.jvmNanos();
            long idlePostgres = CpuTime.postgresNanos();
            double idleSeconds = Double.parseDouble(System.getProperty("bench.idleSeconds", "15"));
            InstanceDriver.sleep((long) (idleSeconds * 1000));
            results.add(
                    footprint,
                    "CPU when idle: JVM + PostgreSQL, per second",
                    ((CpuTime.jvmNanos() - idleJvm) + (CpuTime.postgresNanos() - idlePostgres)) / 1e6 / idleSeconds,
                    "ms/s");
            // JVM warm-up: the baseline and the change each run unmeasured first, so that the JIT compiler
            // has compiled the code of both before either is measured. Without it the first workload ran on
            // a colder JVM than the next (session 6: the baseline measured again after workload 1 needed a
            // third less CPU than the first time), and the overhead ratio compared unlike with unlike.
            double jvmWarmup = Double.parseDouble(
                    System.getProperty("bench.jvmWarmup", scale.name().equals("full") ? "60" : "10"));
            results.run("jvmWarmupSecondsPerWorkload", jvmWarmup);
            if (jvmWarmup > 0) {
                if (wanted("baseline")) {
                    new InstanceDriver(app)
                            .run(
                                    BaselineProcess.scenario(app, clients),
                                    scale.users(),
                                    scale.inFlightPerUser(),
                                    jvmWarmup,
                                    0);
                }
                if (wanted("workflows")) {
                    workflows.warmUp(jvmWarmup);
                }
            }
            app.resetStatements();
            heap.start();
            InstanceDriver.Outcome baseline = !wanted("baseline") ? null : runBaseline.get();
            String w4 = "4 baseline (" + userTasks + " tasks, " + asyncSteps + " async, " + timers + " timers)";
            Map<String, Object> w4detail = new LinkedHashMap<>();
            if (baseline != null) {
                report(results, w4, baseline, false);
                heap.report(results, w4);
                w4detail.putAll(baseline.json());
            }
            w4detail.put("userTasks", userTasks);
            w4detail.put("asyncSteps", asyncSteps);
            w4detail.put("timers", timers);
            w4detail.put("topStatements", app.topStatements(12));
            w4detail.put("statementTime", app.statementTimeTotals());
            w4detail.put("statementsByTable", app.statementsByTable(40));
            w4detail.put("topPlannedStatements", app.topPlannedStatements(8));
            results.detail("baseline", w4detail);
            results.add(footprint, "heap after warm-up (after full GC)", Bench.heapAfterGcMb(), "MB");
            results.add(footprint, "RSS after warm-up", Bench.rss().getOrDefault("VmRSS", Double.NaN), "MB");
            results.write(out);

            // 1-3: the change and escalation workflows, when they are part of this build
            if (wanted("workflows")) {
                workflows.run(baseline);
            }
            results.write(out);

            // 5: timer storm
            if (wanted("storm")) {
                app.resetStatements();
                Map<String, long[]> updatesBefore = app.runtimeTableUpdates();
                // issue 22: the storm at several sizes (1k, 10k, 100k at full scale), cost per timer compared
                TimerStorm storm = new TimerStorm(app, results);
                for (int clocks : sizes(
                        "bench.stormSizes",
                        scale.name().equals("full")
                                ? "1000," + scale.stormClocks() + ",100000"
                                : "100," + scale.stormClocks() + ",1000")) {
                    heap.start();
                    double timeout = Double.parseDouble(
                            System.getProperty("bench.stormTimeout", "" + Math.max(300, clocks / 100)));
                    storm.run(clocks, enhanced, timeout, false);
                    heap.report(results, "timer storm (" + clocks + ")");
                    results.write(out);
                    // the same timers on the bare engine: what of the storm is the engine's own cost
                    // (-Dbench.stormBareSizes, default the real storm's sizes up to 10,000)
                    if (sizes("bench.stormBareSizes", "1000,10000").contains(clocks)) {
                        storm.run(clocks, enhanced, timeout, true);
                        results.write(out);
                    }
                }
                storm.reportCostGrowth();
                results.detail("timerStormTopStatements", app.topStatements(8));
                results.detail("timerStormStatementTime", app.statementTimeTotals());
                results.detail("timerStormStatementsByTable", app.statementsByTable(40));
                results.detail("timerStormTopPlannedStatements", app.topPlannedStatements(8));
                results.detail(
                        "timerStormRuntimeTableUpdates",
                        BenchApp.updatesBetween(updatesBefore, app.runtimeTableUpdates()));
            }
            results.write(out);

            // 6: tasklist at scale
            if (wanted("tasklist")) {
                TasklistScale tasklist = new TasklistScale(app, results);
                int viaEngine = Math.min(scale.openTasks(), Integer.getInteger("bench.tasksViaEngine", 5_000));
                heap.start();
                double populateSeconds = tasklist.populate(viaEngine, clients);
                int reached = viaEngine;
                // issue 22: the same queries at 100,000 and 1,000,000 open tasks (full scale)
                for (int size : sizes("bench.taskSizes", scale.openTasks() + "," + scale.openTasks() * 10)) {
                    double multiplySeconds = tasklist.multiply(viaEngine, reached, size);
                    reached = Math.max(reached, size);
                    long openTasks =
                            app.engine.getTaskService().createTaskQuery().count();
                    String w6 = "6 tasklist (" + openTasks + " open tasks)";
                    results.add(w6, "engine: start " + viaEngine + " instances w/ task", populateSeconds, "s");
                    results.add(
                            w6,
                            "engine: instances started / s (batches of 250)",
                            viaEngine / populateSeconds,
                            "inst/s");
                    results.add(w6, "SQL copies to reach " + size, multiplySeconds, "s");
                    // what autovacuum does after bulk inserts (visibility map for index-only scans, statistics)
                    app.execute("VACUUM ANALYZE");
                    app.resetStatements();
                    if (Boolean.getBoolean("bench.tasklistOnlyPopulate")) {
                        results.write(out);
                        System.out.println("[bench] populated; database " + app.jdbcUrl);
                        InstanceDriver.sleep(Integer.getInteger("bench.hold", 0) * 1000L);
                    }
                    // -Dbench.tasklistWithout=index: the same queries first without that index (before/after)
                    String without = System.getProperty("bench.tasklistWithout", "");
                    if (!without.isEmpty()) {
                        String definition = app.query("SELECT pg_get_indexdef('" + without + "'::regclass)")
                                .get(0)[0];
                        app.execute("DROP INDEX " + without);
                        app.execute("ANALYZE act_ru_task");
                        results.detail(
                                "tasklist-" + size + "-without-" + without,
                                tasklist.measure(w6 + " without " + without, 10, scale.querySamples(), openTasks));
                        app.execute(definition);
                        app.execute("ANALYZE act_ru_task");
                    }
                    Map<String, Object> queries = tasklist.measure(w6, 10, scale.querySamples(), openTasks);
                    queries.put("populateSeconds", Stats.round(populateSeconds));
                    queries.put("createdThroughEngine", viaEngine);
                    queries.put("copiedInSqlSeconds", Stats.round(multiplySeconds));
                    queries.put("openTasks", openTasks);
                    queries.put("topStatements", app.topStatements(6));
                    results.detail("tasklist-" + size, queries);
                    heap.report(results, w6);
                    results.detail("tableRows", tableRows(app));
                    results.write(out);
                    heap.start();
                }
            }
            WorkflowWorkloads.changeQueries(app, results, clients, scale);

            // 9: the service report of one client over 12 months of history (issue 20)
            if (wanted("report")) {
                results.detail(
                        "report",
                        new ReportWorkload(app, results).run(clients, Integer.getInteger("bench.reportRuns", 10)));
                results.write(out);
            }

            // 8: footprint at the end
            results.add(footprint, "heap in use, highest of the 5 s samples", heapUsed.max(), "MB");
            // each pool's own peak, added up: an upper bound, the pools peak at different moments
            results.add(footprint, "sum of the heap pools' peaks (upper bound)", Bench.peakHeapMb(), "MB");
            results.add(footprint, "max heap (-Xmx)", Bench.maxHeapMb(), "MB");
            Map<String, Double> rss = Bench.rss();
            results.add(footprint, "RSS at end", rss.getOrDefault("VmRSS", Double.NaN), "MB");
            results.add(footprint, "RSS peak (VmHWM)", rss.getOrDefault("VmHWM", Double.NaN), "MB");
            results.check(
                    footprint,
                    "whole run without OutOfMemoryError",
                    true,
                    "-Xmx" + System.getProperty("bench.xmx", "?"));
            results.run("machineAtEnd", Bench.machine());
            results.write(out);
            // -Dbench.hold=600 keeps the application and database up for a look with psql
            int hold = Integer.getInteger("bench.hold", 0);
            if (hold > 0) {
                System.out.println(
                        "[bench] holding " + hold + " s; database " + app.jdbcUrl + ", app port " + app.port);
                InstanceDriver.sleep(hold * 1000L);
            }
        } finally {
            sampler.shutdownNow();
            results.run(
                    "loadAverage1mDuringRun",
                    Map.of(
                            "min",
                            load.percentile(0.0001),
                            "median",
                            load.percentile(50),
                            "max",
                            load.max(),
                            "samples",
                            load.count()));
            results.add("machine", "load average (1 min) during run, median", load.percentile(50), "");
            results.add("machine", "load average (1 min) during run, max", load.max(), "");
            smtp.stop();
            results.write(out);
            System.out.println();
            System.out.println("CSM Flow benchmark, scale " + scale.name() + " (" + out.resolve("results.json") + ")");
            System.out.print(results.table());
        }
    }

    static void report(Results results, String label, InstanceDriver.Outcome outcome, boolean withTarget) {
        if (withTarget) {
            results.atLeast(
                    label,
                    "completed instances / s (" + (int) outcome.seconds() + " s)",
                    outcome.perSecond(),
                    "inst/s",
                    50);
        } else {
            results.add(
                    label,
                    "completed instances / s (" + (int) outcome.seconds() + " s)",
                    outcome.perSecond(),
                    "inst/s");
        }
        results.add(label, "instance latency p50", outcome.instanceLatency().percentile(50), "ms");
        results.add(label, "instance latency p95", outcome.instanceLatency().percentile(95), "ms");
        results.add(label, "instance latency p99", outcome.instanceLatency().percentile(99), "ms");
        results.add(
                label,
                "start call p50 / p95 / p99 (p99 shown)",
                outcome.startLatency().percentile(99),
                "ms");
        results.add(label, "start call p95", outcome.startLatency().percentile(95), "ms");
        results.add(label, "complete task call p95", outcome.completeLatency().percentile(95), "ms");
        results.add(label, "complete task call p99", outcome.completeLatency().percentile(99), "ms");
        results.add(label, "7 db: statements / instance", outcome.statementsPerInstance(), "stmts");
        results.add(label, "7 db: commits / instance", outcome.commitsPerInstance(), "commits");
        results.add(label, "CPU / instance: JVM (platform + simulated users)", outcome.jvmCpuMsPerInstance(), "ms");
        results.add(label, "  of it JIT compiler threads", outcome.jitCpuMsPerInstance(), "ms");
        results.add(label, "  of it GC threads", outcome.gcCpuMsPerInstance(), "ms");
        results.add(label, "CPU / instance: PostgreSQL", outcome.postgresCpuMsPerInstance(), "ms");
        results.add(label, "stuck instances / errors", outcome.stuck() + outcome.errors(), "");
    }

    /** A comma-separated list of sizes from a system property (issue 22's growth curves). */
    private static List<Integer> sizes(String property, String defaults) {
        return java.util.Arrays.stream(System.getProperty(property, defaults).split(","))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .map(Integer::valueOf)
                .distinct()
                .sorted()
                .toList();
    }

    private static Map<String, Object> jobExecutor(BenchApp app) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) app.engine.getProcessEngineConfiguration();
        JobExecutor executor = configuration.getJobExecutor();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("active", executor.isActive());
        settings.put("class", executor.getClass().getName());
        settings.put("maxJobsPerAcquisition", executor.getMaxJobsPerAcquisition());
        settings.put("waitTimeInMillis", executor.getWaitTimeInMillis());
        settings.put("maxWait", executor.getMaxWait());
        settings.put("lockTimeInMillis", executor.getLockTimeInMillis());
        settings.put("historyLevel", configuration.getHistoryLevel().getName());
        settings.put("authorizationEnabled", configuration.isAuthorizationEnabled());
        settings.put("jdbcBatchProcessing", configuration.isJdbcBatchProcessing());
        for (String key : List.of("core-pool-size", "max-pool-size", "queue-capacity")) {
            settings.put(key, app.context.getEnvironment().getProperty("camunda.bpm.job-execution." + key, "default"));
        }
        // storage options of the busiest runtime tables (docs/performance.md, tried and dropped: fill factor)
        for (String[] row : app.query(
                "SELECT relname, coalesce(array_to_string(reloptions, ','), 'default') "
                        + "FROM pg_class WHERE relname IN ('act_ru_job', 'act_ru_execution', 'act_ru_variable') ORDER BY relname")) {
            settings.put("storage " + row[0], row[1]);
        }
        return settings;
    }

    private static List<String> tableRows(BenchApp app) {
        List<String> rows = new ArrayList<>();
        for (String[] row : app.query("SELECT relname, n_live_tup FROM pg_stat_user_tables "
                + "WHERE n_live_tup > 1000 ORDER BY n_live_tup DESC LIMIT 15")) {
            rows.add(row[0] + "=" + row[1]);
        }
        return rows;
    }
}
