package com.csmflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Heap per workload (issue 22: "heap in use, every workload, within -Xmx512m"): the highest heap in
 * use sampled every second between {@link #start} and {@link #report}, and the heap pools' own peaks
 * in the same window (reset at the start; their sum is an upper bound, the pools peak at different
 * moments). A sampler of its own, so the workloads need no more than a start and a report line.
 */
final class HeapWatch implements AutoCloseable {

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-heap-watch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile double highestMb;

    HeapWatch() {
        sampler.scheduleAtFixedRate(
                () -> highestMb = Math.max(
                        highestMb,
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0),
                0,
                1,
                TimeUnit.SECONDS);
    }

    /** Begins a workload's window. */
    void start() {
        highestMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Adds the window's figures to the workload's rows; the target is the maximum heap (-Xmx). */
    void report(Results results, String workload) {
        double now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
        results.atMost(
                workload, "heap in use, highest 1 s sample (-Xmx)", Math.max(highestMb, now), "MB", Bench.maxHeapMb());
        results.add(workload, "heap pools' peaks, summed (upper bound)", Bench.peakHeapMb(), "MB");
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
