package com.casewire.reconciliation;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedOperationParameter;
import org.springframework.jmx.export.annotation.ManagedResource;

/**
 * {@code com.casewire:type=Reconciliation,name=daily}: the last reported run's figures (matched and each kind of
 * exception, per section) and an operation to reconcile any day now.
 */
@ManagedResource(objectName = "com.casewire:type=Reconciliation,name=daily", description = "CaseWire end-of-day reconciliation")
public class ReconciliationOperations {

    private final Reconciliations reports;
    private final ReconciliationRuns runs;

    ReconciliationOperations(Reconciliations reports, ReconciliationRuns runs) {
        this.reports = reports;
        this.runs = runs;
    }

    @ManagedAttribute(description = "Day of the last reported run (yyyy-MM-dd), empty before the first")
    public String getLastRunDate() {
        return reports.lastReported().map(v -> v.date().toString()).orElse("");
    }

    @ManagedAttribute(description = "The last reported run's groups per section.kind (money.matched, money.gateway_only, ...)")
    public Map<String, Long> getLastRunCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        reports.lastReported().ifPresent(v -> v.counts().forEach((section, kinds) ->
                kinds.forEach((kind, n) -> out.put(section + "." + kind, n))));
        return out;
    }

    @ManagedAttribute(description = "The last reported run's exceptions (every kind but matched, all sections)")
    public long getLastRunExceptions() {
        return getLastRunCounts().entrySet().stream().filter(e -> !e.getKey().endsWith("." + Section.Kind.MATCHED))
                .mapToLong(Map.Entry::getValue).sum();
    }

    @ManagedOperation(description = "Reconciles a day now (a reported day runs again and reports again)")
    @ManagedOperationParameter(name = "date", description = "yyyy-MM-dd")
    public String run(String date) {
        LocalDate day = LocalDate.parse(date);
        runs.runNow(day, "jmx");
        return reports.view(day).map(v -> v.state() + " " + v.counts()).orElse("not run");
    }
}
