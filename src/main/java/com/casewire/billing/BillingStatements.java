package com.casewire.billing;

import com.casewire.canonical.Contact;
import com.casewire.canonical.Invoice;
import com.casewire.canonical.Matter;
import com.casewire.outbox.Outbox;
import com.casewire.practice.PracticeManagement;
import com.casewire.staff.Staff;
import com.casewire.staff.StaffDirectory;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stage 4, the monthly statement of account: on the month's first business day every client with an open balance
 * older than the rules' threshold gets one email listing all their open invoices (number, matter, date, amount,
 * age), the total, one pay link for the total (reference {@code STMT-<client>-<yyyyMM>}) and a PDF. Once per client
 * and month (billing_statement's primary key).
 */
class BillingStatements {

    private static final Logger log = LoggerFactory.getLogger(BillingStatements.class);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    private final BillingRules rules;
    private final BillingStore store;
    private final BillingMessages messages;
    private final PracticeManagement practice;
    private final StaffDirectory staff;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final Clock clock;

    BillingStatements(BillingRules rules, BillingStore store, BillingMessages messages, PracticeManagement practice,
                      StaffDirectory staff, Outbox outbox, TransactionTemplate tx, Clock clock) {
        this.rules = rules;
        this.store = store;
        this.messages = messages;
        this.practice = practice;
        this.staff = staff;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    /** The pay-link reference of a client's statement for the month of {@code day}. */
    static String reference(String clientId, LocalDate day) {
        return "STMT-" + clientId + "-" + MONTH.format(day);
    }

    /** Sends the month's statements; returns how many were queued. {@code matters} caches look-ups across the run. */
    int send(LocalDate today, Map<String, Invoice> live, Map<String, Matter> matters) {
        Map<String, List<TrackedInvoice>> byClient = new LinkedHashMap<>();
        for (TrackedInvoice invoice : store.open()) {
            if (invoice.clientId() != null && invoice.remainingCents() > 0) {
                byClient.computeIfAbsent(invoice.clientId(), c -> new ArrayList<>()).add(invoice);
            }
        }
        int sent = 0;
        for (Map.Entry<String, List<TrackedInvoice>> client : byClient.entrySet()) {
            List<TrackedInvoice> invoices = client.getValue();
            boolean old = invoices.stream().anyMatch(i -> age(i, today) > rules.statementOlderThanDays());
            if (!old) {
                continue;
            }
            try {
                Boolean queued = tx.execute(status -> statement(client.getKey(), invoices, today, live, matters));
                sent += Boolean.TRUE.equals(queued) ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn("billing statement for client {} not sent today: {}", client.getKey(), e.toString());
            }
        }
        return sent;
    }

    private boolean statement(String clientId, List<TrackedInvoice> invoices, LocalDate today, Map<String, Invoice> live,
                              Map<String, Matter> matters) {
        List<BillingPdfs.StatementLine> lines = new ArrayList<>();
        long total = 0;
        Contact recipient = null;
        for (TrackedInvoice invoice : invoices) {
            Matter matter = invoice.matterId() == null ? null
                    : matters.computeIfAbsent(invoice.matterId(), id -> practice.findMatter(id).orElse(null));
            lines.add(new BillingPdfs.StatementLine(invoice.label(), BillingMessages.matterName(matter), invoice.datedOn(),
                    invoice.remainingCents(), age(invoice, today)));
            total += invoice.remainingCents();
            Contact candidate = BillingLadder.recipientOf(live.get(invoice.invoiceId()), matter);
            if (recipient == null && candidate != null && candidate.email() != null && !candidate.email().isBlank()) {
                recipient = candidate;
            }
        }
        String reference = reference(clientId, today);
        if (!store.claimStatement(clientId, today.withDayOfMonth(1), reference, total, lines.size(), clock.instant())) {
            return false;
        }
        String key = "billing:statement:" + clientId + ":" + today.withDayOfMonth(1);
        TrackedInvoice first = invoices.get(0);
        if (recipient == null) {
            Staff manager = staff.withRole(Staff.Role.BILLING_MANAGER).stream().findFirst()
                    .orElseThrow(() -> new IllegalStateException("client " + clientId
                            + " has no email for the statement and staff.yaml names no billing-manager"));
            outbox.enqueue(key + ":no-recipient", messages.noRecipientStatementTask(first, total, manager.practiceUserId()));
            return true;
        }
        outbox.enqueue(key, messages.statement(recipient, today, lines, total, reference, first.matterId()));
        return true;
    }

    private static long age(TrackedInvoice invoice, LocalDate today) {
        return today.toEpochDay() - invoice.datedOn().toEpochDay();
    }
}
