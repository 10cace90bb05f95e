package com.casewire.reconciliation;

import com.casewire.audit.CommunicationLog;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The kept reports, as the API and JMX read them. */
public class Reconciliations {

    /** A day's run and what it found: counts per section and kind, the exceptions per section, the anchor it carried. */
    public record View(LocalDate date, int generation, String state, String stage, String requestedBy, Instant startedAt,
                       Instant finishedAt, CommunicationLog.Anchor anchor, String notes,
                       Map<String, Map<String, Long>> counts, Map<String, List<Finding>> exceptions) {
    }

    private final RunStore runs;
    private final FindingStore findings;

    Reconciliations(RunStore runs, FindingStore findings) {
        this.runs = runs;
        this.findings = findings;
    }

    public Optional<View> view(LocalDate date) {
        return runs.find(date).map(this::view);
    }

    /** Every exception of the day in one CSV (a {@code section} column), empty when the day has no run. */
    public Optional<String> csv(LocalDate date) {
        return runs.find(date).map(row -> document(row).csv(null));
    }

    public Optional<View> lastReported() {
        return runs.latestReported().map(this::view);
    }

    private View view(RunStore.RunRow row) {
        Map<String, List<Finding>> bySection = new LinkedHashMap<>();
        for (Section s : Section.values()) {
            bySection.put(s.id, new java.util.ArrayList<>());
        }
        findings.findings(row.date(), f -> bySection.get(f.section()).add(f));
        return new View(row.date(), row.generation(), row.state(), row.stage(), row.requestedBy(), row.startedAt(),
                row.finishedAt(), row.chainSeq() == null ? null : new CommunicationLog.Anchor(row.chainSeq(), row.chainHash()),
                row.notes(), findings.counts(row.date()), bySection);
    }

    private ReportDocument document(RunStore.RunRow row) {
        return new ReportDocument(row.date(), findings.counts(row.date()), findings.findings(row.date()),
                row.chainSeq() == null ? new CommunicationLog.Anchor(0, "") : new CommunicationLog.Anchor(row.chainSeq(),
                        row.chainHash()), row.notes());
    }
}
