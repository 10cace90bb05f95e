package com.casewire.retainer;

import com.casewire.canonical.Matter;
import com.casewire.canonical.MatterEvent;
import com.casewire.canonical.PaymentEvent;
import com.casewire.canonical.TrustBalance;
import com.casewire.canonical.TrustBalanceLow;
import com.casewire.practice.LedgerOperationUnavailable;
import com.casewire.practice.PracticeLedger;
import com.casewire.practice.PracticeManagement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads a matter's trust balance whenever something may have moved it (a new time or expense entry, a deposit, the
 * sweep, a ladder rung) and decides, with {@link Hysteresis}, whether the matter just went below its threshold: then it
 * returns the one {@link TrustBalanceLow} of that episode; otherwise null. A matter it cannot judge (no trust endpoint,
 * no trust account, terms that need a value nobody gave) is recorded as skipped with the reason, never reminded.
 */
public class RetainerWatch {

    private static final Logger log = LoggerFactory.getLogger(RetainerWatch.class);

    /** Activity types that are work billed against the retainer (CLIO-SPEC Activity {@code type}). */
    static final Set<String> WORK = Set.of("TimeEntry", "ExpenseEntry", "HardCostEntry", "SoftCostEntry");

    private final RetainerRules rules;
    private final RetainerTerms terms;
    private final RetainerStore store;
    private final RetainerLadder ladder;
    private final PracticeManagement practice;
    private final PracticeLedger ledger;
    private final Clock clock;

    RetainerWatch(RetainerRules rules, RetainerStore store, RetainerLadder ladder, PracticeManagement practice,
                  PracticeLedger ledger, Clock clock) {
        this.rules = rules;
        this.terms = new RetainerTerms(rules);
        this.store = store;
        this.ladder = ladder;
        this.practice = practice;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** A Clio webhook's MatterEvent: a time or expense entry created or updated on a matter is checked; others ignored. */
    public TrustBalanceLow matterEvent(@Body MatterEvent event) {
        if (event == null || !"activity".equals(event.model()) || "deleted".equals(event.event()) || event.matter() == null
                || (event.detail("category") != null && !WORK.contains(event.detail("category")))) {
            return null;
        }
        return check(event.matter().id(), "activity");
    }

    /**
     * A LawPay payment whose reference names a matter's retainer ({@code payReferencePrefix} and the matter id) counts
     * once towards that matter's episode; the matter is then checked, which stops the ladder when the level is back or
     * leaves the recomputed amount for the next rung when the deposit was partial. Other payments are not ours.
     */
    public TrustBalanceLow payment(@Body PaymentEvent payment) {
        if (payment == null || payment.type() != PaymentEvent.Type.COMPLETED) {
            return null;
        }
        String matterId = rules.matterOf(payment.reference());
        if (matterId == null) {
            return null;
        }
        Instant now = clock.instant();
        RetainerStore.Row row = store.ensure(matterId, now);
        if (!store.deposit(payment.eventId(), matterId, row.episode(), payment.amountCents(), now)) {
            log.info("retainer deposit {} on matter {} was counted before", payment.eventId(), matterId);
            return null;
        }
        log.info("retainer deposit of {} cents on matter {} (payment {}, episode {})", payment.amountCents(), matterId,
                payment.transactionId(), row.episode());
        return check(matterId, "payment");
    }

    /** Checks one matter now; the {@link TrustBalanceLow} when it just went below its threshold, else null. */
    public TrustBalanceLow check(@Body String matterId, @Header("casewireRetainerTrigger") String trigger) {
        Instant now = clock.instant();
        String why = trigger == null ? "check" : trigger;
        RetainerStore.Row row = store.ensure(matterId, now);
        long balance;
        try {
            var balances = ledger.trustBalances(matterId);
            if (balances.isEmpty()) {
                store.skipped(matterId, "the matter has no trust account", now);
                return null;
            }
            balance = balances.stream().mapToLong(TrustBalance::balanceCents).sum();
        } catch (LedgerOperationUnavailable e) {
            store.skipped(matterId, "not checked: " + e.getMessage(), now);
            log.info("retainer check of matter {} skipped: {}", matterId, e.getMessage());
            return null;
        }
        Optional<Matter> found = practice.findMatter(matterId);
        if (found.isEmpty()) {
            store.skipped(matterId, "the practice system does not know the matter", now);
            log.warn("retainer check of matter {}: the practice system does not know it", matterId);
            return null;
        }
        Matter matter = found.get();
        long unbilled = rules.countUnbilledWork() ? unbilled(matterId) : 0;
        RetainerTerms.Resolution resolution = terms.resolve(matterId, matter.practiceArea(), customFields(matterId),
                () -> rate(matter));
        if (resolution.terms() == null) {
            store.skipped(matterId, resolution.refusal(), now);
            log.warn("retainer check of matter {} refused: {}", matterId, resolution.refusal());
            return null;
        }
        RetainerTerms.Resolved t = resolution.terms();
        long available = balance - unbilled;
        RetainerStore.Figures figures = new RetainerStore.Figures(t.tier(), matter.practiceArea(), matter.name(), t.retainerType(), balance,
                unbilled, available, t.thresholdCents(), t.replenishToCents());
        long effective = effectiveAvailable(row, available, now, rules.depositCreditFor());
        switch (Hysteresis.next(row.low(), effective, t.thresholdCents())) {
            case WENT_LOW -> {
                if (!store.goLow(matterId, row.episode(), figures, now)) {
                    return null; // another trigger opened this episode a moment ago
                }
                int episode = row.episode() + 1;
                log.info("matter {} trust retainer low ({}): available {} below threshold {} ({}); episode {}", matterId,
                        why, available, t.thresholdCents(), t.tier(), episode);
                return new TrustBalanceLow(matterId, episode, balance, unbilled, available, t.thresholdCents(),
                        t.replenishToCents(), t.replenishToCents() - available, t.tier(), why, now);
            }
            case RECOVERED -> {
                store.observe(matterId, figures, now);
                if (store.restore(matterId, row.episode(), now)) {
                    ladder.stop(matterId, row.episode());
                    log.info("matter {} trust retainer back at or above its threshold ({}): reminders stop, armed again",
                            matterId, why);
                }
            }
            default -> store.observe(matterId, figures, now);
        }
        return null;
    }

    /**
     * The available balance a check judges by: what the practice system shows, or, while a LawPay deposit is recent
     * ({@code depositCreditFor}), what it showed when the episode began plus the deposits since, whichever is more.
     * The system may show a deposit a day or two after LawPay took it; counting both would count it twice.
     */
    static long effectiveAvailable(RetainerStore.Row row, long available, Instant now, Duration creditFor) {
        if (row.depositsCents() <= 0 || row.lastDepositAt() == null || row.lowAvailableCents() == null
                || !now.isBefore(row.lastDepositAt().plus(creditFor))) {
            return available;
        }
        return Math.max(available, row.lowAvailableCents() + row.depositsCents());
    }

    private long unbilled(String matterId) {
        try {
            return ledger.unbilledCents(matterId);
        } catch (LedgerOperationUnavailable e) {
            log.debug("unbilled work on matter {} not counted: {}", matterId, e.getMessage());
            return 0;
        }
    }

    private Map<String, String> customFields(String matterId) {
        try {
            return ledger.matterCustomFields(matterId);
        } catch (LedgerOperationUnavailable e) {
            return Map.of();
        }
    }

    private OptionalLong rate(Matter matter) {
        if (matter.responsibleAttorney() == null) {
            return OptionalLong.empty();
        }
        try {
            return ledger.hourlyRateCents(matter.responsibleAttorney().id());
        } catch (LedgerOperationUnavailable e) {
            return OptionalLong.empty();
        }
    }
}
