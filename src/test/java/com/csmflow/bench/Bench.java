package com.csmflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;

/** Shared pieces of the benchmark: users, clients, scale, memory figures. */
final class Bench {

    static final String PASSWORD = "bench-password-1";
    static final String CSM_USER = "bench-csm";
    static final List<String> CAB_USERS =
            List.of("bench-cab-1", "bench-cab-2", "bench-cab-3", "bench-cab-4", "bench-cab-5");
    static final int CLIENTS = 50;

    private Bench() {}

    /** Scale of a run: "full" (the figures) or "smoke" (a quick check that everything works). */
    record Scale(
            String name,
            double warmupSeconds,
            double measureSeconds,
            int users,
            int inFlightPerUser,
            int stormClocks,
            int openTasks,
            int querySamples) {

        static Scale of(String name) {
            return switch (name) {
                // 60-90 s of warm-up, 60-120 s measured, more instances in flight: a change waits for its
                // window, the next whole minute at least 10 s ahead (issue 22), so an instance takes
                // 40-80 s and the closed loop needs many in flight to keep the cores busy
                case "smoke" -> new Scale("smoke", 60, 60, 4, 40, 300, 3_000, 40);
                case "full" -> new Scale("full", 90, 120, 4, 150, 10_000, 100_000, 200);
                default -> throw new IllegalArgumentException("bench.scale must be smoke or full: " + name);
            };
        }

        Scale withOverrides() {
            return new Scale(
                    name,
                    Double.parseDouble(System.getProperty("bench.warmup", "" + warmupSeconds)),
                    Double.parseDouble(System.getProperty("bench.seconds", "" + measureSeconds)),
                    Integer.getInteger("bench.users", users),
                    Integer.getInteger("bench.inflight", inFlightPerUser),
                    Integer.getInteger("bench.storm", stormClocks),
                    Integer.getInteger("bench.tasks", openTasks),
                    Integer.getInteger("bench.querySamples", querySamples));
        }
    }

    static void createUsers(BenchApp app) {
        IdentityService identity = app.engine.getIdentityService();
        user(identity, CSM_USER, "csm");
        user(identity, "bench-cse", "cse");
        user(identity, "bench-service-manager", "service-manager");
        user(identity, "bench-dc-head", "dc-head");
        user(identity, "bench-delivery-manager", "delivery-manager");
        user(identity, "bench-account-manager", "account-manager");
        CAB_USERS.forEach(cab -> user(identity, cab, "cab"));
    }

    private static void user(IdentityService identity, String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("Benchmark");
            user.setEmail(id + "@bench.example");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }

    /** Lets a group start a benchmark process through /engine-rest, as PROCESS_STARTERS does for workflows. */
    static void grantStart(BenchApp app, String group, String processKey) {
        grant(app, group, Resources.PROCESS_DEFINITION, processKey, ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant(app, group, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    }

    private static void grant(BenchApp app, String group, Resource resource, String resourceId, Permission permission) {
        AuthorizationService authorizations = app.engine.getAuthorizationService();
        Authorization existing = authorizations
                .createAuthorizationQuery()
                .groupIdIn(group)
                .resourceType(resource)
                .resourceId(resourceId)
                .singleResult();
        Authorization authorization =
                existing != null ? existing : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        if (existing == null) {
            authorization.setGroupId(group);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        authorization.addPermission(permission);
        authorizations.saveAuthorization(authorization);
    }

    /** 50 clients through /api/clients, alternating tiers; returns their references. */
    static List<String> createClients(BenchApp app) {
        List<String> references = new ArrayList<>();
        for (int i = 1; i <= CLIENTS; i++) {
            String reference = String.format("BENCH-%02d", i);
            boolean enhanced = i % 2 == 0;
            String body = """
                    {"reference":"%s","name":"Benchmark client %d","tier":"%s","language":"en",
                     "timeZone":"%s","businessDayStart":"08:00","businessDayEnd":"18:00",
                     "businessDays":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],"holidayRegion":"%s",
                     "contacts":[{"name":"Ops %d","email":"ops%d@client%d.example","role":"Operations"},
                                 {"name":"CIO %d","email":"cio%d@client%d.example","role":"CIO"}],
                     "contracts":[{"reference":"%s-C","services":["Networking","Security","Cloud Computing"],
                                   "contractedHoursPerMonth":40,"termStart":"2025-01-01","termEnd":"2030-12-31"}]}
                    """.formatted(
                            reference,
                            i,
                            enhanced ? "ENHANCED" : "STANDARD",
                            enhanced ? "America/New_York" : "Europe/Berlin",
                            enhanced ? "US-NY" : "DE-BY",
                            i,
                            i,
                            i,
                            i,
                            i,
                            i,
                            reference);
            var response = app.call("POST", "/api/clients", "admin", BenchApp.ADMIN_PASSWORD, body);
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                throw new IllegalStateException(
                        "client " + reference + ": " + response.statusCode() + " " + response.body());
            }
            references.add(reference);
        }
        return references;
    }

    /** Heap in use after a full GC, in MB. */
    static double heapAfterGcMb() {
        System.gc();
        InstanceDriver.sleep(300);
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    /** Peak heap use over the run (sum of the pools' peaks), in MB. */
    static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1048576.0;
    }

    static double maxHeapMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / 1048576.0;
    }

    /** VmRSS / VmHWM of this JVM from /proc/self/status, in MB (NaN where there is no /proc). */
    static Map<String, Double> rss() {
        Map<String, Double> rss = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                    String[] parts = line.split("\\s+");
                    rss.put(parts[0].replace(":", ""), Long.parseLong(parts[1]) / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            rss.put("VmRSS", Double.NaN);
        }
        return rss;
    }

    /** nproc, memory, load: where the figures come from. */
    static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("loadAverage", loadAverage());
        try {
            Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .findFirst()
                    .ifPresent(l -> machine.put("memTotal", l.replaceAll("\\s+", " ")));
        } catch (IOException e) {
            machine.put("memTotal", "unknown");
        }
        return machine;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
