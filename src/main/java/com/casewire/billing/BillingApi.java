package com.casewire.billing;

import com.casewire.api.ApiAnswers;
import com.casewire.practice.LedgerOperationUnavailable;
import com.casewire.vendor.VendorException;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Behind the REST DSL in {@code camel/api.camel.yaml}: {@code GET /api/billing/ladder} (API token): the ladder in
 * figures. {@code POST /api/billing/ladder/run} (operator token, {@code hub.api.operator-token}, else the API token;
 * checked by ops.OperatorTokenFilter): runs today's ladder now, as the schedule would; each stage still goes out at
 * most once per invoice.
 */
@Component("billingApi")
public class BillingApi {

    private final BillingReport report;
    private final BillingLadder ladder;

    BillingApi(BillingReport report, BillingLadder ladder) {
        this.report = report;
        this.ladder = ladder;
    }

    public BillingReport.Ladder ladder() {
        return report.ladder();
    }

    /** 503 with Retry-After when the practice system cannot list overdue invoices now: nothing was sent. */
    public Object run(Message message) {
        try {
            return ladder.runNow();
        } catch (VendorException | LedgerOperationUnavailable e) {
            message.setHeader("Retry-After", "60");
            return ApiAnswers.refuse(message, 503, "practice_system_unavailable",
                    "the overdue invoices could not be listed: " + e.getMessage());
        }
    }
}
