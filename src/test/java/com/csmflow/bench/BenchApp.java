package com.csmflow.bench;

import com.csmflow.CsmFlowApplication;
import com.csmflow.harness.EmbeddedPostgres17;
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
import java.util.List;
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
    private final EmbeddedPostgres17.Lease lease;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    BenchApp(int smtpPort, List<String> extraArguments) {
        String external = System.getenv("SPRING_DATASOURCE_URL");
        if (external != null && !external.isBlank()) {
            lease = null;
            jdbcUrl = external;
            dbUser = System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "csmflow");
            dbPassword = System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
            databaseDescription = "external PostgreSQL (SPRING_DATASOURCE_URL)";
        } else {
            lease = EmbeddedPostgres17.lease();
            jdbcUrl = freshDatabase(lease.jdbcUrl(), "csmflow_bench");
            dbUser = "postgres";
            dbPassword = "postgres";
            databaseDescription = "embedded PostgreSQL 17 (zonky, fsync=off, synchronous_commit=off)";
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
                    ctx.getBeanFactory().registerSingleton("benchNoop", (JavaDelegate) execution -> { });
                    ctx.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                        @Override
                        public Object postProcessAfterInitialization(Object bean, String beanName) {
                            return bean instanceof DataSource dataSource && beanName.equals("dataSource")
                                    ? StatementCounter.wrap(dataSource) : bean;
                        }
                    });
                })
                .run(arguments.toArray(String[]::new));
        startupMillis = (System.nanoTime() - started) / 1e6;
        jvmUptimeAtReadyMillis = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
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
                .header("Authorization", "Basic " + Base64.getEncoder()
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
        if (lease != null) {
            lease.close();
        }
    }

    private static String freshDatabase(String postgresUrl, String name) {
        try (Connection connection = DriverManager.getConnection(postgresUrl, "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return postgresUrl.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
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
