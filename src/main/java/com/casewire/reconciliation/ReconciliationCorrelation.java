package com.casewire.reconciliation;

import java.time.Clock;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The correlation steps of the run route. The database orders the staged facts by key and gives each its group's
 * size; the route's aggregator folds each key's facts into a {@link FactGroup}; {@link #record} judges it (on the
 * aggregator's thread), counts it and stores it when it is an exception. {@link #finish} waits for the last group,
 * then writes the counts and the stage's end in one transaction.
 */
public class ReconciliationCorrelation {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReconciliationCorrelation.class);

    static final String TALLY = "casewireReconciliationTally";
    static final String RUN = "casewireReconciliationRun";
    /** How long the correlation's end waits for the aggregator's thread to judge the last groups. */
    private static final java.time.Duration JUDGE_LIMIT = java.time.Duration.ofMinutes(10);

    private final FindingStore findings;
    private final RunStore runs;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String instance;

    ReconciliationCorrelation(FindingStore findings, RunStore runs, TransactionTemplate tx, Clock clock, String instance) {
        this.findings = findings;
        this.runs = runs;
        this.tx = tx;
        this.clock = clock;
        this.instance = instance;
    }

    /** Deletes what an interrupted correlation wrote; the tally the route carries while it streams. */
    public Tally start(Run run) {
        findings.deleteResults(run.date());
        runs.heartbeat(run.date(), clock.instant(), instance);
        return new Tally();
    }

    /** Runs on the aggregator's thread: judges the group, counts it, stores an exception. */
    public void record(@Body FactGroup group, @ExchangeProperty(TALLY) Tally tally, @ExchangeProperty(RUN) Run run) {
        RuntimeException failure = null;
        try {
            Finding finding = Classifier.judge(group);
            if (finding != null) {
                tally.add(finding);
                if (!finding.matched()) {
                    findings.insert(run.date(), finding);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            tally.judged(group.facts.size(), failure);
        }
    }

    /** Once every staged fact is judged: the counts and the stage's end, in one transaction. */
    public void finish(@ExchangeProperty(RUN) Run run, @ExchangeProperty(TALLY) Tally tally) throws InterruptedException {
        long facts = findings.countFacts(run.date());
        tally.awaitFacts(facts, JUDGE_LIMIT);
        log.info("reconciliation of {}: {} facts correlated", run.date(), facts);
        tx.executeWithoutResult(status -> {
            findings.insertCounts(run.date(), tally.counts());
            if (!runs.staged(run.date(), "CORRELATED", clock.instant(), instance)) {
                throw new IllegalStateException("reconciliation of " + run.date() + " was taken over by another instance");
            }
        });
    }
}
