package com.csmflow.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskService;

/**
 * Closed-loop load for an end-to-end workload: simulated users, each keeping a few instances in
 * flight. A user starts instances (through the scenario, usually HTTP), is told of each new task of
 * its instances ({@link DriverEvents}, no polling) and completes it through the engine API under its
 * own authentication, and the job executor runs the asynchronous steps in between. An instance counts
 * as completed when it ended. Warm-up first, then a fixed measuring window.
 */
final class InstanceDriver {

    /** How long a user waits for an event before it looks for stuck instances. */
    static final long IDLE_POLL_MILLIS = Long.getLong("bench.idlePollMs", 100);

    /** An instance still running after this long counts as stuck (the change's window is up to 70 s away). */
    static final long STUCK_NANOS = Long.getLong("bench.stuckSeconds", 300) * 1_000_000_000L;

    /** How one workload starts an instance and completes each of its tasks. */
    interface Scenario {
        String name();

        /** Starts one instance; returns its process instance id. */
        String start(int sequence);

        /** The user (id and groups) who completes this task. */
        Actor actor(DriverEvents.OpenTask task);

        /** The variables completing this task submits (the form's fields). */
        Map<String, Object> completion(DriverEvents.OpenTask task);
    }

    record Actor(String userId, List<String> groups) {}

    record Outcome(
            int completed,
            double seconds,
            double perSecond,
            Stats instanceLatency,
            Stats startLatency,
            Stats completeLatency,
            long platformStatements,
            long platformCommits,
            long postgresCommits,
            int stuck,
            int errors,
            long jvmCpuNanos,
            long postgresCpuNanos,
            long jitMillis,
            long gcMillis) {

        /** Milliseconds of CPU per completed instance: this JVM (platform and simulated users). */
        double jvmCpuMsPerInstance() {
            return completed == 0 ? Double.NaN : jvmCpuNanos / 1e6 / completed;
        }

        /** Milliseconds of CPU per completed instance of the JVM's JIT compiler threads (part of the JVM's). */
        double jitCpuMsPerInstance() {
            return completed == 0 ? Double.NaN : (double) jitMillis / completed;
        }

        /** Milliseconds of CPU per completed instance of the JVM's GC threads (part of the JVM's). */
        double gcCpuMsPerInstance() {
            return completed == 0 ? Double.NaN : (double) gcMillis / completed;
        }

        /** Milliseconds of CPU per completed instance: the embedded PostgreSQL (NaN for another database). */
        double postgresCpuMsPerInstance() {
            return completed == 0 || postgresCpuNanos < 0 ? Double.NaN : postgresCpuNanos / 1e6 / completed;
        }

        double commitsPerInstance() {
            return completed == 0 ? Double.NaN : (double) platformCommits / completed;
        }

        /** pg_stat_database's view, which includes the simulated users' polling transactions. */
        double postgresCommitsPerInstance() {
            return completed == 0 ? Double.NaN : (double) postgresCommits / completed;
        }

        double statementsPerInstance() {
            return completed == 0 ? Double.NaN : (double) platformStatements / completed;
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("completedInstances", completed);
            json.put("measuredSeconds", seconds);
            json.put("instancesPerSecond", Stats.round(perSecond));
            json.put("instanceLatency", instanceLatency.summary());
            json.put("startCall", startLatency.summary());
            json.put("completeCall", completeLatency.summary());
            json.put("platformStatements", platformStatements);
            json.put("platformCommits", platformCommits);
            json.put("postgresXactCommitDelta", postgresCommits);
            json.put("postgresCommitsPerInstanceInclPolling", Stats.round(postgresCommitsPerInstance()));
            json.put("statementsPerInstance", Stats.round(statementsPerInstance()));
            json.put("commitsPerInstance", Stats.round(commitsPerInstance()));
            json.put("jvmCpuMsPerInstance", Stats.round(jvmCpuMsPerInstance()));
            json.put("postgresCpuMsPerInstance", Stats.round(postgresCpuMsPerInstance()));
            // inside the JVM's CPU: the JIT compiler threads still at work after the warm-up, and the
            // garbage collector's threads (VM Thread included: it runs the safepoints of collections)
            json.put("jitCpuMsPerInstance", Stats.round(jitCpuMsPerInstance()));
            json.put("gcCpuMsPerInstance", Stats.round(gcCpuMsPerInstance()));
            json.put("stuckInstances", stuck);
            json.put("errors", errors);
            return json;
        }
    }

    private final BenchApp app;
    private final DriverEvents events;
    private final TaskService tasks;
    private final IdentityService identity;

    InstanceDriver(BenchApp app) {
        this.app = app;
        this.events = app.driverEvents;
        this.tasks = app.engine.getTaskService();
        this.identity = app.engine.getIdentityService();
    }

    Outcome run(Scenario scenario, int users, int inFlightPerUser, double warmupSeconds, double measureSeconds) {
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        long measureEnd = warmupEnd + (long) (measureSeconds * 1e9);
        AtomicInteger sequence = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger stuck = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Stats instanceLatency = new Stats();
        Stats startLatency = new Stats();
        Stats completeLatency = new Stats();
        long[][] snapshot = new long[1][];
        long[] statementsAtStart = new long[2];
        long[] cpuAtStart = new long[4];
        Object gate = new Object();

        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            Thread thread = new Thread(
                    () -> {
                        Map<String, Long> inFlight = new HashMap<>();
                        BlockingQueue<DriverEvents.Event> mailbox = new LinkedBlockingQueue<>();
                        long nextStuckCheck = System.nanoTime();
                        while (System.nanoTime() < measureEnd) {
                            if (System.nanoTime() >= warmupEnd && snapshot[0] == null) {
                                synchronized (gate) {
                                    if (snapshot[0] == null) {
                                        statementsAtStart[0] = StatementCounter.platform();
                                        statementsAtStart[1] = StatementCounter.platformCommits();
                                        snapshot[0] = app.transactions();
                                        cpuAtStart[0] = CpuTime.jvmNanos();
                                        cpuAtStart[1] = CpuTime.postgresNanos();
                                        cpuAtStart[2] = CpuTime.jitNanos();
                                        cpuAtStart[3] = CpuTime.gcNanos();
                                    }
                                }
                            }
                            // one start at a time, then the events that came meanwhile: a user keeps
                            // working its open tasks while it fills its share of instances in flight
                            boolean canStart = inFlight.size() < inFlightPerUser;
                            if (canStart) {
                                long t0 = System.nanoTime();
                                try {
                                    String id = scenario.start(sequence.incrementAndGet());
                                    if (t0 >= warmupEnd) {
                                        startLatency.recordNanos(System.nanoTime() - t0);
                                    }
                                    inFlight.put(id, t0);
                                    events.claim(id, mailbox);
                                } catch (RuntimeException e) {
                                    errors.incrementAndGet();
                                    log(scenario, e);
                                }
                            }
                            DriverEvents.Event event = canStart ? mailbox.poll() : take(mailbox);
                            if (event != null && inFlight.containsKey(event.processInstanceId())) {
                                if (event.ended()) {
                                    long started = inFlight.remove(event.processInstanceId());
                                    events.release(event.processInstanceId());
                                    long now = System.nanoTime();
                                    if (now >= warmupEnd && now < measureEnd) {
                                        completed.incrementAndGet();
                                        if (started >= warmupEnd) {
                                            instanceLatency.recordNanos(now - started);
                                        }
                                    }
                                } else {
                                    complete(scenario, event.task(), warmupEnd, completeLatency, errors);
                                }
                            }
                            if (System.nanoTime() >= nextStuckCheck) {
                                nextStuckCheck = System.nanoTime() + 1_000_000_000L;
                                long now = System.nanoTime();
                                inFlight.entrySet().removeIf(entry -> {
                                    // an incident or a lost job: don't let it block this user
                                    boolean isStuck = now - entry.getValue() > STUCK_NANOS;
                                    if (isStuck) {
                                        stuck.incrementAndGet();
                                        events.release(entry.getKey());
                                    }
                                    return isStuck;
                                });
                            }
                        }
                        inFlight.keySet().forEach(events::release);
                    },
                    "bench-user-" + u);
            threads.add(thread);
            thread.start();
        }
        threads.forEach(InstanceDriver::join);
        long jvmCpu = CpuTime.jvmNanos() - cpuAtStart[0];
        long jit = (CpuTime.jitNanos() - cpuAtStart[2]) / 1_000_000;
        long gc = (CpuTime.gcNanos() - cpuAtStart[3]) / 1_000_000;
        long postgresNow = CpuTime.postgresNanos();
        long postgresCpu = postgresNow < 0 || cpuAtStart[1] < 0 ? -1 : postgresNow - cpuAtStart[1];
        long statements = StatementCounter.platform() - statementsAtStart[0];
        long commits = StatementCounter.platformCommits() - statementsAtStart[1];
        // PostgreSQL publishes a backend's counters with a delay of up to 10 s (idle backends): this
        // figure is only a cross-check of the JDBC proxy's exact count
        sleep(2_000);
        long[] end = app.transactions();
        long pgCommits = snapshot[0] == null ? 0 : end[0] - snapshot[0][0];
        return new Outcome(
                completed.get(),
                measureSeconds,
                completed.get() / measureSeconds,
                instanceLatency,
                startLatency,
                completeLatency,
                statements,
                commits,
                pgCommits,
                stuck.get(),
                errors.get(),
                jvmCpu,
                postgresCpu,
                jit,
                gc);
    }

    /** Completes one task as its actor would in Tasklist, with the form's fields. */
    private void complete(
            Scenario scenario,
            DriverEvents.OpenTask task,
            long warmupEnd,
            Stats completeLatency,
            AtomicInteger errors) {
        Actor actor = scenario.actor(task);
        for (int attempt = 1; ; attempt++) {
            long t0 = System.nanoTime();
            try {
                identity.setAuthentication(actor.userId(), actor.groups());
                tasks.complete(task.id(), scenario.completion(task));
                if (t0 >= warmupEnd) {
                    completeLatency.recordNanos(System.nanoTime() - t0);
                }
                return;
            } catch (OptimisticLockingException e) {
                // a job of the same instance (a parallel mail step) committed first: Tasklist would
                // show the user the error and the user would submit again; nobody else tells this user
                // of the task again
                if (attempt == 5) {
                    errors.incrementAndGet();
                    log(scenario, e);
                    return;
                }
                sleep(20L * attempt);
            } catch (RuntimeException e) {
                // a parallel task (a CAB vote) ended by the completion condition is not an error
                if (!String.valueOf(e.getMessage()).contains("Cannot find task")) {
                    errors.incrementAndGet();
                    log(scenario, e);
                }
                return;
            } finally {
                identity.clearAuthentication();
            }
        }
    }

    /** The next event, or null after the idle wait (so that the user checks for stuck instances). */
    private static DriverEvents.Event take(BlockingQueue<DriverEvents.Event> mailbox) {
        try {
            return mailbox.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static final AtomicInteger LOGGED = new AtomicInteger();

    private static void log(Scenario scenario, RuntimeException e) {
        if (LOGGED.incrementAndGet() <= 10) {
            System.err.println("[bench] " + scenario.name() + ": " + e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
