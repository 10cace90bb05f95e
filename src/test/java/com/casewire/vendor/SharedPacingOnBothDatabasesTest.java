package com.casewire.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.TestDatabases;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two hub instances on one database pace a vendor as one: their calls together keep the vendor's rate, a 429's
 * Retry-After seen by one pauses the other, and a caller inside a transaction of its own does not hold the others up
 * until it commits.
 */
class SharedPacingOnBothDatabasesTest {

    private static final int PER_SECOND = 20;

    @AfterAll
    static void dropSchemas() throws Exception {
        TestDatabases.dropSchemas();
    }

    private static SharedPacing instance(DataSource ds) {
        return new SharedPacing(new NamedParameterJdbcTemplate(ds), new DataSourceTransactionManager(ds),
                new SharedPacing.Settings(List.of("clio")));
    }

    /**
     * The slots two instances take from six threads are one evenly spaced sequence: no two closer than the vendor's
     * interval. (Asserted on the slots themselves, not on when threads woke up: on a busy machine a late wake-up is
     * the scheduler's, and the local pacer has it too.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void twoInstancesTogetherKeepTheVendorsRate(String database) throws Exception {
        DataSource ds = TestDatabases.migrated(database);
        SharedPacing.DatabaseSlots first = instance(ds).new DatabaseSlots("clio");
        SharedPacing.DatabaseSlots second = instance(ds).new DatabaseSlots("clio");
        long intervalMicros = 1_000_000 / PER_SECOND;
        List<Long> slots = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(6);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            SharedPacing.DatabaseSlots instance = t % 2 == 0 ? first : second;
            done.add(threads.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    slots.add(instance.take(intervalMicros).atMicros());
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();

        List<Long> sorted = new ArrayList<>(slots);
        Collections.sort(sorted);
        assertThat(sorted).hasSize(120).doesNotHaveDuplicates();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i) - sorted.get(i - 1)).as("gap before slot %d", i).isGreaterThanOrEqualTo(intervalMicros);
        }
    }

    @org.junit.jupiter.api.Test
    void onlyListedVendorsWithARealBudgetAreShared() {
        SharedPacing pacing = instance(TestDatabases.migrated("h2"));
        assertThat(pacing.perMinute("clio", 50).shared()).isTrue();
        assertThat(pacing.pacer("twilio", 1).shared()).as("not listed").isFalse();
        assertThat(pacing.perMinute("clio", 60_000_000).shared()).as("a lifted limit (tests, benchmark)").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aRetryAfterSeenByOneInstancePausesTheOther(String database) throws Exception {
        DataSource ds = TestDatabases.migrated(database);
        RatePacer first = instance(ds).pacer("clio", PER_SECOND);
        RatePacer second = instance(ds).pacer("clio", PER_SECOND);
        first.acquire();
        first.pauseFor(1_500);
        long started = System.nanoTime();
        second.acquire();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(1_300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aCallerInsideATransactionDoesNotHoldTheOthersUntilItCommits(String database) throws Exception {
        DataSource ds = TestDatabases.migrated(database);
        RatePacer pacer = instance(ds).pacer("clio", PER_SECOND);
        TransactionTemplate outer = new TransactionTemplate(new DataSourceTransactionManager(ds));
        CountDownLatch paced = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread inTransaction = new Thread(() -> outer.executeWithoutResult(status -> {
            pacer.acquire();
            paced.countDown();
            try {
                release.await(10, TimeUnit.SECONDS); // the caller's transaction stays open: a vendor call, a slow commit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        inTransaction.start();
        assertThat(paced.await(10, TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();
        pacer.acquire();
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        release.countDown();
        inTransaction.join(10_000);
        assertThat(waited).as("one interval, not the other caller's whole transaction (10 s)").isLessThan(5_000);
    }
}
