package com.casewire.reconciliation;

import com.casewire.audit.CommunicationLog;
import com.casewire.outbox.Outbox;
import com.casewire.outbox.OutboundMessage;
import com.casewire.practice.PracticeTaskChannel;
import com.casewire.staff.Staff;
import com.casewire.staff.StaffDirectory;
import com.casewire.vendor.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The last step of a run: the report to every billing manager in staff.yaml (an email through the outbox, HTML
 * summary and one CSV per section) with the communication log's head as its anchor, a task in the practice system
 * per money exception, and the run marked reported, all in one transaction. The email's outbox key carries the run's
 * generation, so a run resumed after a crash reports once; a task's key carries the day and the exception, so a
 * re-run on demand does not repeat a task.
 */
public class ReconciliationReport {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationReport.class);
    static final String WORKFLOW = "reconciliation";

    private final FindingStore findings;
    private final RunStore runs;
    private final CommunicationLog commLog;
    private final StaffDirectory staff;
    private final Outbox outbox;
    private final ReconciliationProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String instance;

    ReconciliationReport(FindingStore findings, RunStore runs, CommunicationLog commLog, StaffDirectory staff, Outbox outbox,
                         ReconciliationProperties properties, TransactionTemplate tx, Clock clock, String instance) {
        this.findings = findings;
        this.runs = runs;
        this.commLog = commLog;
        this.staff = staff;
        this.outbox = outbox;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
        this.instance = instance;
    }

    public void send(@ExchangeProperty(ReconciliationCorrelation.RUN) Run run) {
        tx.executeWithoutResult(status -> {
            CommunicationLog.Anchor anchor = commLog.head();
            String notes = runs.find(run.date()).map(RunStore.RunRow::notes).orElse(null);
            List<Finding> all = findings.findings(run.date());
            ReportDocument report = new ReportDocument(run.date(), findings.counts(run.date()), all, anchor, notes);
            List<Staff> managers = staff.withRole(Staff.Role.BILLING_MANAGER);
            if (managers.isEmpty()) {
                log.warn("reconciliation of {}: no billing-manager in staff.yaml; the report is kept for the API only", run.date());
            }
            for (Staff manager : managers) {
                outbox.enqueue("reconciliation:report:" + run.date() + ":" + run.generation() + ":" + manager.email(),
                        email(report, manager));
            }
            int tasks = tasks(run, all, managers);
            if (!runs.reported(run.date(), clock.instant(), anchor.seq(), anchor.hash(), instance)) {
                throw new IllegalStateException("reconciliation of " + run.date() + " was taken over by another instance");
            }
            log.info("reconciliation of {} (run {}): {} exceptions, report to {} billing manager(s), {} task(s), anchor {}",
                    run.date(), run.generation(), report.exceptions(), managers.size(), tasks, anchor.seq());
        });
    }

    private OutboundMessage email(ReportDocument report, Staff manager) {
        List<OutboundMessage.Attachment> files = new ArrayList<>();
        for (Section section : Section.values()) {
            String csv = report.csv(section.id);
            byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > properties.maxAttachmentBytes()) {
                String cut = csv.substring(0, csv.lastIndexOf('\n', properties.maxAttachmentBytes() - 200) + 1)
                        + "\"(cut: the whole list is at GET /api/reconciliations/{date}.csv)\"\n";
                bytes = cut.getBytes(StandardCharsets.UTF_8);
            }
            files.add(new OutboundMessage.Attachment("reconciliation-" + report.date() + "-" + section.id + ".csv",
                    "text/csv", Base64.getEncoder().encodeToString(bytes)));
        }
        return OutboundMessage.email(manager.email(), manager.name(), report.subject(), report.text())
                .withWorkflow(WORKFLOW).withTemplate("report").withHtmlBody(report.html()).withAttachments(files);
    }

    /** One task per money exception for the first billing manager the practice system knows, up to the cap. */
    private int tasks(Run run, List<Finding> all, List<Staff> managers) {
        String assignee = managers.stream().map(Staff::practiceUserId).filter(id -> id != null && !id.isBlank())
                .findFirst().orElse(null);
        if (assignee == null) {
            return 0;
        }
        List<Finding> money = all.stream().filter(f -> Section.MONEY.id.equals(f.section())).toList();
        int made = 0;
        for (Finding f : money.subList(0, Math.min(money.size(), properties.maxTasks()))) {
            String key = "reconciliation:task:" + run.date() + ":" + f.kind() + ":" + Sha256.hex(f.matchKey()).substring(0, 16);
            String name = "Reconcile " + f.kind().replace('_', ' ') + ": " + Fact.cut(f.matchKey(), 80);
            String description = "End-of-day reconciliation of " + run.date() + ": " + f.detail()
                    + "\nGateway: " + Money.format(f.gatewayCents()) + "  Practice system: " + Money.format(f.practiceCents())
                    + "\nRecords: " + f.records();
            if (outbox.enqueue(key, PracticeTaskChannel.task(assignee, name, description, null, WORKFLOW)).isPresent()) {
                made++;
            }
        }
        if (money.size() > properties.maxTasks()) {
            log.warn("reconciliation of {}: {} money exceptions, tasks for the first {} (the rest are in the report)",
                    run.date(), money.size(), properties.maxTasks());
        }
        return made;
    }
}
