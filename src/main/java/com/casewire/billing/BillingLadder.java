package com.casewire.billing;

import com.casewire.canonical.Contact;
import com.casewire.canonical.Invoice;
import com.casewire.canonical.Matter;
import com.casewire.canonical.Notification;
import com.casewire.canonical.PaymentEvent;
import com.casewire.outbox.Outbox;
import com.casewire.payments.PaymentEvents;
import com.casewire.practice.PracticeLedger;
import com.casewire.practice.PracticeManagement;
import com.casewire.staff.Staff;
import com.casewire.staff.StaffDirectory;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily run of the billing ladder: the practice system's overdue invoices, each moved at most one stage per
 * run (reminder email, second notice, escalation to a person), invoices no longer overdue there stopped, and on the
 * statement day the monthly statements. Each invoice is handled in a transaction of its own, with its stage claimed
 * in billing_stage (the primary key is the at-most-once guard across restarts and instances) and its messages
 * queued in the outbox in that same transaction: a crash leaves either both or neither.
 */
public class BillingLadder {

    private static final Logger log = LoggerFactory.getLogger(BillingLadder.class);
    /** The stop reasons the report counts as collected. */
    static final String PAID_LAWPAY = "paid-lawpay";
    static final String CLOSED_IN_PRACTICE = "closed-in-practice-system";
    static final String ALERT_ENDPOINT = "direct:billing-alert";

    /** What one run did, for the API and the operator. */
    public record RunResult(LocalDate day, int overdueInvoices, List<String> stagesSent, List<String> stopped,
                            int statements, int failures) {
    }

    private final BillingRules rules;
    private final BillingStore store;
    private final BillingMessages messages;
    private final BillingStatements statements;
    private final PracticeLedger ledger;
    private final PracticeManagement practice;
    private final PaymentEvents payments;
    private final StaffDirectory staff;
    private final Outbox outbox;
    private final ProducerTemplate camel;
    private final TransactionTemplate tx;
    private final ZoneId firmZone;
    private final Clock clock;

    BillingLadder(BillingRules rules, BillingStore store, BillingMessages messages, BillingStatements statements,
                  PracticeLedger ledger, PracticeManagement practice, PaymentEvents payments, StaffDirectory staff,
                  Outbox outbox, ProducerTemplate camel, TransactionTemplate tx, ZoneId firmZone, Clock clock) {
        this.rules = rules;
        this.store = store;
        this.messages = messages;
        this.statements = statements;
        this.ledger = ledger;
        this.practice = practice;
        this.payments = payments;
        this.staff = staff;
        this.outbox = outbox;
        this.camel = camel;
        this.tx = tx;
        this.firmZone = firmZone;
        this.clock = clock;
    }

    /**
     * The schedule's tick: runs the day's ladder once the firm's clock has passed the run time on a business day, unless
     * it ran already today. A run whose invoice listing failed, or in which an invoice failed, marks nothing, so the
     * next tick tries again (what was done is claimed and not repeated).
     */
    public void runIfDue() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(firmZone));
        LocalDate today = now.toLocalDate();
        if (!rules.isBusinessDay(today) || now.toLocalTime().isBefore(rules.runAt()) || store.ranOn(today)) {
            return;
        }
        run(today);
    }

    /** Today's ladder now, as the schedule would run it (each stage still at most once per invoice). */
    public RunResult runNow() {
        return run(LocalDate.now(clock.withZone(firmZone)));
    }

    RunResult run(LocalDate today) {
        List<Invoice> overdue = ledger.overdueInvoices();
        List<String> sent = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        int failures = 0;
        Map<String, Invoice> live = new LinkedHashMap<>();
        Map<String, Matter> matters = new HashMap<>();
        for (Invoice invoice : overdue) {
            if (invoice.dueOn() == null || invoice.balanceCents() <= 0) {
                continue;
            }
            live.put(invoice.id(), invoice);
            try {
                String done = tx.execute(status -> step(invoice, today, matters));
                if (done != null) {
                    sent.add(done);
                }
            } catch (RuntimeException e) {
                failures++;
                log.warn("billing ladder: invoice {} not handled today; the next run tries again: {}", invoice.id(), e.toString());
            }
        }
        for (TrackedInvoice tracked : store.open()) {
            if (!live.containsKey(tracked.invoiceId())) {
                tx.executeWithoutResult(status -> store.stop(tracked.invoiceId(), today, CLOSED_IN_PRACTICE, clock.instant()));
                stopped.add(tracked.label());
                log.info("billing ladder: invoice {} is no longer overdue in the practice system (paid or voided there); stopped",
                        tracked.label());
            }
        }
        int sentStatements = rules.isStatementDay(today) ? statements.send(today, live, matters) : 0;
        if (failures == 0) {
            store.markRun(today, clock.instant());
        } // else the next tick runs the day again: the invoices done are claimed, the failed ones get another try
        log.info("billing ladder {}: {} overdue invoices, stages {}, stopped {}, {} statements, {} failures", today,
                live.size(), sent, stopped, sentStatements, failures);
        return new RunResult(today, live.size(), sent, stopped, sentStatements, failures);
    }

    /** One invoice, in its transaction: track or update it, then send its next stage when due. */
    private String step(Invoice invoice, LocalDate today, Map<String, Matter> matters) {
        String reference = invoice.number() != null && !invoice.number().isBlank() ? invoice.number() : invoice.id();
        Optional<TrackedInvoice> known = store.lock(invoice.id());
        if (known.isEmpty()) {
            String matterId = invoice.matterIds().isEmpty() ? null : invoice.matterIds().get(0);
            String clientId = invoice.clientId();
            String clientName = invoice.clientName();
            if (clientId == null && matterId != null) { // MyCase names no client on an invoice: the case's client
                Matter matter = matters.computeIfAbsent(matterId, id -> practice.findMatter(id).orElse(null));
                if (matter != null && matter.client() != null) {
                    clientId = matter.client().id();
                    clientName = matter.client().name();
                }
            }
            long paidAlready = lawpayPaymentsBefore(reference);
            store.track(new TrackedInvoice(invoice.id(), invoice.number(), reference, clientId,
                    clientName, matterId, invoice.issuedOn(), invoice.dueOn(), invoice.totalCents(),
                    invoice.balanceCents(), paidAlready, today, null, null, 0), clock.instant());
        } else if (known.get().ledgerBalanceCents() != invoice.balanceCents()
                || !known.get().open() && CLOSED_IN_PRACTICE.equals(known.get().stopReason())) {
            // the practice system's amount stands as it is now (reduced, raised, or a payment posted there)
            store.newLedgerBalance(known.get(), invoice.balanceCents(), invoice.totalCents(), invoice.dueOn(),
                    !known.get().open(), clock.instant());
        } else if (!invoice.dueOn().equals(known.get().dueOn())) {
            store.newDueDate(invoice.id(), invoice.dueOn(), clock.instant()); // a due date moved there stands too
        }
        TrackedInvoice tracked = store.lock(invoice.id()).orElseThrow();
        if (!tracked.open()) {
            return null;
        }
        if (tracked.remainingCents() <= 0) {
            store.stop(tracked.invoiceId(), today, PAID_LAWPAY, clock.instant());
            return null;
        }
        LadderStage next = LadderStage.after(tracked.lastStage());
        long daysOverdue = today.toEpochDay() - tracked.dueOn().toEpochDay();
        if (next == null || daysOverdue < rules.dayOf(next)) {
            return null;
        }
        Matter matter = tracked.matterId() == null ? null
                : matters.computeIfAbsent(tracked.matterId(), id -> practice.findMatter(id).orElse(null));
        return act(next, tracked, invoice, matter, today) ? tracked.label() + ":" + next.number() : null;
    }

    /**
     * LawPay payments recorded for the invoice before the ladder first saw it (paid through the link before it was
     * overdue, or before the first run): they count against what the practice system says is owed, and are claimed so
     * a re-delivery cannot count them twice.
     */
    private long lawpayPaymentsBefore(String reference) {
        long sum = 0;
        for (PaymentEvent event : payments.forInvoice(reference)) {
            if (event.type() == PaymentEvent.Type.COMPLETED
                    && store.claimPayment(event.eventId(), reference, event.amountCents(), clock.instant())) {
                sum += event.amountCents();
            }
        }
        return sum;
    }

    private boolean act(LadderStage stage, TrackedInvoice invoice, Invoice live, Matter matter, LocalDate today) {
        String key = "billing:invoice:" + invoice.invoiceId() + ":stage-" + stage.number();
        if (stage == LadderStage.ESCALATION) {
            if (!store.claimStage(invoice.invoiceId(), stage, today, invoice.remainingCents(), "escalated", clock.instant())) {
                return false;
            }
            escalate(key, invoice, matter, today);
            return true;
        }
        Contact recipient = recipientOf(live, matter);
        if (recipient == null || recipient.email() == null || recipient.email().isBlank()) {
            if (!store.claimStage(invoice.invoiceId(), stage, today, invoice.remainingCents(), "no-recipient", clock.instant())) {
                return false;
            }
            Staff manager = firstWithRole(Staff.Role.BILLING_MANAGER, Staff.Role.BILLING_PARTNER)
                    .orElseThrow(() -> new IllegalStateException("invoice " + invoice.label()
                            + " has no reachable recipient and staff.yaml names no billing-manager to give the task"));
            outbox.enqueue(key + ":no-recipient", messages.noRecipientTask(stage, invoice, matter, manager.practiceUserId()));
            log.info("billing ladder: invoice {} stage {}: no email for the bill's recipient; task for {}", invoice.label(),
                    stage.number(), manager.name());
            return true;
        }
        if (!store.claimStage(invoice.invoiceId(), stage, today, invoice.remainingCents(), "email", clock.instant())) {
            return false;
        }
        outbox.enqueue(key, messages.stageEmail(stage, invoice, matter, recipient));
        return true;
    }

    /** Stage 3: a task for the matter's responsible attorney (else a billing partner) and an alert to each billing partner. */
    private void escalate(String key, TrackedInvoice invoice, Matter matter, LocalDate today) {
        List<Staff> partners = staff.withRole(Staff.Role.BILLING_PARTNER);
        String assigneeId;
        String assigneeName;
        if (matter != null && matter.responsibleAttorney() != null && matter.responsibleAttorney().id() != null) {
            assigneeId = matter.responsibleAttorney().id();
            assigneeName = matter.responsibleAttorney().name();
        } else {
            Staff fallback = firstWithRole(Staff.Role.BILLING_PARTNER, Staff.Role.BILLING_MANAGER)
                    .orElseThrow(() -> new IllegalStateException("invoice " + invoice.label()
                            + ": its matter names no responsible attorney and staff.yaml no billing-partner"));
            assigneeId = fallback.practiceUserId();
            assigneeName = fallback.name();
        }
        outbox.enqueue(key + ":task", messages.escalationTask(invoice, matter, assigneeId, rules.escalationTaskDue(today)));
        for (Staff partner : partners) {
            Notification alert = messages.escalationAlert(invoice, matter, partner, assigneeName);
            camel.sendBody(ALERT_ENDPOINT, alert);
        }
    }

    /** The bill's recipient: the contact the practice system addresses it to, else the matter's updates recipient. */
    static Contact recipientOf(Invoice live, Matter matter) {
        if (live != null && live.billTo() != null && live.billTo().email() != null && !live.billTo().email().isBlank()) {
            return live.billTo();
        }
        if (matter != null && matter.client() != null) {
            return matter.client();
        }
        return live == null ? null : live.billTo();
    }

    private Optional<Staff> firstWithRole(Staff.Role... roles) {
        for (Staff.Role role : roles) {
            List<Staff> people = staff.withRole(role);
            if (!people.isEmpty()) {
                return Optional.of(people.get(0));
            }
        }
        return Optional.empty();
    }
}
