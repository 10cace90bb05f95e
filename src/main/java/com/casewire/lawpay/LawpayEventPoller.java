package com.casewire.lawpay;

import com.casewire.inbox.InboxProcessor;
import com.casewire.inbox.InboxStore;
import com.casewire.vendor.VendorException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The safety net under LawPay's webhooks, run by the {@code lawpay-poll-events} route every
 * {@code hub.lawpay.poll-interval-millis}. Deliveries are unsigned hints that the gateway stops resending after six
 * hours, so a lost one must not lose a payment: this lists the Events API ({@code GET /v1/events} with
 * {@code start_date} = the stored high-water mark minus {@code hub.lawpay.poll-overlap}; the first time,
 * {@code hub.lawpay.poll-look-back} ago), page by page, and writes every payment-outcome event into the inbox exactly
 * as the webhook does: source {@code lawpay}, dedupe key = the event id. A delivered event and a polled one are one
 * row, processed once, by the same normalizer (which fetches the event by id from the gateway). The mark then moves
 * to the newest {@code created} read; a failed page leaves it where it was, so an outage delays and never skips.
 * <p>
 * An inbox row that failed because the gateway did not know the event yet (an unsigned delivery can name an id
 * early) is put back in the queue once the gateway lists that event.
 */
@Component("lawpayEventPoller")
public class LawpayEventPoller {

    private static final Logger log = LoggerFactory.getLogger(LawpayEventPoller.class);
    /** The webhook's inbox source: one dedupe key space for delivered and polled events. */
    static final String SOURCE = "lawpay";
    /** The inbox's dedupe_key and event_type columns. */
    static final int MAX_ID_LENGTH = 200;
    static final int MAX_TYPE_LENGTH = 100;

    private final LawpayClient gateway;
    private final LawpayPollStore marks;
    private final InboxStore inbox;
    private final InboxProcessor processor;
    private final Clock clock;
    private final LawpayProperties settings;
    private final ReentrantLock running = new ReentrantLock();

    LawpayEventPoller(LawpayClient gateway, LawpayPollStore marks, InboxStore inbox, InboxProcessor processor,
                      Clock clock, LawpayProperties settings) {
        this.gateway = gateway;
        this.marks = marks;
        this.inbox = inbox;
        this.processor = processor;
        this.clock = clock;
        this.settings = settings;
    }

    /** One poll; returns how many events it handed to the inbox. Does nothing while LawPay or polling is off. */
    public int poll() {
        if (!settings.polls() || !running.tryLock()) {
            return 0;
        }
        try {
            return pollEvents();
        } catch (VendorException e) {
            log.warn("LawPay event poll failed; its mark stays at {} and the next poll starts there: {}",
                    marks.mark().map(Instant::toString).orElse("(none yet)"), e.getMessage());
            return 0;
        } finally {
            running.unlock();
        }
    }

    private int pollEvents() {
        Instant now = clock.instant();
        Optional<Instant> mark = marks.mark();
        Instant since = mark.map(m -> m.minus(settings.pollOverlap())).orElse(now.minus(settings.pollLookBack()));
        int pageSize = settings.pollPageSize();
        Instant newest = null;
        int handed = 0;
        int page = 0;
        boolean more = true;
        while (more && page < settings.pollMaxPages()) {
            page++;
            JsonNode body = gateway.listEvents(since, page, pageSize);
            JsonNode results = body.path("results");
            if (!results.isArray()) {
                // never read an unknown shape as "no events": the mark would move past payments
                throw new VendorException(LawpayClient.VENDOR, false, 0, null,
                        "GET /v1/events answered without a results array", null, null);
            }
            for (JsonNode event : results) {
                if (take(event, now)) {
                    handed++;
                }
                Instant created = created(event);
                if (created != null && (newest == null || created.isAfter(newest))) {
                    newest = created;
                }
            }
            long total = body.path("total_entries").asLong(-1);
            more = results.size() >= pageSize && (total < 0 || (long) page * pageSize < total);
        }
        if (more) {
            log.info("LawPay event poll read {} pages (hub.lawpay.poll-max-pages); the next poll goes on from {}", page, newest);
        }
        if (newest != null) {
            // a gateway clock ahead of ours must not push the mark past events still to come
            marks.advance(newest.isAfter(now) ? now : newest);
        }
        if (handed > 0) {
            log.info("LawPay event poll: {} event(s) since {} handed to the inbox", handed, since);
        }
        return handed;
    }

    /**
     * Writes a payment-outcome event into the inbox under its id, as the webhook would; true when a row was written
     * or re-driven. Other event types are left out: the normalizer would fetch them only to drop them.
     */
    private boolean take(JsonNode event, Instant now) {
        String id = event.path("id").isValueNode() ? event.path("id").asText() : "";
        String type = event.path("type").asText("");
        if (!LawpayEventMapper.isPaymentOutcomeType(type)) {
            return false;
        }
        if (id.isBlank() || id.length() > MAX_ID_LENGTH || id.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            log.warn("LawPay listed a {} event with an unusable id ({} characters); skipped", type, id.length());
            return false;
        }
        Optional<Long> row = inbox.insert(SOURCE, id, type.length() <= MAX_TYPE_LENGTH ? type : type.substring(0, MAX_TYPE_LENGTH),
                event.toString(), now);
        if (row.isEmpty()) {
            // delivered or polled before; re-driven only when it failed because the gateway did not know it then
            row = inbox.redriveFailed(SOURCE, id, LawpayEventNormalizer.UNKNOWN_EVENT + id, now);
            row.ifPresent(r -> log.info("LawPay event {} is listed by the gateway now; its failed inbox row {} is re-driven", id, r));
        }
        row.ifPresent(processor::dispatch);
        return row.isPresent();
    }

    private static Instant created(JsonNode event) {
        String created = event.path("created").asText(null);
        if (created == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(created).toInstant();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
