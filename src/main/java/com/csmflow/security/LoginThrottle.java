package com.csmflow.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without locking anybody out for good (docs/security.md, "2. Lockout").
 * Counts consecutive failed password checks per submitted user id, whether that id exists or not, so
 * the answers never tell which ids exist. From the {@code max-failures}th failure on, the id is locked
 * for {@code lock-duration}, doubling with every further failure up to {@code max-lock-duration};
 * while locked, every attempt is refused without looking at the password and without counting.
 * A correct password (or an admin's "unlock") clears the id. State lives in this node's memory: a
 * restart clears it. Time is the engine's clock, so tests can move it.
 */
@Component
class LoginThrottle {

    /** The engine's user id column is 64 characters; longer ids cannot exist and are not tracked. */
    static final int MAX_ID_LENGTH = 64;
    /** Bounds the memory an attacker can fill with made-up ids. */
    static final int MAX_TRACKED_IDS = 100_000;

    private final int maxFailures;
    private final Duration lockDuration;
    private final Duration maxLockDuration;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(
            Clock clock,
            @Value("${csmflow.login.max-failures:5}") int maxFailures,
            @Value("${csmflow.login.lock-duration:PT1M}") Duration lockDuration,
            @Value("${csmflow.login.max-lock-duration:PT15M}") Duration maxLockDuration) {
        this.clock = clock;
        this.maxFailures = Math.max(1, maxFailures);
        this.lockDuration = lockDuration;
        this.maxLockDuration = maxLockDuration.compareTo(lockDuration) < 0 ? lockDuration : maxLockDuration;
    }

    private record Failures(int count, long lockedUntil, long last) {}

    /** True while the id is locked: the caller must refuse the attempt without checking the password. */
    boolean isLocked(String userId) {
        if (userId == null || userId.length() > MAX_ID_LENGTH) {
            return false;
        }
        Failures entry = failures.get(userId);
        return entry != null && now() < entry.lockedUntil();
    }

    void failed(String userId) {
        if (userId == null || userId.length() > MAX_ID_LENGTH) {
            return;
        }
        long now = now();
        failures.compute(userId, (id, previous) -> {
            // a quiet period as long as the longest lock, after the last lock ran out, forgives
            int count = previous == null || now - quietSince(previous) > maxLockDuration.toMillis()
                    ? 1
                    : previous.count() + 1;
            long lockedUntil = count < maxFailures ? 0 : now + lockMillis(count - maxFailures);
            return new Failures(count, lockedUntil, now);
        });
        if (failures.size() > MAX_TRACKED_IDS) {
            forgetOldest();
        }
    }

    void succeeded(String userId) {
        forget(userId);
    }

    void forget(String userId) {
        if (userId != null) {
            failures.remove(userId);
        }
    }

    Duration maxLockDuration() {
        return maxLockDuration;
    }

    int maxFailures() {
        return maxFailures;
    }

    private long lockMillis(int furtherFailures) {
        long millis = lockDuration.toMillis() << Math.min(furtherFailures, 30);
        return millis <= 0 ? maxLockDuration.toMillis() : Math.min(millis, maxLockDuration.toMillis());
    }

    private void forgetOldest() {
        long now = now();
        failures.values().removeIf(entry -> now - quietSince(entry) > maxLockDuration.toMillis());
        int excess = failures.size() - MAX_TRACKED_IDS;
        if (excess > 0) {
            failures.entrySet().stream()
                    .sorted(Comparator.comparingLong(entry -> entry.getValue().last()))
                    .limit(excess + MAX_TRACKED_IDS / 10)
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(failures::remove);
        }
    }

    private static long quietSince(Failures entry) {
        return Math.max(entry.last(), entry.lockedUntil());
    }

    private long now() {
        return clock.millis();
    }
}
