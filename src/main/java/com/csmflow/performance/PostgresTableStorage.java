package com.csmflow.performance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Leaves free room in every page of the engine's three busiest runtime tables, so that PostgreSQL can
 * update their rows in place (docs/performance.md, tuning 12).
 *
 * <p>The engine rewrites rows of ACT_RU_JOB (locking a job before it runs), ACT_RU_EXECUTION (every
 * step of an instance) and ACT_RU_VARIABLE (every new value) without touching any indexed column. On
 * pages packed full, as PostgreSQL fills them by default, each such update still writes the new row
 * to another page and adds an entry to every index of the table (nine for ACT_RU_JOB). With room on
 * the page the update stays there ("heap-only tuple"), no index is touched, and the old row version is
 * cleared by the next reader of the page instead of waiting for vacuum, which keeps the job executor's
 * acquisition scan short in a timer storm. The cost is disk: these tables hold only running work.
 *
 * <p>The fill factor is the property {@code csmflow.postgres.table-fillfactor} (default 70, 100 is
 * PostgreSQL's own default). It is set once the engine has created its tables, only where it differs,
 * and applies to pages written from then on. Changing it takes a lock that does not block reads or
 * writes. A no-op on other databases (H2).
 */
@Component
@Order(110)
class PostgresTableStorage implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PostgresTableStorage.class);

    static final String PROPERTY = "csmflow.postgres.table-fillfactor";
    /** Runtime tables whose rows the engine updates without changing an indexed column. */
    static final List<String> UPDATED_IN_PLACE = List.of("act_ru_job", "act_ru_execution", "act_ru_variable");
    private static final Pattern FILLFACTOR = Pattern.compile("(?:^|,)fillfactor=(\\d+)");

    private final DataSource dataSource;
    private final int fillfactor;

    PostgresTableStorage(DataSource dataSource, @Value("${" + PROPERTY + ":70}") int fillfactor) {
        if (fillfactor < 10 || fillfactor > 100) {
            // PostgreSQL's own bounds; refuse at start-up rather than fail on the first ALTER
            throw new IllegalArgumentException(PROPERTY + " must be between 10 and 100, not " + fillfactor);
        }
        this.dataSource = dataSource;
        this.fillfactor = fillfactor;
    }

    @Override
    public void run(ApplicationArguments args) {
        try (Connection connection = dataSource.getConnection()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try {
                for (String table : UPDATED_IN_PLACE) {
                    Integer current = currentFillfactor(connection, table);
                    if (current != null && current != fillfactor) {
                        try (Statement alter = connection.createStatement()) {
                            // table names come from the constant list above, never from input
                            alter.execute("ALTER TABLE " + table + " SET (fillfactor = " + fillfactor + ")");
                        }
                        log.info("Fill factor of {} set to {} (was {})", table, fillfactor, current);
                    }
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            // only speed suffers without it; the application works
            log.warn("Could not set the fill factor of the engine's runtime tables: {}", e.getMessage());
        }
    }

    /** The table's fill factor (100 when never set), or {@code null} when the table does not exist. */
    static Integer currentFillfactor(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = to_regclass(?)")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return fillfactorOf(rs.getString(1));
            }
        }
    }

    /** Reads {@code fillfactor=N} from a table's storage options as PostgreSQL lists them. */
    static int fillfactorOf(String reloptions) {
        Matcher matcher = reloptions == null ? null : FILLFACTOR.matcher(reloptions);
        return matcher != null && matcher.find() ? Integer.parseInt(matcher.group(1)) : 100;
    }
}
