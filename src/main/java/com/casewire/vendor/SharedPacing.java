package com.casewire.vendor;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pacers for vendors whose request budget belongs to the firm's account or token, not to one process: with two hub
 * instances on one database, each pacing Clio at 50 a minute on its own made 317 calls in a minute against a budget
 * of 300. For the vendors in {@code hub.pacing.shared-vendors} (default {@code clio, mycase, google-calendar, lawpay}) the next free
 * slot is a row of {@code vendor_pace}: a call takes it under the row's lock (one short transaction, a few
 * milliseconds; these vendors allow one call every fraction of a second at most) and waits for it outside. Throughput
 * pacers (Twilio's messages per second, SMTP, outbound webhooks) stay in the process: they are on the hot path and
 * protect the hub's own sending rate.
 * <p>
 * When the database cannot be reached the pacer falls back to this process's own slots (one WARN): the hub can do
 * little without its database anyway, and a call paced locally is better than none.
 */
@Component
@EnableConfigurationProperties(SharedPacing.Settings.class)
public class SharedPacing {

    /** {@code hub.pacing.*}: which vendors' budgets are shared by every instance through the database. */
    @ConfigurationProperties("hub.pacing")
    record Settings(@DefaultValue({"clio", "mycase", "google-calendar", "lawpay"}) List<String> sharedVendors) {
    }

    private static final Logger log = LoggerFactory.getLogger(SharedPacing.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final List<String> shared;

    SharedPacing(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions, Settings settings) {
        this.jdbc = jdbc;
        // its own short transaction, also when the caller is inside one (the inbox worker's Clio fetch): the row's
        // lock must be let go at once, not when the caller's transaction ends
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.shared = settings.sharedVendors().stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * Above this rate a vendor's pace is kept in the process even when the vendor is listed: a budget of more than 50
     * calls a second is no budget the database should referee (every call would queue on one row's lock and add a
     * commit), and no vendor listed has one (Clio 50 a minute, Google 300 a minute); test and benchmark set-ups that
     * lift the limit get the in-process pacer.
     */
    static final double MOST_SHARED_PER_SECOND = 50;

    /** A pacer for {@code vendor} at {@code permitsPerSecond}, shared by every instance when the vendor is listed. */
    public RatePacer pacer(String vendor, double permitsPerSecond) {
        boolean sharedBudget = shared.contains(vendor) && permitsPerSecond <= MOST_SHARED_PER_SECOND;
        return new RatePacer(vendor, permitsPerSecond,
                sharedBudget ? new DatabaseSlots(vendor) : new RatePacer.LocalSlots());
    }

    public RatePacer perMinute(String vendor, double permitsPerMinute) {
        return pacer(vendor, permitsPerMinute / 60.0);
    }

    /** A slot taken: when the call may go, and when it was taken (microseconds since the epoch). */
    record Slot(long atMicros, long takenAtMicros) {
    }

    /** The vendor's slots in {@code vendor_pace}, with this process's own as the fallback. */
    final class DatabaseSlots implements RatePacer.Slots {

        private final String vendor;
        private final RatePacer.LocalSlots fallback = new RatePacer.LocalSlots();
        private final AtomicLong lastWarning = new AtomicLong();
        private volatile boolean rowExists;

        DatabaseSlots(String vendor) {
            this.vendor = vendor;
        }

        @Override
        public long reserve(long intervalNanos) {
            try {
                Slot slot = take(TimeUnit.NANOSECONDS.toMicros(intervalNanos));
                return TimeUnit.MICROSECONDS.toNanos(Math.max(0, slot.atMicros() - slot.takenAtMicros()));
            } catch (DataAccessException e) {
                warnOnce(e);
                return fallback.reserve(intervalNanos);
            }
        }

        /** Takes the next free slot and moves the row on by {@code intervalMicros}; when it is, and when it was taken. */
        Slot take(long intervalMicros) {
            ensureRow();
            return tx.execute(status -> {
                long now = nowMicros();
                long slot = Math.max(now, lockedNextSlot());
                jdbc.update("UPDATE vendor_pace SET next_slot_micros = :next WHERE vendor = :vendor",
                        Map.of("next", slot + intervalMicros, "vendor", vendor));
                return new Slot(slot, now);
            });
        }

        @Override
        public void pauseFor(long millis) {
            fallback.pauseFor(millis);
            try {
                ensureRow();
                tx.executeWithoutResult(status -> {
                    long until = nowMicros() + TimeUnit.MILLISECONDS.toMicros(millis);
                    long next = lockedNextSlot();
                    if (until > next) {
                        jdbc.update("UPDATE vendor_pace SET next_slot_micros = :next WHERE vendor = :vendor",
                                Map.of("next", until, "vendor", vendor));
                    }
                });
            } catch (DataAccessException e) {
                warnOnce(e);
            }
        }

        /** The row's next slot, locked until this transaction ends. */
        private long lockedNextSlot() {
            return jdbc.queryForObject("SELECT next_slot_micros FROM vendor_pace WHERE vendor = :vendor FOR UPDATE",
                    Map.of("vendor", vendor), Long.class);
        }

        /** Creates the vendor's row on its first call (in a transaction of its own: a duplicate aborts it on PostgreSQL). */
        private void ensureRow() {
            if (rowExists) {
                return;
            }
            try {
                tx.executeWithoutResult(status -> jdbc.update("INSERT INTO vendor_pace (vendor, next_slot_micros) "
                        + "SELECT :vendor, 0 WHERE NOT EXISTS (SELECT 1 FROM vendor_pace WHERE vendor = :vendor)",
                        Map.of("vendor", vendor)));
            } catch (DuplicateKeyException anotherInstanceWasFirst) {
                // the row is there: that is all this wanted
            }
            rowExists = true;
        }

        private void warnOnce(DataAccessException e) {
            long now = System.currentTimeMillis();
            long last = lastWarning.get();
            if (now - last > 60_000 && lastWarning.compareAndSet(last, now)) {
                log.warn("{} pacing shared through the database is unavailable ({}); pacing in this process until it is back",
                        vendor, e.getMostSpecificCause().getMessage());
            }
        }

        private static long nowMicros() {
            return TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
        }
    }
}
