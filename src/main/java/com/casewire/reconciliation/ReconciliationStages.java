package com.casewire.reconciliation;

import com.casewire.canonical.GatewayTransaction;
import com.casewire.canonical.RecordedPayment;
import com.casewire.canonical.TimeEntry;
import com.casewire.db.Dialect;
import com.casewire.lawpay.LawpayTransactions;
import com.casewire.practice.LedgerOperationUnavailable;
import com.casewire.practice.PracticeLedger;
import java.time.Clock;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staging steps of the run route: each source read page by page (LawPay's transactions, the practice system's
 * payments and trust deposits, its time entries) as lists of {@code recon_fact} rows that the route batch-inserts
 * with camel-sql. A stage first deletes what an interrupted attempt staged ({@link #begin}), and records its end
 * ({@link #staged}) so a resumed run goes on from the next stage.
 */
public class ReconciliationStages {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationStages.class);

    private final LawpayTransactions gateway;
    private final boolean gatewayConfigured;
    private final PracticeLedger ledger;
    private final RunStore runs;
    private final FindingStore facts;
    private final ReconciliationProperties properties;
    private final Dialect dialect;
    private final Clock clock;
    private final String instance;
    private final Set<String> countedStatuses;

    ReconciliationStages(LawpayTransactions gateway, boolean gatewayConfigured, PracticeLedger ledger, RunStore runs,
                         FindingStore facts, ReconciliationProperties properties, Dialect dialect, Clock clock,
                         String instance) {
        this.gateway = gateway;
        this.gatewayConfigured = gatewayConfigured;
        this.ledger = ledger;
        this.runs = runs;
        this.facts = facts;
        this.properties = properties;
        this.dialect = dialect;
        this.clock = clock;
        this.instance = instance;
        this.countedStatuses = properties.gatewayStatuses().stream().map(s -> s.toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    /** Which statement stages a batch again: {@code stage-fact-again-h2.sql} or {@code stage-fact-again-postgresql.sql}. */
    public String dialect() {
        return dialect.postgres() ? "postgresql" : "h2";
    }

    /** Deletes what an interrupted attempt staged for one side of a section. */
    public void begin(Run run, String section, String side) {
        facts.deleteSide(run.date(), section, side);
        runs.heartbeat(run.date(), clock.instant(), instance);
    }

    /** Records the stage finished; fails when another instance has taken the run over (this one was too slow). */
    public void staged(Run run, String stage) {
        if (!runs.staged(run.date(), stage, clock.instant(), instance)) {
            throw new IllegalStateException("reconciliation of " + run.date() + " was taken over by another instance");
        }
        log.info("reconciliation of {}: {} staged", run.date(), stage);
    }

    /** LawPay's transactions of the day with a counted status, page by page; none (and a note) when LawPay is off. */
    public Iterator<List<List<Object>>> gatewayPages(Run run) {
        if (!gatewayConfigured) {
            note(run, "money: LawPay is not configured (hub.lawpay.secret-key); the money section is empty");
            return Collections.emptyIterator();
        }
        return rows(run, gateway.pages(run.from(), run.to(), properties.gatewayPageSize(), properties.gatewayMaxPages()),
                t -> countedStatuses.contains(String.valueOf(t.status()).toUpperCase(Locale.ROOT)) ? gatewayFact(t) : null);
    }

    /**
     * The practice system's payments and trust deposits dated that day, page by page. None when LawPay is off; none,
     * the gateway's side deleted and a note when the system has no payments list (the section would otherwise report
     * every charge as not applied).
     */
    public Iterator<List<List<Object>>> ledgerPages(Run run) {
        if (!gatewayConfigured) {
            return Collections.emptyIterator();
        }
        Iterator<List<RecordedPayment>> pages;
        try {
            pages = ledger.recordedPayments(run.date());
        } catch (LedgerOperationUnavailable e) {
            facts.deleteSide(run.date(), Section.MONEY.id, Fact.GATEWAY);
            note(run, "money: " + e.getMessage() + "; the money section is empty");
            return Collections.emptyIterator();
        }
        return rows(run, pages, ReconciliationStages::ledgerFact);
    }

    /** The practice system's time entries dated that day (one read: a day's entries are few). */
    public Iterator<List<List<Object>>> timeEntryPages(Run run) {
        List<TimeEntry> entries = ledger.timeEntries(run.date(), run.date(), null, null);
        return rows(run, List.of(entries).iterator(), e -> e.userId() == null || e.matterId() == null ? null
                : new Fact(Section.TIME.id, Fact.ENTRY, e.id(), Fact.timeKey(e.userId(), e.matterId()), null, null,
                e.userId(), e.matterId(), e.note()));
    }

    static Fact gatewayFact(GatewayTransaction t) {
        return new Fact(Section.MONEY.id, Fact.GATEWAY, t.id(), Fact.moneyKey(Fact.GATEWAY, t.id(), t.reference()),
                t.amountCents(), t.created(), t.reference(), null, t.status());
    }

    static Fact ledgerFact(RecordedPayment p) {
        return new Fact(Section.MONEY.id, Fact.LEDGER, p.id(), Fact.moneyKey(Fact.LEDGER, p.id(), p.reference()),
                p.amountCents(), null, p.reference(), null,
                p.account().name().toLowerCase(Locale.ROOT) + (p.description() == null ? "" : ": " + p.description()));
    }

    /**
     * The pages as batches of insert rows of at least {@code stage-batch} facts (a page of Clio's 200 would otherwise be
     * a commit each), null facts dropped, ids unique within the batch; a heartbeat per batch.
     */
    private <T> Iterator<List<List<Object>>> rows(Run run, Iterator<List<T>> pages, Function<T, Fact> toFact) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pages.hasNext();
            }

            @Override
            public List<List<Object>> next() {
                Map<String, List<Object>> batch = new LinkedHashMap<>();
                do {
                    for (T record : pages.next()) {
                        Fact fact = toFact.apply(record);
                        if (fact != null) {
                            batch.putIfAbsent(fact.id(), fact.row(run.date()));
                        }
                    }
                } while (batch.size() < properties.stageBatch() && pages.hasNext());
                runs.heartbeat(run.date(), clock.instant(), instance);
                return List.copyOf(batch.values());
            }
        };
    }

    private void note(Run run, String text) {
        log.warn("reconciliation of {}: {}", run.date(), text);
        String before = runs.find(run.date()).map(RunStore.RunRow::notes).orElse(null);
        if (before == null || !before.contains(text)) {
            runs.notes(run.date(), before == null ? text : before + "\n" + text);
        }
    }
}
