package com.casewire.reconciliation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The correlation steps of the run route. The database returns the staged facts one group (section and key) at a
 * time; the route's aggregator gathers the groups into batches ({@link FactGroup.Batching}); {@link #record} judges a
 * batch (on the aggregator's thread), counts it and stores its exceptions. {@link #finish} waits for the last batch,
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

    /** Runs on the aggregator's thread: judges a batch of groups, counts them, stores the exceptions in one batch. */
    public void record(@Body List<FactGroup> batch, @ExchangeProperty(TALLY) Tally tally, @ExchangeProperty(RUN) Run run) {
        RuntimeException failure = null;
        try {
            List<Finding> exceptions = new ArrayList<>();
            for (FactGroup group : batch) {
                Finding finding = Classifier.judge(group);
                if (finding != null) {
                    tally.add(finding);
                    if (!finding.matched()) {
                        exceptions.add(finding);
                    }
                }
            }
            findings.insert(run.date(), exceptions);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            tally.judged(batch.stream().mapToInt(g -> g.facts.size()).sum(), failure);
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
