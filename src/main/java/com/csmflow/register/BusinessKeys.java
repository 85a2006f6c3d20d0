package com.csmflow.register;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Human business keys such as {@code CHG-2026-0042}: prefix, year (UTC, from the engine clock) and a
 * counter per prefix and year, at least four digits.
 * <p>
 * The counter row in {@code business_key_counter} is incremented with
 * {@code UPDATE ... SET last_value = last_value + 1}, which takes the row lock; concurrent callers
 * queue on that lock and each reads back its own value, so no two get the same number.
 * <p>
 * It runs in its OWN transaction (REQUIRES_NEW), not the caller's: the lock is then held for a
 * millisecond instead of for the caller's whole transaction (a process start can take a while and
 * would otherwise serialise every other start with the same prefix, and two callers that each
 * already hold a lock could deadlock). The price: when the caller rolls back, its number is not
 * reused, so the sequence can have gaps. A business key is a handle, not an invoice number, so gaps
 * are acceptable; collisions are not.
 */
@Component
public class BusinessKeys {

    private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9]{1,15}");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    BusinessKeys(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The next key for the prefix in the current year, e.g. {@code next("CHG")} gives {@code CHG-2026-0042}. */
    public String next(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("A business key prefix is 2-16 upper-case letters or digits: " + prefix);
        }
        int year = clock.instant().atZone(ZoneOffset.UTC).getYear();
        Long value = ownTransaction.execute(status -> increment(prefix, year));
        if (value == null) {
            createCounter(prefix, year);
            value = ownTransaction.execute(status -> increment(prefix, year));
        }
        return String.format("%s-%d-%04d", prefix, year, value);
    }

    /** The incremented counter, or {@code null} when the prefix has no counter for the year yet. */
    private Long increment(String prefix, int year) {
        int updated = jdbc.update(
                "UPDATE business_key_counter SET last_value = last_value + 1 WHERE prefix = ? AND key_year = ?",
                prefix,
                year);
        if (updated == 0) {
            return null;
        }
        // Same transaction, row still locked by our UPDATE: this reads our own increment.
        return jdbc.queryForObject(
                "SELECT last_value FROM business_key_counter WHERE prefix = ? AND key_year = ?",
                Long.class,
                prefix,
                year);
    }

    /**
     * First key of a prefix in a year: create the row at 0 in a transaction of its own (one after the
     * other, never nested, so a caller needs at most one extra connection), tolerating a concurrent
     * first caller that created it a moment earlier.
     */
    private void createCounter(String prefix, int year) {
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.update(
                    "INSERT INTO business_key_counter (prefix, key_year, last_value) VALUES (?, ?, 0)", prefix, year));
        } catch (DuplicateKeyException concurrentCallerWasFirst) {
            // the row exists now, which is all we need
        }
    }
}
