package com.casewire.billing;

import com.casewire.canonical.Matter;
import com.casewire.canonical.MatterEvent;
import com.casewire.canonical.PaymentEvent;
import com.casewire.outbox.OutboundMessage;
import com.casewire.outbox.Outbox;
import com.casewire.payments.PaymentEvents;
import com.casewire.practice.PracticeManagement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LawPay payment posted back to the ladder (direct:billing-payment, after routes/payments.camel.yaml recorded it):
 * a completed payment whose reference is a tracked invoice (or a client's statement) lowers what is owed at once;
 * paid in full stops the remaining stages. It is written back as a note on the matter, and the client's thank-you is
 * the status-update "payment received" milestone: this returns the {@link MatterEvent} the route hands to
 * direct:matter-event (one message, on the client's preferred channel), or null when there is nothing to say.
 * Each gateway event is applied once (billing_payment), however often it is delivered.
 */
public class BillingPayments {

    private static final Logger log = LoggerFactory.getLogger(BillingPayments.class);
    static final String SOURCE = "lawpay";
    static final String MODEL = "payment";
    static final String EVENT = "completed";

    private final BillingStore store;
    private final PaymentEvents payments;
    private final PracticeManagement practice;
    private final Outbox outbox;
    private final ZoneId firmZone;
    private final Clock clock;

    BillingPayments(BillingStore store, PaymentEvents payments, PracticeManagement practice, Outbox outbox, ZoneId firmZone,
                    Clock clock) {
        this.store = store;
        this.payments = payments;
        this.practice = practice;
        this.outbox = outbox;
        this.firmZone = firmZone;
        this.clock = clock;
    }

    /**
     * Applies the payment. The payments route's record step leaves its own answer in the body, so the event is read
     * back by its id (the inbox's dedupe key, the gateway's event id) unless the body is the event itself.
     */
    public MatterEvent posted(@Body Object body, @Header("casewireDedupeKey") String eventId) {
        PaymentEvent event = body instanceof PaymentEvent p ? p
                : eventId == null ? null : payments.find(eventId).orElse(null);
        if (event == null || event.type() != PaymentEvent.Type.COMPLETED || event.invoiceReference() == null
                || event.amountCents() <= 0) {
            return null;
        }
        String reference = event.invoiceReference();
        List<TrackedInvoice> touched = new ArrayList<>();
        Optional<TrackedInvoice> invoice = store.byReference(reference);
        if (invoice.isPresent()) {
            if (!store.claimPayment(event.eventId(), reference, event.amountCents(), clock.instant())) {
                return null;
            }
            touched.add(apply(invoice.get().invoiceId(), event.amountCents(), event));
        } else {
            Optional<String> client = store.statementClient(reference);
            if (client.isEmpty()) {
                log.info("LawPay payment {} for reference {} matches no invoice on the billing ladder; left to the ledger",
                        event.transactionId(), reference);
                return null;
            }
            if (!store.claimPayment(event.eventId(), reference, event.amountCents(), clock.instant())) {
                return null;
            }
            long left = event.amountCents();
            for (TrackedInvoice open : store.openOfClient(client.get())) { // oldest due first
                if (left <= 0) {
                    break;
                }
                long share = Math.min(left, open.remainingCents());
                if (share > 0) {
                    touched.add(apply(open.invoiceId(), share, event));
                    left -= share;
                }
            }
        }
        if (touched.isEmpty()) {
            return null;
        }
        TrackedInvoice first = touched.get(0);
        Matter matter = first.matterId() == null ? null : practice.findMatter(first.matterId()).orElse(null);
        if (matter == null) {
            log.info("LawPay payment {} applied; invoice {} names no matter the practice system knows: no thank-you",
                    event.transactionId(), first.label());
            return null;
        }
        return new MatterEvent(SOURCE, MODEL, EVENT, event.transactionId(), event.eventId(), matter, event.occurredAt(),
                Map.of("invoice", first.label(), "amount", Money.format(event.amountCents()),
                        "remaining", Money.format(first.remainingCents())));
    }

    /** Lowers what the invoice owes, stops its ladder when nothing is left, and writes the payment on its matter. */
    private TrackedInvoice apply(String invoiceId, long amountCents, PaymentEvent event) {
        store.lock(invoiceId).orElseThrow();
        store.addLawpayPayment(invoiceId, amountCents, clock.instant());
        TrackedInvoice after = store.lock(invoiceId).orElseThrow();
        boolean paid = after.remainingCents() <= 0;
        if (paid) {
            store.stop(invoiceId, LocalDate.now(clock.withZone(firmZone)), BillingLadder.PAID_LAWPAY, clock.instant());
        }
        log.info("LawPay payment {} of {} applied to invoice {}: {} left{}", event.transactionId(), amountCents,
                after.label(), after.remainingCents(), paid ? "; reminders stopped" : "; reminders continue for that amount");
        if (after.matterId() != null) {
            String detail = "LawPay payment " + event.transactionId() + " of " + Money.format(amountCents) + " received for invoice #"
                    + after.label() + ". " + (paid ? "The invoice is paid; the hub's payment reminders have stopped."
                    : "Still owed: " + Money.format(after.remainingCents()) + "; the reminders continue for that amount.");
            OutboundMessage note = OutboundMessage.matterNote(after.matterId(), "Payment received: invoice #" + after.label(),
                    detail).withWorkflow(BillingMessages.WORKFLOW);
            outbox.enqueue("billing:payment:" + event.eventId() + ":" + invoiceId + ":note", note);
        }
        return after;
    }
}
