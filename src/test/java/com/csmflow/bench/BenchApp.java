package com.csmflow.bench;

import com.csmflow.CsmFlowApplication;
import com.csmflow.harness.EmbeddedPostgres17;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * The application as production runs it (profile "postgres": history full, authorization on, job
 * executor on, no demo users), on the embedded PostgreSQL 17 of the test harness in a database of its
 * own, or on SPRING_DATASOURCE_URL when that is set. Mail goes to the given SMTP port (a GreenMail sink).
 */
final class BenchApp implements AutoCloseable {

    static final String ADMIN_PASSWORD = "Bench-Admin-Password-1";

    final ConfigurableApplicationContext context;
    final ProcessEngine engine;
    final int port;
    final double startupMillis;
    final double jvmUptimeAtReadyMillis;
    final String jdbcUrl;
    final String dbUser;
    final String dbPassword;
    final String databaseDescription;
    /** Tells the simulated users of their instances' new tasks and ends (no polling). */
    final DriverEvents driverEvents = new DriverEvents();

    private final EmbeddedPostgres postgres;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    BenchApp(int smtpPort, List<String> extraArguments) {
        String external = System.getenv("SPRING_DATASOURCE_URL");
        if (external != null && !external.isBlank()) {
            postgres = null;
            jdbcUrl = external;
            dbUser = System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "csmflow");
            dbPassword = System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
            databaseDescription = "external PostgreSQL (SPRING_DATASOURCE_URL)";
        } else {
            postgres = startPostgres();
            jdbcUrl = EmbeddedPostgres17.freshDatabase(postgres.getJdbcUrl("postgres", "postgres"), "csmflow_bench");
            dbUser = "postgres";
            dbPassword = "postgres";
            databaseDescription = "embedded PostgreSQL 17 (zonky binaries of the test harness; durable: fsync and "
                    + "synchronous_commit on; pg_stat_statements)";
        }
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + dbUser,
                "--spring.datasource.password=" + dbPassword,
                "--csmflow.admin.password=" + ADMIN_PASSWORD,
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.mail.host=localhost",
                "--spring.mail.port=" + smtpPort,
                "--logging.level.root=WARN",
                "--logging.level.org.camunda.bpm.engine.jobexecutor=ERROR",
                "--logging.level.org.camunda.bpm.engine.context=ERROR"));
        arguments.addAll(extraArguments);

        long started = System.nanoTime();
        context = new SpringApplicationBuilder(CsmFlowApplication.class)
                .initializers(ctx -> {
                    ctx.getBeanFactory().registerSingleton("benchTestClassExclusion", new TestClassExclusion());
                    ctx.getBeanFactory().registerSingleton("benchNoop", (JavaDelegate) execution -> {});
                    ctx.getBeanFactory().registerSingleton("benchDriverEvents", driverEvents);
                    ctx.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                        @Override
                        public Object postProcessAfterInitialization(Object bean, String beanName) {
                            return bean instanceof DataSource dataSource && beanName.equals("dataSource")
                                    ? StatementCounter.wrap(dataSource)
                                    : bean;
                        }
                    });
                })
                .run(arguments.toArray(String[]::new));
        startupMillis = (System.nanoTime() - started) / 1e6;
        jvmUptimeAtReadyMillis =
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        engine = context.getBean(ProcessEngine.class);
        port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Commits and rollbacks of the benchmark's database so far (pg_stat_database). */
    long[] transactions() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = statement.executeQuery(
                    "SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = current_database()")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Row updates so far, and how many of them PostgreSQL made in place (heap-only: no index written),
     * of the engine's three busiest runtime tables: table -> {updates, in place}. PostgreSQL publishes
     * these counters with a delay of up to 10 s, so deltas over a workload are approximate.
     */
    Map<String, long[]> runtimeTableUpdates() {
        Map<String, long[]> updates = new LinkedHashMap<>();
        for (String[] row : query("SELECT relname, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables "
                + "WHERE relname IN ('act_ru_job', 'act_ru_execution', 'act_ru_variable') ORDER BY relname")) {
            updates.put(row[0], new long[] {Long.parseLong(row[1]), Long.parseLong(row[2])});
        }
        return updates;
    }

    /** What {@link #runtimeTableUpdates()} counted between two readings, for results.json. */
    static Map<String, Object> updatesBetween(Map<String, long[]> before, Map<String, long[]> after) {
        Map<String, Object> delta = new LinkedHashMap<>();
        after.forEach((table, counts) -> {
            long[] start = before.getOrDefault(table, new long[2]);
            long updates = counts[0] - start[0];
            long inPlace = counts[1] - start[1];
            delta.put(
                    table,
                    Map.of(
                            "updates",
                            updates,
                            "inPlace",
                            inPlace,
                            "inPlacePercent",
                            updates == 0 ? 0 : Stats.round(100.0 * inPlace / updates)));
        });
        return delta;
    }

    /** Runs SQL for the benchmark's own bookkeeping (not counted as platform statements). */
    List<String[]> query(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            List<String[]> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getString(i + 1);
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** One HTTP call with Basic auth; returns status and body. */
    HttpResponse<String> call(String method, String path, String user, String password, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
        if (jsonBody != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("[bench] stopping PostgreSQL: " + e);
            }
        }
    }

    /**
     * The harness's PostgreSQL 17 binaries, but not its server settings: the test harness turns
     * durability off, production doesn't, and pg_stat_statements must be preloaded.
     */
    private static EmbeddedPostgres startPostgres() {
        try {
            java.io.File workDir = new java.io.File("target/bench-postgres");
            workDir.mkdirs();
            java.io.File log = new java.io.File(System.getProperty("bench.out", "target/bench"), "postgres.log");
            log.getParentFile().mkdirs();
            log.delete(); // a fresh log per run; appended to, so that stopping the server does not truncate it
            return EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workDir)
                    // the server log, with the plan of every statement slower than 300 ms (auto_explain)
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                    .setServerConfig("auto_explain.log_min_duration", System.getProperty("bench.explainMs", "300"))
                    .setServerConfig("auto_explain.log_analyze", System.getProperty("bench.explainAnalyze", "off"))
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "256MB")
                    // as docker-compose.yml runs production: with the default 1GB the storms and the
                    // bulk seeding checkpointed every 7 s (session 11, postgres.log), each checkpoint
                    // followed by full-page images in the WAL of every first change to a page
                    .setServerConfig("max_wal_size", System.getProperty("bench.maxWalSize", "4GB"))
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements,auto_explain")
                    .setServerConfig("pg_stat_statements.max", "2000")
                    // planning time per statement too: plan_cache_mode decides how often the server plans
                    .setServerConfig("pg_stat_statements.track_planning", "on")
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start embedded PostgreSQL", e);
        }
    }

    /**
     * Rows of pg_stat_statements for this database since the last reset: "SELECT columns FROM
     * pg_stat_statements WHERE (this database) rest"; empty where the extension is not installed.
     */
    private List<String[]> statementStatistics(String columns, String rest) {
        try {
            return query("SELECT " + columns + " FROM pg_stat_statements "
                    + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) " + rest);
        } catch (IllegalStateException e) {
            return List.of();
        }
    }

    /** Top statements by total time since the last reset (pg_stat_statements), or empty. */
    List<String> topStatements(int limit) {
        return statementStatistics(
                        "calls, round(total_exec_time)::bigint, round(mean_exec_time::numeric, 2), "
                                + "left(regexp_replace(query, '\\s+', ' ', 'g'), 600)",
                        "ORDER BY total_exec_time DESC LIMIT " + limit)
                .stream()
                .map(row -> "calls=" + row[0] + " totalMs=" + row[1] + " meanMs=" + row[2] + " | " + row[3])
                .toList();
    }

    /**
     * Statements, execution and planning time of all top-level statements since the last reset
     * (pg_stat_statements with track_planning), or empty. Planning of the foreign-key checks a delete
     * runs is inside that delete's execution time.
     */
    Map<String, Object> statementTimeTotals() {
        List<String[]> rows = statementStatistics(
                "coalesce(sum(calls), 0), "
                        + "round(coalesce(sum(total_exec_time), 0))::bigint, round(coalesce(sum(total_plan_time), 0))::bigint, "
                        + "coalesce(sum(plans), 0)",
                "");
        if (rows.isEmpty()) {
            return Map.of();
        }
        String[] row = rows.get(0);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("calls", Long.parseLong(row[0]));
        totals.put("plans", Long.parseLong(row[3]));
        totals.put("executionMs", Long.parseLong(row[1]));
        totals.put("planningMs", Long.parseLong(row[2]));
        return totals;
    }

    /**
     * Whether the engine's runtime tables have planner statistics, and what autovacuum is doing now:
     * a table that grew fast without an ANALYZE gets plans made for default guesses.
     */
    List<String> runtimeTableStatistics() {
        List<String> lines = new ArrayList<>();
        for (String[] row : query("SELECT relname, n_live_tup, n_mod_since_analyze, autoanalyze_count + analyze_count, "
                + "coalesce(to_char(greatest(last_autoanalyze, last_analyze), 'HH24:MI:SS'), 'never') "
                + "FROM pg_stat_user_tables WHERE relname LIKE 'act_ru_%' AND n_live_tup > 0 ORDER BY relname")) {
            lines.add(row[0] + ": rows=" + row[1] + " changedSinceAnalyze=" + row[2] + " analyzes=" + row[3]
                    + " lastAnalyze=" + row[4]);
        }
        for (String[] row :
                query("SELECT left(query, 80) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")) {
            lines.add("autovacuum now: " + row[0]);
        }
        return lines;
    }

    /** Top statements by planning time since the last reset (pg_stat_statements.track_planning). */
    List<String> topPlannedStatements(int limit) {
        return statementStatistics(
                        "calls, plans, round(total_plan_time)::bigint, "
                                + "left(regexp_replace(query, '\\s+', ' ', 'g'), 300)",
                        "ORDER BY total_plan_time DESC LIMIT " + limit)
                .stream()
                .map(row -> "calls=" + row[0] + " plans=" + row[1] + " planMs=" + row[2] + " | " + row[3])
                .toList();
    }

    /**
     * Calls and database time (execution and planning) per statement kind and table since the last
     * reset, e.g. "insert ACT_HI_DETAIL", most time first: where a workload's database time goes.
     */
    List<String> statementsByTable(int limit) {
        return statementStatistics(
                        "lower(substring(query from '^\\s*(\\w+)')) || ' ' "
                                + "|| coalesce(upper(substring(query from '(?i)(?:into|from|update)\\s+(\\w+)')), '-') AS kind, "
                                + "sum(calls), round(sum(total_exec_time + total_plan_time))::bigint AS ms",
                        "GROUP BY 1 ORDER BY 3 DESC LIMIT " + limit)
                .stream()
                .map(row -> row[0] + " calls=" + row[1] + " ms=" + row[2])
                .toList();
    }

    void resetStatements() {
        try {
            execute("SELECT pg_stat_statements_reset()");
        } catch (IllegalStateException e) {
            // not installed here: the JDBC counting proxy still counts
        }
    }

    /** pg_stat_statements when the server preloads it (the embedded one does). */
    void enableStatementStatistics() {
        try {
            execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        } catch (IllegalStateException e) {
            System.err.println("[bench] pg_stat_statements not available: " + e.getCause());
        }
    }

    /** Test classes (harness configurations of the test suite) are not part of the benchmarked app. */
    static final class TestClassExclusion extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return reader.getResource().getURL().toString().contains("/test-classes/");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TestClassExclusion;
        }

        @Override
        public int hashCode() {
            return TestClassExclusion.class.hashCode();
        }
    }
}
