package com.casewire.billing;

import java.time.LocalDate;

/**
 * An overdue invoice as the ladder remembers it (a billing_invoice row) with the last stage it reached (0: none).
 * What is still owed is the practice system's last balance less the LawPay payments recorded since.
 */
record TrackedInvoice(String invoiceId, String number, String reference, String clientId, String clientName,
                      String matterId, LocalDate issuedOn, LocalDate dueOn, long totalCents, long ledgerBalanceCents,
                      long lawpayPaidCents, LocalDate firstSeenOn, LocalDate stoppedOn, String stopReason, int lastStage) {

    long remainingCents() {
        return Math.max(0, ledgerBalanceCents - lawpayPaidCents);
    }

    boolean open() {
        return stoppedOn == null;
    }

    /** The date age is counted from: the invoice date, else the due date. */
    LocalDate datedOn() {
        return issuedOn != null ? issuedOn : dueOn;
    }

    /** What the invoice is called in messages: its number, else its id. */
    String label() {
        return number != null ? number : invoiceId;
    }
}
