package com.casewire.billing;

import com.casewire.practice.LedgerOperationUnavailable;
import com.casewire.vendor.VendorException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/billing/ladder} (API token): the ladder in figures. {@code POST /api/billing/ladder/run} (operator
 * token, {@code hub.api.operator-token}, else the API token; checked by ops.OperatorTokenFilter): runs today's ladder
 * now, as the schedule would; each stage still goes out at most once per invoice.
 */
@RestController
class BillingLadderController {

    private final BillingReport report;
    private final BillingLadder ladder;

    BillingLadderController(BillingReport report, BillingLadder ladder) {
        this.report = report;
        this.ladder = ladder;
    }

    @GetMapping("/api/billing/ladder")
    BillingReport.Ladder ladder() {
        return report.ladder();
    }

    @PostMapping("/api/billing/ladder/run")
    BillingLadder.RunResult run() {
        return ladder.runNow();
    }

    /** The practice system could not list overdue invoices now: nothing was sent; the operator may try again. */
    @ExceptionHandler({VendorException.class, LedgerOperationUnavailable.class})
    ResponseEntity<Map<String, String>> practiceSystemUnavailable(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "60")
                .body(Map.of("error", "practice_system_unavailable", "message",
                        "the overdue invoices could not be listed: " + e.getMessage()));
    }
}
