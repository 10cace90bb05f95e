package com.casewire.retainer;

import com.casewire.practice.LedgerOperationUnavailable;
import com.casewire.practice.PracticeLedger;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily sweep (and {@code POST /api/retainers/sweep}): every open matter with a trust balance, and every matter
 * still low, goes through {@code direct:retainer-check} in a transaction of its own, so one matter's failure (a
 * vendor error) is logged and the others are still checked.
 */
public class RetainerSweep {

    private static final Logger log = LoggerFactory.getLogger(RetainerSweep.class);
    static final String CHECK = "direct:retainer-check";
    static final String TRIGGER = "casewireRetainerTrigger";

    /** What one sweep did. */
    public record Result(int matters, int checked, int failed, String unavailable) {
    }

    private final PracticeLedger ledger;
    private final RetainerStore store;
    private final ProducerTemplate camel;
    private final TransactionTemplate tx;

    RetainerSweep(PracticeLedger ledger, RetainerStore store, ProducerTemplate camel, TransactionTemplate tx) {
        this.ledger = ledger;
        this.store = store;
        this.camel = camel;
        this.tx = tx;
    }

    /** Checks every matter with a trust balance; the quartz schedule's method. */
    public Result sweep() {
        Set<String> matters = new LinkedHashSet<>();
        try {
            matters.addAll(ledger.mattersWithTrustBalances());
        } catch (LedgerOperationUnavailable e) {
            log.warn("retainer sweep not run: {}", e.getMessage());
            return new Result(0, 0, 0, e.getMessage());
        }
        matters.addAll(store.lowMatterIds()); // one closed or emptied since still needs its ladder settled
        int checked = 0;
        int failed = 0;
        for (String matterId : matters) {
            try {
                tx.executeWithoutResult(s -> camel.sendBodyAndHeader(CHECK, matterId, TRIGGER, "sweep"));
                checked++;
            } catch (RuntimeException e) {
                failed++;
                log.warn("retainer sweep: matter {} not checked: {}", matterId, e.getMessage());
            }
        }
        log.info("retainer sweep: {} matters with a trust balance, {} checked, {} failed", matters.size(), checked, failed);
        return new Result(matters.size(), checked, failed, null);
    }
}
