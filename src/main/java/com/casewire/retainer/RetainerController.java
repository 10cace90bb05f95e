package com.casewire.retainer;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/retainers} (API token): matters below their trust-retainer threshold, by tier.
 * {@code POST /api/retainers/sweep} (operator token): runs the daily sweep now and says what it did.
 */
@RestController
class RetainerController {

    private final Retainers retainers;
    private final RetainerSweep sweep;

    RetainerController(Retainers retainers, RetainerSweep sweep) {
        this.retainers = retainers;
        this.sweep = sweep;
    }

    @GetMapping("/api/retainers")
    Retainers.Overview below() {
        return retainers.belowThreshold();
    }

    @PostMapping("/api/retainers/sweep")
    RetainerSweep.Result sweepNow() {
        return sweep.sweep();
    }
}
