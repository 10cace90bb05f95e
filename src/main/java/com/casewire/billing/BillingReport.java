package com.casewire.billing;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The ladder in figures, for {@code GET /api/billing/ladder} and JMX: per invoice its stage, what is owed and its
 * days to collect (invoice date to the day the ladder stopped because it was paid, or closed in the practice system:
 * the ledger's overdue list does not say whether a bill that left it was paid or voided); and the open balance by
 * the last stage reached.
 */
class BillingReport {

    /** One invoice on the ladder. {@code daysToCollect} is null while it is open. */
    record InvoiceLine(String invoiceId, String number, String client, String matterId, LocalDate dueOn, int stage,
                       long remainingCents, String status, String stopReason, long daysOutstanding, Long daysToCollect) {
    }

    record Ladder(LocalDate asOf, Map<String, Long> openBalanceByStage, Double averageDaysToCollect, int openInvoices,
                  List<InvoiceLine> invoices) {
    }

    private final BillingStore store;
    private final ZoneId firmZone;
    private final Clock clock;

    BillingReport(BillingStore store, ZoneId firmZone, Clock clock) {
        this.store = store;
        this.firmZone = firmZone;
        this.clock = clock;
    }

    Ladder ladder() {
        LocalDate today = LocalDate.now(clock.withZone(firmZone));
        Map<String, Long> byStage = new LinkedHashMap<>();
        byStage.put("none", 0L);
        for (LadderStage stage : LadderStage.values()) {
            byStage.put(stage.template(), 0L);
        }
        List<InvoiceLine> lines = new ArrayList<>();
        int open = 0;
        for (TrackedInvoice invoice : store.all()) {
            String stage = invoice.lastStage() == 0 ? "none" : LadderStage.of(invoice.lastStage()).template();
            Long toCollect = null;
            if (invoice.open()) {
                open++;
                byStage.merge(stage, invoice.remainingCents(), Long::sum);
            } else {
                toCollect = invoice.stoppedOn().toEpochDay() - invoice.datedOn().toEpochDay();
            }
            LocalDate end = invoice.open() ? today : invoice.stoppedOn();
            lines.add(new InvoiceLine(invoice.invoiceId(), invoice.label(), invoice.clientName(), invoice.matterId(),
                    invoice.dueOn(), invoice.lastStage(), invoice.remainingCents(), invoice.open() ? "open" : "stopped",
                    invoice.stopReason(), end.toEpochDay() - invoice.datedOn().toEpochDay(), toCollect));
        }
        OptionalDouble average = lines.stream().filter(l -> l.daysToCollect() != null)
                .mapToLong(InvoiceLine::daysToCollect).average();
        return new Ladder(today, byStage, average.isPresent() ? average.getAsDouble() : null, open, lines);
    }
}
