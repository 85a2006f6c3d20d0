package com.csmflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM and by the benchmark's embedded PostgreSQL (its postmaster and every
 * backend, read from /proc). On two saturated cores, CPU per completed instance moves far less from run
 * to run than instances per second, so it is the steadier figure for comparing tunings.
 */
final class CpuTime {

    /** Linux reports process times in clock ticks of 1/100 s (USER_HZ). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuTime() {}

    static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * CPU time of this JVM's JIT compiler threads so far (/proc/self/task), or -1 when unreadable. The
     * benchmark's JVM keeps all its compiler threads (-XX:-UseDynamicNumberOfCompilerThreads in the
     * bench profile): the CPU of a thread that has exited is no longer in /proc.
     */
    static long jitNanos() {
        return threadNanos(name -> name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre"));
    }

    /** CPU time of this JVM's garbage collector threads so far (G1 or serial), or -1 when unreadable. */
    static long gcNanos() {
        return threadNanos(
                name -> name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread"));
    }

    private static long threadNanos(java.util.function.Predicate<String> threadName) {
        try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
            long ticks = 0;
            for (Path thread : threads.toList()) {
                String[] stat = stat(thread);
                if (stat != null
                        && threadName.test(
                                Files.readString(thread.resolve("comm")).trim())) {
                    ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                }
            }
            return ticks * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The embedded server's CPU time, or -1 when it cannot be read (another database, not Linux). */
    static long postgresNanos() {
        Path proc = Path.of("/proc");
        try (Stream<Path> processes = Files.list(proc)) {
            List<Path> pids = processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList();
            String postmaster = pids.stream()
                    .filter(CpuTime::isBenchPostmaster)
                    .map(p -> p.getFileName().toString())
                    .findFirst()
                    .orElse(null);
            if (postmaster == null) {
                return -1;
            }
            long ticks = 0;
            for (Path pid : pids) {
                String[] stat = stat(pid);
                if (stat != null && pid.getFileName().toString().equals(postmaster)) {
                    // utime, stime, and cutime, cstime: the CPU of backends and autovacuum workers that
                    // have exited already, which the server has collected
                    ticks += Long.parseLong(stat[11])
                            + Long.parseLong(stat[12])
                            + Long.parseLong(stat[13])
                            + Long.parseLong(stat[14]);
                } else if (stat != null && stat[1].equals(postmaster)) {
                    ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]); // utime, stime
                }
            }
            return ticks * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean isBenchPostmaster(Path pid) {
        try {
            return Files.readString(pid.resolve("cmdline")).contains("bench-postgres");
        } catch (IOException e) {
            return false;
        }
    }

    /** Fields of /proc/PID/stat after the command name: [0] state, [1] ppid, ..., [11] utime, [12] stime. */
    private static String[] stat(Path pid) {
        try {
            String stat = Files.readString(pid.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return null;
        }
    }
}
