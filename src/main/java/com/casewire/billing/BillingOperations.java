package com.casewire.billing;

import java.util.Map;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedResource;

/** The ladder over JMX ({@code com.casewire:type=Billing,name=ladder}): balances by stage, days to collect, run now. */
@ManagedResource(objectName = "com.casewire:type=Billing,name=ladder", description = "CaseWire billing follow-up ladder")
public class BillingOperations {

    private final BillingReport report;
    private final BillingLadder ladder;

    BillingOperations(BillingReport report, BillingLadder ladder) {
        this.report = report;
        this.ladder = ladder;
    }

    @ManagedAttribute(description = "Open balance in cents by the last stage reached (none, reminder, second-notice, escalation)")
    public Map<String, Long> getOpenBalanceByStage() {
        return report.ladder().openBalanceByStage();
    }

    @ManagedAttribute(description = "Average days from invoice date to collection, over invoices the ladder stopped (-1: none yet)")
    public double getAverageDaysToCollect() {
        Double average = report.ladder().averageDaysToCollect();
        return average == null ? -1 : average;
    }

    @ManagedAttribute(description = "Days to collect per invoice number (open invoices: days outstanding so far)")
    public Map<String, Long> getDaysToCollect() {
        Map<String, Long> days = new java.util.TreeMap<>();
        report.ladder().invoices().forEach(line -> days.put(line.number(),
                line.daysToCollect() != null ? line.daysToCollect() : line.daysOutstanding()));
        return days;
    }

    @ManagedOperation(description = "Run today's ladder now, as the schedule would (each stage still at most once)")
    public String runNow() {
        return ladder.runNow().toString();
    }
}
