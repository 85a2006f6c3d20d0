package com.csmflow.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.csmflow.harness.CsmFlowTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CsmFlowTest
class BusinessKeysTest {

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @Autowired
    BusinessKeys businessKeys;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void keysArePrefixYearAndAFourDigitCounterPerPrefixAndYear() {
        String prefix = uniquePrefix();
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-02T10:00:00Z")));
        assertThat(businessKeys.next(prefix)).isEqualTo(prefix + "-2026-0001");
        assertThat(businessKeys.next(prefix)).isEqualTo(prefix + "-2026-0002");
        String other = uniquePrefix();
        assertThat(businessKeys.next(other)).isEqualTo(other + "-2026-0001");
    }

    @Test
    void theYearComesFromTheEngineClockInUtcAndStartsANewCounter() {
        String prefix = uniquePrefix();
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-31T23:59:59Z")));
        assertThat(businessKeys.next(prefix)).isEqualTo(prefix + "-2026-0001");
        // already 2027 in Berlin, still 2026 in UTC
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-01-01T00:30:00+01:00")));
        assertThat(businessKeys.next(prefix)).isEqualTo(prefix + "-2026-0002");
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-01-01T00:00:00Z")));
        assertThat(businessKeys.next(prefix)).isEqualTo(prefix + "-2027-0001");
    }

    @Test
    void theCounterGrowsBeyondFourDigits() {
        String prefix = uniquePrefix();
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-06-01T00:00:00Z")));
        businessKeys.next(prefix);
        // jump the counter as if 9 999 keys had been issued
        jdbcBump(prefix, 2026, 9999);
        assertThat(businessKeys.next(prefix)).isEqualTo(prefix + "-2026-10000");
    }

    @Test
    void concurrentCallersNeverGetTheSameKeyAndTheSequenceHasNoGaps() throws Exception {
        String prefix = uniquePrefix();
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-05-04T12:00:00Z")));
        int threads = 8;
        int keysPerThread = 50;
        ConcurrentLinkedQueue<String> keys = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < keysPerThread; i++) {
                        keys.add(businessKeys.next(prefix));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(keys)
                .hasSize(threads * keysPerThread)
                .doesNotHaveDuplicates()
                .allMatch(key -> key.matches(prefix + "-2026-\\d{4}"));
        Set<Long> numbers = keys.stream()
                .map(key -> Long.parseLong(key.substring(key.lastIndexOf('-') + 1)))
                .collect(Collectors.toSet());
        assertThat(numbers)
                .isEqualTo(LongStream.rangeClosed(1, threads * keysPerThread)
                        .boxed()
                        .collect(Collectors.toSet()));
    }

    @Test
    void aPrefixIsShortAndUpperCase() {
        assertThatThrownBy(() -> businessKeys.next("chg")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> businessKeys.next("CHG-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> businessKeys.next(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private void jdbcBump(String prefix, int year, long lastValue) {
        jdbc.update(
                "UPDATE business_key_counter SET last_value = ? WHERE prefix = ? AND key_year = ?",
                lastValue,
                prefix,
                year);
    }

    /** Tests share one database per JVM: a fresh prefix per test keeps counters independent. */
    private static String uniquePrefix() {
        int n = PREFIXES.incrementAndGet();
        return "T" + (char) ('A' + Math.floorMod(System.nanoTime(), 26)) + (char) ('A' + n % 26)
                + (char) ('A' + (n / 26) % 26)
                + Long.toString(System.currentTimeMillis() % 100000, 36).toUpperCase();
    }
}
