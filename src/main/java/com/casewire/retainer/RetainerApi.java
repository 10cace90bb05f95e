package com.casewire.retainer;

import com.casewire.api.ApiAnswers;
import com.casewire.vendor.VendorException;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Behind the REST DSL in {@code camel/api.camel.yaml}: {@code GET /api/retainers} (API token): matters below their
 * trust-retainer threshold, by tier. {@code POST /api/retainers/sweep} (operator token): runs the daily sweep now and
 * says what it did; 503 while the practice system cannot list the matters.
 */
@Component("retainerApi")
public class RetainerApi {

    private final Retainers retainers;
    private final RetainerSweep sweep;

    RetainerApi(Retainers retainers, RetainerSweep sweep) {
        this.retainers = retainers;
        this.sweep = sweep;
    }

    public Retainers.Overview below() {
        return retainers.belowThreshold();
    }

    /** 503 when the practice system cannot list the matters now (its outage, not the caller's mistake). */
    public Object sweepNow(Message message) {
        try {
            return sweep.sweep();
        } catch (VendorException e) {
            return ApiAnswers.refuse(message, 503, "practice_system_unavailable",
                    "the matters with a trust balance could not be listed: " + e.getMessage());
        }
    }
}
