package com.casewire.retainer;

import com.casewire.vendor.VendorException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/retainers} (API token): matters below their trust-retainer threshold, by tier.
 * {@code POST /api/retainers/sweep} (operator token): runs the daily sweep now and says what it did; 503 while the
 * practice system cannot list the matters.
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

    /** 503 when the practice system cannot list the matters now (its outage, not the caller's mistake). */
    @PostMapping("/api/retainers/sweep")
    ResponseEntity<?> sweepNow() {
        try {
            return ResponseEntity.ok(sweep.sweep());
        } catch (VendorException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", "practice_system_unavailable",
                    "message", "the matters with a trust balance could not be listed: " + e.getMessage()));
        }
    }
}
